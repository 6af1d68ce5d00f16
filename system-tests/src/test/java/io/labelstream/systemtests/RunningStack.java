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
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole platform as the run command starts it — broker, PostgreSQL, the services and the console as
 * separate processes — once per test JVM, on free ports and in a fresh data directory. With the
 * containers option (see TestInfrastructureChoice) the broker and PostgreSQL are containers instead.
 */
final class RunningStack {

    private static final int LOWEST = 20000;
    private static final int EPHEMERAL_START = 32768;
    private static final Random RANDOM = new Random();
    // ports handed out and not bound yet: free to the system, but not to another of this stack's processes
    private static final Set<Integer> CHOSEN = new HashSet<>();

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
            env.put("LABELSTREAM_PG_PORT", String.valueOf(freePortRun(1)));
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
            // registered first: a stack that fails half-way is stopped too, not left running beside the next
            AtomicBoolean closed = new AtomicBoolean();
            Runnable closeOnce = () -> {
                if (closed.compareAndSet(false, true)) {
                    started.close();
                }
            };
            Runtime.getRuntime().addShutdownHook(new Thread(closeOnce, "system-test-stack-stop"));
            try {
                started.start();
            } catch (Exception e) {
                closeOnce.run();
                throw e;
            }
            return started;
        } catch (Exception e) {
            // the reason in the message: a build log shows a test's error message, not its causes
            throw new IllegalStateException("the stack did not start: " + e.getMessage(), e);
        }
    }

    /**
     * A free port below the kernel's ephemeral range (32768 and up by default), where the ports the system
     * hands to outgoing connections cannot take it between this choice and the process's bind.
     */
    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = LOWEST + RANDOM.nextInt(EPHEMERAL_START - LOWEST);
            if (free(port)) {
                return port;
            }
        }
        throw new IOException("no free port found below " + EPHEMERAL_START);
    }

    private static boolean free(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port whose next neighbour is free too (broker and controller). */
    private static int freePortPair() throws IOException {
        return freePortRun(2);
    }

    private static int freePortRun(int length) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = freePort();
            if (first + length >= EPHEMERAL_START || CHOSEN.contains(first)) {
                continue;
            }
            boolean free = true;
            for (int port = first + 1; port < first + length && free; port++) {
                free = !CHOSEN.contains(port) && free(port);
            }
            if (free) {
                for (int port = first; port < first + length; port++) {
                    CHOSEN.add(port);
                }
                return first;
            }
        }
        throw new IOException("no run of " + length + " free ports found");
    }
}
