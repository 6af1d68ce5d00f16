package io.labelstream.systemtests;

import io.labelstream.devstack.ContainerTestInfrastructure;
import io.labelstream.devstack.EmbeddedPostgresServer;
import io.labelstream.devstack.FreePorts;
import io.labelstream.devstack.LocalStack;
import io.labelstream.devstack.StackSettings;
import io.labelstream.devstack.TestInfrastructureChoice;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole platform as the run command starts it — broker, PostgreSQL, the services and the console as
 * separate processes — once per test JVM, on free ports and in a fresh data directory. With the
 * containers option (see TestInfrastructureChoice) the broker and PostgreSQL are containers instead.
 */
final class RunningStack {

    private static LocalStack stack;
    private static Path dataDirectory;

    private RunningStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            stack = start();
        }
        return stack;
    }

    /** Where the stack keeps its broker log, database files, keys and service logs. */
    static Path dataDirectory() {
        get();
        return dataDirectory;
    }

    static String url(String service) {
        return get().services().get(service).baseUrl();
    }

    private static LocalStack start() {
        try {
            Path root = Path.of(System.getProperty("labelstream.root", "..")).toAbsolutePath().normalize();
            Path data = Files.createTempDirectory("labelstream-system-test");
            dataDirectory = data;
            Map<String, String> env = new HashMap<>();
            env.put("LABELSTREAM_DATA_DIR", data.toString());
            env.put("LABELSTREAM_KAFKA_PORT", String.valueOf(FreePorts.run(2)));
            env.put("LABELSTREAM_PG_PORT", String.valueOf(FreePorts.run(1)));
            // the services and, after them, the console: one run of free ports, so none is handed to another
            int firstPort = FreePorts.run(LocalStack.SERVICES.size() + 1);
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
}
