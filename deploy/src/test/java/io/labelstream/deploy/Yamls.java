package io.labelstream.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Loading and navigating plain YAML trees (maps, lists, scalars). */
final class Yamls {

    private Yamls() {
    }

    static Yaml parser() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options));
    }

    /** All non-empty documents of a multi-document YAML text that are mappings. */
    static List<Map<String, Object>> loadAll(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : parser().loadAll(text)) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map)) {
                throw new IllegalArgumentException("YAML document is not a mapping: " + document);
            }
            documents.add(asMap(document));
        }
        return documents;
    }

    static Object load(String text) {
        return parser().load(text);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : null;
    }

    @SuppressWarnings("unchecked")
    static List<Object> asList(Object value) {
        return value instanceof List ? (List<Object>) value : null;
    }

    /** The value at a path of map keys, or null when any step is missing. */
    static Object at(Object root, String... path) {
        Object current = root;
        for (String key : path) {
            Map<String, Object> map = asMap(current);
            if (map == null) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static Map<String, Object> mapAt(Object root, String... path) {
        Map<String, Object> map = asMap(at(root, path));
        return map == null ? Map.of() : map;
    }

    static List<Object> listAt(Object root, String... path) {
        List<Object> list = asList(at(root, path));
        return list == null ? List.of() : list;
    }

    static List<Map<String, Object>> mapsAt(Object root, String... path) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : listAt(root, path)) {
            Map<String, Object> map = asMap(item);
            if (map != null) {
                maps.add(map);
            }
        }
        return maps;
    }

    static String stringAt(Object root, String... path) {
        Object value = at(root, path);
        return value == null ? null : String.valueOf(value);
    }

    /** An integer at a path; YAML may give it as a number or a quoted string. */
    static Long longAt(Object root, String... path) {
        Object value = at(root, path);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String string && string.strip().matches("-?\\d+")) {
            return Long.parseLong(string.strip());
        }
        return null;
    }

    static String kind(Map<String, Object> resource) {
        return stringAt(resource, "kind");
    }

    static String name(Map<String, Object> resource) {
        return stringAt(resource, "metadata", "name");
    }

    static String apiGroup(Map<String, Object> resource) {
        String apiVersion = Objects.toString(resource.get("apiVersion"), "");
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    static String id(Map<String, Object> resource) {
        return kind(resource) + "/" + name(resource);
    }

    /** A deep, mutable copy of a YAML tree. */
    static Object deepCopy(Object value) {
        Map<String, Object> map = asMap(value);
        if (map != null) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        }
        List<Object> list = asList(value);
        if (list != null) {
            List<Object> copy = new ArrayList<>();
            list.forEach(item -> copy.add(deepCopy(item)));
            return copy;
        }
        return value;
    }

    /** True when every label of the selector's matchLabels is present with the same value. */
    static boolean selects(Map<String, Object> matchLabels, Map<String, Object> labels) {
        if (matchLabels.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, Object> entry : matchLabels.entrySet()) {
            if (!Objects.equals(String.valueOf(entry.getValue()), stringOrNull(labels.get(entry.getKey())))) {
                return false;
            }
        }
        return true;
    }

    private static String stringOrNull(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
