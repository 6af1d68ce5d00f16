package io.labelstream.platform.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * What PostgreSQL refuses in text and jsonb: the NUL character, and a UTF-16 surrogate without its pair
 * (a JSON escape such as {@code "\ud800"} decodes to one; it has no UTF-8 form). Found here, such a string
 * is a 400 naming its field instead of a database error.
 */
public final class SafeText {

    private SafeText() {
    }

    /** Why {@code text} cannot be stored, or empty if it can. */
    public static Optional<String> defect(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return Optional.of("must not contain the NUL character (U+0000)");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of("must not contain an unpaired UTF-16 surrogate");
            }
            if (Character.isLowSurrogate(c)) {
                return Optional.of("must not contain an unpaired UTF-16 surrogate");
            }
        }
        return Optional.empty();
    }

    /**
     * The first string of a JSON tree, value or field name, that cannot be stored: its JSON Pointer
     * (relative to the tree) and the reason. Empty if every string can be stored.
     */
    public static Optional<Defect> firstDefect(JsonNode tree) {
        return firstDefect(tree, "");
    }

    private static Optional<Defect> firstDefect(JsonNode node, String pointer) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual()) {
            return defect(node.textValue()).map(reason -> new Defect(pointer, reason));
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String child = pointer + "/" + escape(field.getKey());
                Optional<String> keyDefect = defect(field.getKey());
                if (keyDefect.isPresent()) {
                    return Optional.of(new Defect(child, "field name " + keyDefect.get()));
                }
                Optional<Defect> found = firstDefect(field.getValue(), child);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Defect> found = firstDefect(node.get(i), pointer + "/" + i);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    // RFC 6901; the name itself may be the defect, so it is not echoed raw
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1").replace("\u0000", "\\u0000");
    }

    /** A string of a tree that cannot be stored: where (a JSON Pointer) and why. */
    public record Defect(String pointer, String reason) {

        /** The defect as one sentence, e.g. {@code at /text: must not contain …}. */
        public String describe() {
            return pointer.isEmpty() ? reason : "at " + pointer + ": " + reason;
        }
    }
}
