package io.labelstream.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.TaskType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an item's {@code data} against what its project's task type can label: text for spans, an image
 * for boxes, two or more candidates for preference and ranking, and any text, image or audio item for
 * classification and rating (see the item shapes in the labels-and-items guide).
 */
public final class ItemDataValidator {

    private ItemDataValidator() {
    }

    public static List<Violation> validate(TaskType taskType, JsonNode data) {
        List<Violation> violations = new ArrayList<>();
        if (data == null || data.isNull() || data.isMissingNode()) {
            violations.add(new Violation("data", "is required"));
            return violations;
        }
        if (!data.isObject()) {
            violations.add(new Violation("data", "must be an object"));
            return violations;
        }
        switch (taskType) {
            case SPANS -> requireText(data, violations);
            case BOXES -> requireImage(data, violations);
            case PREFERENCE, RANKING -> requireCandidates(data, violations);
            case SINGLE_LABEL, MULTI_LABEL, RATING -> requireAnyContent(data, violations);
        }
        return violations;
    }

    private static void requireAnyContent(JsonNode data, List<Violation> violations) {
        if (data.has("text")) {
            requireText(data, violations);
        } else if (data.has("imageUrl")) {
            requireImage(data, violations);
        } else if (data.has("audioUrl")) {
            requireAudio(data, violations);
        } else if (data.has("candidates")) {
            requireCandidates(data, violations);
        } else {
            violations.add(new Violation("data", "needs text, imageUrl, audioUrl or candidates"));
        }
    }

    private static void requireText(JsonNode data, List<Violation> violations) {
        JsonNode text = data.get("text");
        if (text == null || !text.isTextual() || text.textValue().isBlank()) {
            violations.add(new Violation("data.text", "must be a non-empty string"));
        }
    }

    private static void requireImage(JsonNode data, List<Violation> violations) {
        requireUrl(data, "imageUrl", violations);
        requirePositiveInteger(data, "width", violations);
        requirePositiveInteger(data, "height", violations);
    }

    private static void requireAudio(JsonNode data, List<Violation> violations) {
        requireUrl(data, "audioUrl", violations);
        JsonNode duration = data.get("durationSeconds");
        if (duration != null && !duration.isNull() && (!duration.isNumber() || duration.doubleValue() < 0)) {
            violations.add(new Violation("data.durationSeconds", "must be a number >= 0"));
        }
    }

    private static void requireCandidates(JsonNode data, List<Violation> violations) {
        JsonNode prompt = data.get("prompt");
        if (prompt != null && !prompt.isNull() && !prompt.isTextual()) {
            violations.add(new Violation("data.prompt", "must be a string"));
        }
        JsonNode candidates = data.get("candidates");
        if (candidates == null || !candidates.isArray() || candidates.size() < 2) {
            violations.add(new Violation("data.candidates", "must be an array of at least 2 candidates"));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            String path = "data.candidates[" + i + "]";
            JsonNode id = candidate.get("id");
            if (id == null || !id.isTextual() || id.textValue().isBlank()) {
                violations.add(new Violation(path + ".id", "must be a non-empty string"));
            } else if (!ids.add(id.textValue())) {
                violations.add(new Violation(path + ".id", "duplicates candidate " + id.textValue()));
            }
            JsonNode text = candidate.get("text");
            JsonNode imageUrl = candidate.get("imageUrl");
            if ((text == null || !text.isTextual()) && (imageUrl == null || !imageUrl.isTextual())) {
                violations.add(new Violation(path, "needs a text or an imageUrl"));
            }
        }
    }

    private static void requireUrl(JsonNode data, String field, List<Violation> violations) {
        JsonNode url = data.get(field);
        if (url == null || !url.isTextual() || !(url.textValue().startsWith("https://")
                || url.textValue().startsWith("http://") || url.textValue().startsWith("s3://")
                || url.textValue().startsWith("gs://"))) {
            violations.add(new Violation("data." + field, "must be an http(s), s3 or gs URL"));
        }
    }

    private static void requirePositiveInteger(JsonNode data, String field, List<Violation> violations) {
        JsonNode value = data.get(field);
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() <= 0) {
            violations.add(new Violation("data." + field, "must be a positive integer"));
        }
    }
}
