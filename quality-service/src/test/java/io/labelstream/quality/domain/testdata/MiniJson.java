package io.labelstream.quality.domain.testdata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for the worked-example files: objects become maps, arrays lists, numbers doubles,
 * null stays null. Enough for well-formed data files; not a general-purpose parser.
 */
public final class MiniJson {

    private final String text;
    private int pos;

    private MiniJson(String text) {
        this.text = text;
    }

    public static Object parse(String text) {
        MiniJson parser = new MiniJson(text);
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("trailing characters");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> readObject(Path file) {
        try {
            return (Map<String, Object>) parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> parent, String key) {
        return (Map<String, Object>) require(parent, key);
    }

    public static double number(Map<String, Object> parent, String key) {
        return (Double) require(parent, key);
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<String, Object> parent, String key) {
        return (List<Object>) require(parent, key);
    }

    @SuppressWarnings("unchecked")
    public static long[][] longMatrix(Map<String, Object> parent, String key) {
        List<Object> rows = list(parent, key);
        long[][] matrix = new long[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            List<Object> row = (List<Object>) rows.get(i);
            matrix[i] = row.stream().mapToLong(v -> Math.round((Double) v)).toArray();
        }
        return matrix;
    }

    @SuppressWarnings("unchecked")
    public static Double[][] nullableMatrix(Map<String, Object> parent, String key) {
        List<Object> rows = list(parent, key);
        Double[][] matrix = new Double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            matrix[i] = ((List<Object>) rows.get(i)).toArray(new Double[0]);
        }
        return matrix;
    }

    public static double[] doubles(Map<String, Object> parent, String key) {
        return list(parent, key).stream().mapToDouble(v -> (Double) v).toArray();
    }

    private static Object require(Map<String, Object> parent, String key) {
        if (!parent.containsKey(key)) {
            throw new IllegalArgumentException("missing key " + key + " in " + parent.keySet());
        }
        return parent.get(key);
    }

    private Object value() {
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> objectValue();
            case '[' -> arrayValue();
            case '"' -> stringValue();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> numberValue();
        };
    }

    private Map<String, Object> objectValue() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            String key = stringValue();
            skipWhitespace();
            expect(':');
            map.put(key, value());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> arrayValue() {
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            list.add(value());
            skipWhitespace();
            if (peek() == ',') {
                pos++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String stringValue() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\') {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'u' -> {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> sb.append(e);
                }
            } else {
                sb.append(c);
            }
        }
    }

    private Double numberValue() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        if (start == pos) {
            throw error("unexpected character '" + text.charAt(pos) + "'");
        }
        return Double.parseDouble(text.substring(start, pos));
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException(message + " at offset " + pos);
    }
}
