package io.labelstream.systemtests;

import io.labelstream.devstack.ContainerTestInfrastructure;
import io.labelstream.devstack.EmbeddedPostgresServer;
import io.labelstream.devstack.LocalStack;
import io.labelstream.devstack.StackSettings;
import io.labelstream.devstack.TestInfrastructureChoice;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole platform as the run command starts it — broker, PostgreSQL, the services and the console as
 * separate processes — once per test JVM, on free ports and in a fresh data directory. With the
 * containers option (see TestInfrastructureChoice) the broker and PostgreSQL are containers instead.
 */
final class RunningStack {

    private static LocalStack stack;

    private RunningStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            stack = start();
        }
        return stack;
    }

    static String url(String service) {
        return get().services().get(service).baseUrl();
    }

    private static LocalStack start() {
        try {
            Path root = Path.of(System.getProperty("labelstream.root", "..")).toAbsolutePath().normalize();
            Path data = Files.createTempDirectory("labelstream-system-test");
            Map<String, String> env = new HashMap<>();
            env.put("LABELSTREAM_DATA_DIR", data.toString());
            env.put("LABELSTREAM_KAFKA_PORT", String.valueOf(freePortPair()));
            env.put("LABELSTREAM_PG_PORT", String.valueOf(freePort()));
            // the services and, after them, the console: one run of free ports, so none is handed to another
            int firstPort = freePortRun(LocalStack.SERVICES.size() + 1);
            env.put("LABELSTREAM_FIRST_PORT", String.valueOf(firstPort));
            env.put("LABELSTREAM_SERVICE_HEAP", "320m");
            env.put("LABELSTREAM_CONSOLE_PORT", String.valueOf(firstPort + LocalStack.SERVICES.size()));
            if (TestInfrastructureChoice.fromEnvironment() == TestInfrastructureChoice.Kind.CONTAINERS) {
                // the services run against containers as against any external Kafka and PostgreSQL
                ContainerTestInfrastructure containers = ContainerTestInfrastructure.start(3, true);
                Runtime.getRuntime().addShutdownHook(new Thread(containers::close, "system-test-containers-stop"));
                env.put("KAFKA_BOOTSTRAP_SERVERS", containers.bootstrapServers());
                env.put("LABELSTREAM_DB_URL", containers.jdbcUrl());
                env.put("LABELSTREAM_DB_USER", EmbeddedPostgresServer.USER);
                env.put("LABELSTREAM_DB_PASSWORD", EmbeddedPostgresServer.PASSWORD);
            }
            LocalStack started = new LocalStack(StackSettings.fromEnvironment(env, root),
                    new PrintStream(Files.newOutputStream(data.resolve("launcher.log"))));
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "system-test-stack-stop"));
            return started;
        } catch (Exception e) {
            throw new IllegalStateException("the stack did not start", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port whose next neighbour is free too (broker and controller). */
    private static int freePortPair() throws IOException {
        return freePortRun(2);
    }

    private static int freePortRun(int length) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = freePort();
            if (first + length >= 65535) {
                continue;
            }
            boolean free = true;
            for (int port = first + 1; port < first + length && free; port++) {
                try (ServerSocket ignored = new ServerSocket(port)) {
                    free = true;
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return first;
            }
        }
        throw new IOException("no run of " + length + " free ports found");
    }
}
