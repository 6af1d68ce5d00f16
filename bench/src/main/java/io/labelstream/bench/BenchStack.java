package io.labelstream.bench;

import io.labelstream.devstack.FreePorts;
import io.labelstream.devstack.LocalStack;
import io.labelstream.devstack.StackSettings;

import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole platform as the run command starts it (broker, PostgreSQL and the five packaged services as
 * separate processes) on free ports in a fresh data directory, for benches that drive it end to end.
 */
final class BenchStack {

    private BenchStack() {
    }

    /** Starts the stack; the caller closes it. The launcher's own output goes to a log in the data directory. */
    static Started start(String serviceHeap) throws Exception {
        return start(serviceHeap, LocalStack.SERVICES.keySet());
    }

    /** Starts the broker, the database and the named services only. */
    static Started start(String serviceHeap, java.util.Collection<String> services) throws Exception {
        Path root = Path.of(System.getProperty("labelstream.root", ".")).toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("labelstream-bench");
        Map<String, String> env = new HashMap<>();
        env.put("LABELSTREAM_DATA_DIR", data.toString());
        env.put("LABELSTREAM_KAFKA_PORT", String.valueOf(FreePorts.run(2)));
        env.put("LABELSTREAM_PG_PORT", String.valueOf(FreePorts.run(1)));
        env.put("LABELSTREAM_FIRST_PORT", String.valueOf(FreePorts.run(LocalStack.SERVICES.size())));
        env.put("LABELSTREAM_SERVICE_HEAP", serviceHeap);
        exposeClassPath();
        StackSettings settings = StackSettings.fromEnvironment(env, root);
        LocalStack stack = new LocalStack(settings, new PrintStream(Files.newOutputStream(data.resolve("launcher.log"))));
        try {
            stack.start(services);
        } catch (Exception e) {
            stack.close();
            throw new IllegalStateException("the stack did not start; logs in " + data.resolve("logs"), e);
        }
        return new Started(stack, settings, data);
    }

    record Started(LocalStack stack, StackSettings settings, Path dataDirectory) implements AutoCloseable {

        String url(String service) {
            return stack.services().get(service).baseUrl();
        }

        /** The CPU account of every process of the stack: each service, the broker and PostgreSQL. */
        StackCpu cpu() throws java.io.IOException {
            Map<String, Long> pids = new java.util.LinkedHashMap<>();
            stack.services().forEach((name, process) -> pids.put(name, process.pid()));
            pids.put("kafka", StackCpu.pidWithCommandLine("KafkaBrokerProcess",
                    dataDirectory.resolve("kafka").toString()));
            return new StackCpu(pids, dataDirectory.resolve("postgres"));
        }

        /** Starts the reference service ({@code bench-baseline}) on a free port; returns its base URL. */
        String startBaseline() throws Exception {
            return stack.startApplication("bench-baseline", FreePorts.run(1)).baseUrl();
        }

        @Override
        public void close() {
            stack.close();
        }
    }

    /**
     * The stack starts its broker as a child JVM on {@code java.class.path}. Under {@code exec:java} that
     * property names Maven's launcher, not this module's class path, so it is set from the class loader.
     */
    private static void exposeClassPath() throws URISyntaxException {
        ClassLoader loader = BenchStack.class.getClassLoader();
        List<String> entries = new ArrayList<>();
        while (loader != null) {
            if (loader instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        entries.add(Path.of(url.toURI()).toString());
                    }
                }
            }
            loader = loader.getParent();
        }
        if (entries.stream().anyMatch(e -> e.contains("kafka"))) {
            System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
        }
    }
}
