package io.labelstream.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One Labelstream service (or the broker) running as a child process, with its output in a log file. */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Integer httpPort;
    private Process process;

    public ServiceProcess(String name, List<String> command, Map<String, String> environment, Path logFile,
                          Integer httpPort) {
        this.name = name;
        this.command = command;
        this.environment = environment;
        this.logFile = logFile;
        this.httpPort = httpPort;
    }

    public ServiceProcess start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        return this;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Whether the service's readiness check answers UP (database and Kafka reachable). */
    public boolean isReady() {
        if (httpPort == null || !isAlive()) {
            return false;
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills the process at once, as a crash would. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Asks the process to stop (SIGTERM) without waiting, so that several can stop at once. */
    public void requestStop() {
        if (process != null && process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits for the process to stop, killing it after {@code grace}. */
    public void awaitStop(java.time.Duration grace) throws InterruptedException {
        if (process != null && !process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        requestStop();
        awaitStop(java.time.Duration.ofSeconds(20));
    }
}
