package io.labelstream.platform.outbox;

import java.util.List;

/**
 * A PostgreSQL array literal such as {@code {1,"a \"b\"",NULL}}, bound as one string and cast by the
 * statement ({@code ?::text[]}). The driver's {@code createArrayOf} builds the same text, but needs the
 * connection and so runs inside the transaction; a literal can be built before it, by a bulk import's
 * worker while the previous batch commits.
 */
public final class ArrayLiteral {

    private ArrayLiteral() {
    }

    /**
     * The values as an array literal: null as NULL, strings quoted, anything else (numbers, booleans,
     * UUIDs) as its {@code toString}, which has no character that needs quoting.
     */
    public static String of(List<?> values) {
        StringBuilder out = new StringBuilder(values.size() * 40 + 2).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            Object value = values.get(i);
            if (value == null) {
                out.append("NULL");
            } else if (value instanceof String text) {
                quote(text, out);
            } else {
                out.append(value);
            }
        }
        return out.append('}').toString();
    }

    private static void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
