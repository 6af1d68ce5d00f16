package io.labelstream.learning.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.learning.domain.ModelMetrics;
import io.labelstream.learning.domain.ModelVersion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Request and response bodies of the model API. */
public final class ModelViews {

    /** The most items one prediction request may carry. */
    public static final int MAX_ITEMS = 1000;

    private ModelViews() {
    }

    public record Version(String modelId, int version, Instant trainedAt, int trainingLabels, ModelMetrics metrics) {

        static Version of(ModelVersion model) {
            return new Version(model.modelId(), model.version(), model.trainedAt(), model.trainingLabels(), model.metrics());
        }
    }

    public record PredictRequest(@NotNull @NotEmpty @Size(max = MAX_ITEMS) List<@Valid @NotNull Item> items) {
    }

    public record Item(@NotNull JsonNode data) {
    }

    public record Predictions(String modelId, List<Prediction> predictions) {
    }

    public record Prediction(JsonNode label, Map<String, Double> distribution) {
    }
}
