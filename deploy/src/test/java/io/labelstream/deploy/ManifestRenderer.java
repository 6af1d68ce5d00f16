package io.labelstream.deploy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization directory to its list of resources: with {@code kubectl kustomize} when kubectl is
 * on the PATH, else with {@link KustomizeFallback}. Set the system property
 * {@code labelstream.deploy.renderer=fallback} to force the fallback.
 */
final class ManifestRenderer {

    private static final Map<Path, List<Map<String, Object>>> CACHE = new ConcurrentHashMap<>();
    private static volatile boolean announced;

    private ManifestRenderer() {
    }

    static List<Map<String, Object>> render(Path directory) {
        return CACHE.computeIfAbsent(directory.toAbsolutePath().normalize(), ManifestRenderer::renderUncached);
    }

    static String rendererDescription() {
        return kubectl().map(path -> "kubectl kustomize (" + path + ")")
                .orElse("the Java fallback renderer (kubectl not found on PATH"
                        + ("fallback".equals(System.getProperty("labelstream.deploy.renderer")) ? " or fallback forced" : "")
                        + ")");
    }

    private static List<Map<String, Object>> renderUncached(Path directory) {
        if (!announced) {
            announced = true;
            System.out.println("[deploy] rendering kustomizations with " + rendererDescription());
        }
        try {
            Optional<Path> kubectl = kubectl();
            return kubectl.isPresent() ? kubectlKustomize(kubectl.get(), directory)
                    : new KustomizeFallback().render(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot render " + directory + ": " + e.getMessage(), e);
        }
    }

    static Optional<Path> kubectl() {
        if ("fallback".equals(System.getProperty("labelstream.deploy.renderer"))) {
            return Optional.empty();
        }
        return findOnPath("kubectl");
    }

    static Optional<Path> findOnPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isBlank()) {
                continue;
            }
            Path candidate = Path.of(directory, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static List<Map<String, Object>> kubectlKustomize(Path kubectl, Path directory) throws IOException {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", directory.toString())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        process.getOutputStream().close();
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("kubectl kustomize " + directory + " timed out");
            }
            if (process.exitValue() != 0) {
                throw new IOException("kubectl kustomize " + directory + " failed (exit " + process.exitValue()
                        + "):\n" + stderr.join());
            }
            return Yamls.loadAll(stdout.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
