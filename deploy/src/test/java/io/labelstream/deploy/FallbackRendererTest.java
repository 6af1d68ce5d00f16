package io.labelstream.deploy;

import static io.labelstream.deploy.Yamls.asList;
import static io.labelstream.deploy.Yamls.asMap;
import static io.labelstream.deploy.Yamls.kind;
import static io.labelstream.deploy.Yamls.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps the Java fallback renderer honest: where kubectl is available, both renderings of every kustomization
 * must be identical (apart from the hash suffix Kustomize appends to generated ConfigMap names), so the
 * checks stay meaningful on a machine without kubectl.
 */
class FallbackRendererTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.labelstream.deploy.DeployManifestsTest#kustomizations")
    void fallbackRendersLikeKubectl(String kustomization) throws IOException {
        assumeThat(ManifestRenderer.findOnPath("kubectl"))
                .as("kubectl is not on the PATH; the fallback is what the other checks use").isPresent();
        Path directory = DeployManifestsTest.K8S.resolve(kustomization);
        List<Map<String, Object>> fallback = new KustomizeFallback().render(directory);
        List<Map<String, Object>> kubectl = ManifestRenderer.kubectlKustomize(
                ManifestRenderer.findOnPath("kubectl").orElseThrow(), directory);

        Set<String> generated = fallback.stream().filter(r -> "ConfigMap".equals(kind(r))).map(Yamls::name)
                .collect(Collectors.toSet());
        Map<String, Object> expected = byId(kubectl.stream().map(r -> stripHashes(r, generated)).toList());
        Map<String, Object> actual = byId(fallback);

        assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (String id : expected.keySet()) {
            assertThat(actual.get(id)).as(id).isEqualTo(expected.get(id));
        }
    }

    private static Map<String, Object> byId(List<Map<String, Object>> resources) {
        Map<String, Object> byId = new TreeMap<>();
        resources.forEach(r -> byId.put(r.get("apiVersion") + " " + kind(r) + " " + name(r), r));
        return byId;
    }

    /** Replaces "name-<hash>" by "name" for every generated ConfigMap name. */
    @SuppressWarnings("unchecked")
    private static <T> T stripHashes(T node, Set<String> generated) {
        Map<String, Object> map = asMap(node);
        if (map != null) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, stripHashes(v, generated)));
            return (T) copy;
        }
        List<Object> list = asList(node);
        if (list != null) {
            return (T) list.stream().map(item -> stripHashes(item, generated)).collect(Collectors.toList());
        }
        if (node instanceof String string) {
            for (String name : generated) {
                if (string.matches(java.util.regex.Pattern.quote(name) + "-[a-z0-9]{10}")) {
                    return (T) name;
                }
            }
        }
        return node;
    }
}
