package io.labelstream.deploy;

import static io.labelstream.deploy.Yamls.apiGroup;
import static io.labelstream.deploy.Yamls.asList;
import static io.labelstream.deploy.Yamls.asMap;
import static io.labelstream.deploy.Yamls.deepCopy;
import static io.labelstream.deploy.Yamls.kind;
import static io.labelstream.deploy.Yamls.listAt;
import static io.labelstream.deploy.Yamls.mapAt;
import static io.labelstream.deploy.Yamls.mapsAt;
import static io.labelstream.deploy.Yamls.name;
import static io.labelstream.deploy.Yamls.stringAt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A small Java rendering of a kustomization, used when kubectl is not on the PATH.
 *
 * <p>It supports the subset of Kustomize the Labelstream manifests use: {@code resources} (files and
 * directories), {@code components}, {@code configMapGenerator} (literals, create/merge/replace, no name
 * hash), {@code patches} (JSON 6902 and strategic-merge, inline or from a file, with {@code target}),
 * {@code images}, {@code labels} (without selectors) and {@code namespace}. Anything else in a
 * kustomization is rejected rather than ignored, so the checks never run on a silently wrong rendering.
 */
final class KustomizeFallback {

    private static final Set<String> SUPPORTED_FIELDS = Set.of("apiVersion", "kind", "metadata", "resources",
            "components", "configMapGenerator", "generatorOptions", "patches", "images", "labels", "namespace");

    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "PriorityClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ClusterImageCatalog");

    private static final Set<String> POD_TEMPLATE_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet",
            "ReplicaSet", "Job", "ReplicationController");

    List<Map<String, Object>> render(Path directory) throws IOException {
        return build(directory, new ArrayList<>());
    }

    private List<Map<String, Object>> build(Path directory, List<Map<String, Object>> inherited) throws IOException {
        Map<String, Object> kustomization = kustomization(directory);
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED_FIELDS.contains(field)) {
                throw new UnsupportedOperationException(
                        "the fallback renderer does not support '" + field + "' in " + directory);
            }
        }
        List<Map<String, Object>> resources = inherited;
        for (Object entry : listAt(kustomization, "resources")) {
            Path path = directory.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(path)) {
                resources.addAll(build(path, new ArrayList<>()));
            } else {
                resources.addAll(Yamls.loadAll(Files.readString(path)));
            }
        }
        for (Object entry : listAt(kustomization, "components")) {
            resources = build(directory.resolve(String.valueOf(entry)).normalize(), resources);
        }
        generateConfigMaps(directory, kustomization, resources);
        for (Map<String, Object> patch : mapsAt(kustomization, "patches")) {
            applyPatch(directory, patch, resources);
        }
        for (Map<String, Object> image : mapsAt(kustomization, "images")) {
            for (Map<String, Object> resource : resources) {
                setImages(resource, image);
            }
        }
        String namespace = stringAt(kustomization, "namespace");
        if (namespace != null) {
            for (Map<String, Object> resource : resources) {
                if (!CLUSTER_SCOPED.contains(kind(resource))) {
                    metadata(resource).put("namespace", namespace);
                }
            }
        }
        for (Map<String, Object> labels : mapsAt(kustomization, "labels")) {
            applyLabels(labels, resources);
        }
        return resources;
    }

    private static Map<String, Object> kustomization(Path directory) throws IOException {
        for (String file : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            Path path = directory.resolve(file);
            if (Files.isRegularFile(path)) {
                Map<String, Object> kustomization = asMap(Yamls.load(Files.readString(path)));
                return kustomization == null ? Map.of() : kustomization;
            }
        }
        throw new IOException("no kustomization file in " + directory);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Map<String, Object> resource) {
        return (Map<String, Object>) resource.computeIfAbsent("metadata", key -> new LinkedHashMap<>());
    }

    // ---- configMapGenerator --------------------------------------------------------------------

    private static void generateConfigMaps(Path directory, Map<String, Object> kustomization,
            List<Map<String, Object>> resources) {
        for (Map<String, Object> generator : mapsAt(kustomization, "configMapGenerator")) {
            for (String field : generator.keySet()) {
                if (!Set.of("name", "behavior", "literals", "envs", "options").contains(field)) {
                    throw new UnsupportedOperationException("configMapGenerator." + field + " is not supported");
                }
            }
            String name = stringAt(generator, "name");
            Map<String, Object> data = new LinkedHashMap<>();
            List<Object> entries = new ArrayList<>();
            for (Object envFile : listAt(generator, "envs")) {
                entries.addAll(envFileEntries(directory.resolve(String.valueOf(envFile))));
            }
            entries.addAll(listAt(generator, "literals"));
            for (Object literal : entries) {
                String text = String.valueOf(literal);
                int equals = text.indexOf('=');
                data.put(text.substring(0, equals), text.substring(equals + 1));
            }
            String behavior = Objects.requireNonNullElse(stringAt(generator, "behavior"), "create");
            Map<String, Object> existing = resources.stream()
                    .filter(r -> "ConfigMap".equals(kind(r)) && name.equals(name(r)))
                    .findFirst().orElse(null);
            switch (behavior) {
                case "create" -> {
                    Map<String, Object> configMap = new LinkedHashMap<>();
                    configMap.put("apiVersion", "v1");
                    configMap.put("kind", "ConfigMap");
                    Map<String, Object> metadata = new LinkedHashMap<>();
                    metadata.put("name", name);
                    configMap.put("metadata", metadata);
                    configMap.put("data", data);
                    resources.add(configMap);
                }
                case "merge", "replace" -> {
                    if (existing == null) {
                        throw new IllegalStateException("configMapGenerator " + behavior + ": no ConfigMap " + name);
                    }
                    Map<String, Object> merged = "merge".equals(behavior)
                            ? new LinkedHashMap<>(mapAt(existing, "data")) : new LinkedHashMap<>();
                    merged.putAll(data);
                    existing.put("data", merged);
                }
                default -> throw new IllegalStateException("unknown configMapGenerator behavior " + behavior);
            }
        }
    }

    /** The KEY=VALUE lines of an env file, without blank lines and # comments, as Kustomize reads them. */
    private static List<String> envFileEntries(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- patches -----------------------------------------------------------------------------------

    private static void applyPatch(Path directory, Map<String, Object> entry, List<Map<String, Object>> resources)
            throws IOException {
        String text = entry.containsKey("path")
                ? Files.readString(directory.resolve(String.valueOf(entry.get("path"))))
                : String.valueOf(entry.get("patch"));
        Object patch = Yamls.load(text);
        Map<String, Object> target = mapAt(entry, "target");
        if (asList(patch) != null) {
            if (target.isEmpty()) {
                throw new IllegalStateException("a JSON 6902 patch needs a target");
            }
            boolean matched = false;
            for (Map<String, Object> resource : resources) {
                if (matches(target, resource)) {
                    matched = true;
                    for (Map<String, Object> operation : mapsAt(Map.of("ops", patch), "ops")) {
                        applyOperation(resource, operation);
                    }
                }
            }
            requireMatch(matched, entry);
            return;
        }
        Map<String, Object> strategic = asMap(patch);
        if (strategic == null) {
            throw new IllegalStateException("unsupported patch: " + text);
        }
        if (target.isEmpty()) {
            Map<String, Object> byName = new LinkedHashMap<>();
            byName.put("kind", kind(strategic));
            byName.put("name", java.util.regex.Pattern.quote(name(strategic)));
            target = byName;
        }
        boolean delete = "delete".equals(strategic.get("$patch"));
        boolean matched = false;
        for (Iterator<Map<String, Object>> it = resources.iterator(); it.hasNext();) {
            Map<String, Object> resource = it.next();
            if (!matches(target, resource)) {
                continue;
            }
            matched = true;
            if (delete) {
                it.remove();
            } else {
                Map<String, Object> body = new LinkedHashMap<>(strategic);
                body.remove("apiVersion");
                body.remove("kind");
                mergeStrategic(resource, body);
            }
        }
        requireMatch(matched, entry);
    }

    private static void requireMatch(boolean matched, Map<String, Object> entry) {
        if (!matched) {
            throw new IllegalStateException("patch matches no resource: " + entry);
        }
    }

    private static boolean matches(Map<String, Object> target, Map<String, Object> resource) {
        String kind = stringAt(target, "kind");
        String name = stringAt(target, "name");
        String group = stringAt(target, "group");
        String version = stringAt(target, "version");
        String labelSelector = stringAt(target, "labelSelector");
        if (kind != null && !kind.equals(kind(resource))) {
            return false;
        }
        if (name != null && !String.valueOf(name(resource)).matches(name)) {
            return false;
        }
        if (group != null && !group.equals(apiGroup(resource))) {
            return false;
        }
        if (version != null && !String.valueOf(resource.get("apiVersion")).endsWith("/" + version)
                && !version.equals(resource.get("apiVersion"))) {
            return false;
        }
        if (labelSelector != null) {
            Map<String, Object> labels = mapAt(resource, "metadata", "labels");
            for (String requirement : labelSelector.split(",")) {
                String[] pair = requirement.split("=", 2);
                if (pair.length != 2 || !pair[1].strip().equals(String.valueOf(labels.get(pair[0].strip())))) {
                    return false;
                }
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void mergeStrategic(Map<String, Object> into, Map<String, Object> patch) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("$")) {
                continue;
            }
            Object current = into.get(key);
            if (value == null) {
                into.remove(key);
            } else if (asMap(value) != null && asMap(current) != null) {
                mergeStrategic((Map<String, Object>) current, (Map<String, Object>) value);
            } else if (asList(value) != null && asList(current) != null && mergeableByName(asList(value))
                    && mergeableByName(asList(current))) {
                List<Object> list = (List<Object>) current;
                for (Object item : asList(value)) {
                    Object itemName = asMap(item).get("name");
                    Map<String, Object> existing = list.stream().map(Yamls::asMap)
                            .filter(m -> Objects.equals(m.get("name"), itemName)).findFirst().orElse(null);
                    if (existing == null) {
                        list.add(deepCopy(item));
                    } else {
                        mergeStrategic(existing, asMap(item));
                    }
                }
            } else {
                into.put(key, deepCopy(value));
            }
        }
    }

    private static boolean mergeableByName(List<Object> list) {
        return !list.isEmpty() && list.stream().allMatch(item -> asMap(item) != null && asMap(item).containsKey("name"));
    }

    private static void applyOperation(Map<String, Object> resource, Map<String, Object> operation) {
        String op = stringAt(operation, "op");
        String path = stringAt(operation, "path");
        List<String> tokens = new ArrayList<>();
        for (String token : path.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        Object parent = resource;
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            parent = child(parent, token, path);
        }
        String last = tokens.get(tokens.size() - 1);
        Object value = deepCopy(operation.get("value"));
        Map<String, Object> map = asMap(parent);
        List<Object> list = asList(parent);
        if (map == null && list == null) {
            throw new IllegalStateException("no container at " + path + " in " + Yamls.id(resource));
        }
        switch (op) {
            case "add" -> {
                if (map != null) {
                    map.put(last, value);
                } else if ("-".equals(last)) {
                    list.add(value);
                } else {
                    list.add(Integer.parseInt(last), value);
                }
            }
            case "replace" -> {
                if (map != null) {
                    if (!map.containsKey(last)) {
                        throw new IllegalStateException("replace of a missing path " + path + " in " + Yamls.id(resource));
                    }
                    map.put(last, value);
                } else {
                    list.set(Integer.parseInt(last), value);
                }
            }
            case "remove" -> {
                if (map != null) {
                    if (map.remove(last) == null) {
                        throw new IllegalStateException("remove of a missing path " + path + " in " + Yamls.id(resource));
                    }
                } else {
                    list.remove(Integer.parseInt(last));
                }
            }
            default -> throw new UnsupportedOperationException("JSON patch op " + op + " is not supported");
        }
    }

    private static Object child(Object parent, String token, String path) {
        Map<String, Object> map = asMap(parent);
        if (map != null && map.containsKey(token)) {
            return map.get(token);
        }
        List<Object> list = asList(parent);
        if (list != null && token.matches("\\d+") && Integer.parseInt(token) < list.size()) {
            return list.get(Integer.parseInt(token));
        }
        throw new IllegalStateException("path " + path + " does not exist (at '" + token + "')");
    }

    // ---- images ------------------------------------------------------------------------------------

    private static void setImages(Object node, Map<String, Object> image) {
        Map<String, Object> map = asMap(node);
        if (map != null) {
            for (Map.Entry<String, Object> entry : map.entrySet()) {
                if (Set.of("containers", "initContainers").contains(entry.getKey()) && asList(entry.getValue()) != null) {
                    for (Object container : asList(entry.getValue())) {
                        Map<String, Object> c = asMap(container);
                        if (c != null && c.get("image") != null) {
                            c.put("image", rewriteImage(String.valueOf(c.get("image")), image));
                        }
                    }
                } else {
                    setImages(entry.getValue(), image);
                }
            }
        }
        List<Object> list = asList(node);
        if (list != null) {
            list.forEach(item -> setImages(item, image));
        }
    }

    static String rewriteImage(String reference, Map<String, Object> image) {
        ImageReference parsed = ImageReference.parse(reference);
        if (!parsed.repository().equals(stringAt(image, "name"))) {
            return reference;
        }
        String repository = Objects.requireNonNullElse(stringAt(image, "newName"), parsed.repository());
        String digest = stringAt(image, "digest");
        String tag = stringAt(image, "newTag");
        if (digest != null) {
            return repository + "@" + digest;
        }
        if (tag != null) {
            return repository + ":" + tag;
        }
        return repository + parsed.suffix();
    }

    // ---- labels ------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static void applyLabels(Map<String, Object> entry, List<Map<String, Object>> resources) {
        if (Boolean.TRUE.equals(entry.get("includeSelectors"))) {
            throw new UnsupportedOperationException("labels with includeSelectors: true are not supported");
        }
        boolean templates = Boolean.TRUE.equals(entry.get("includeTemplates"));
        Map<String, Object> pairs = mapAt(entry, "pairs");
        for (Map<String, Object> resource : resources) {
            addLabels(metadata(resource), pairs);
            if (templates && POD_TEMPLATE_KINDS.contains(kind(resource))) {
                Map<String, Object> template = asMap(Yamls.at(resource, "spec", "template"));
                if (template != null) {
                    addLabels((Map<String, Object>) template.computeIfAbsent("metadata", k -> new LinkedHashMap<>()), pairs);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void addLabels(Map<String, Object> metadata, Map<String, Object> pairs) {
        Map<String, Object> labels = (Map<String, Object>) metadata.computeIfAbsent("labels", k -> new LinkedHashMap<>());
        pairs.forEach((k, v) -> labels.put(k, String.valueOf(v)));
    }
}
