package io.labelstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What the stack costs while nobody labels: the local stack started as the run command starts it, left to settle,
 * then its CPU over a quiet span per process ({@link StackCpu}) in milliseconds per second, and each JVM's busiest
 * threads by their names. Whatever a stack spends idle it spends under load too, spread over the answers: at
 * 30 answers a second, 100 ms a second idle is 3.3 ms per answer.
 * <pre>./mvnw -pl bench exec:java -Dexec.mainClass=io.labelstream.bench.IdleBench</pre>
 * Properties: {@code -Dbench.settle.seconds} (60: start-up and its compilation left behind) and
 * {@code -Dbench.idle.seconds} (120: the measured span).
 */
public final class IdleBench {

    private static final int SETTLE_SECONDS = Integer.getInteger("bench.settle.seconds", 60);
    private static final int IDLE_SECONDS = Integer.getInteger("bench.idle.seconds", 120);
    private static final int THREADS_SHOWN = 6;

    private IdleBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("idle.cores=%d%n", Runtime.getRuntime().availableProcessors());
        try (BenchStack.Started started = BenchStack.start("320m")) {
            Map<String, Long> pids = new LinkedHashMap<>();
            started.stack().services().forEach((name, process) -> pids.put(name, process.pid()));
            pids.put("kafka", StackCpu.pidWithCommandLine("KafkaBrokerProcess",
                    started.dataDirectory().resolve("kafka").toString()));
            StackCpu cpu = new StackCpu(pids, started.dataDirectory().resolve("postgres"));
            Thread.sleep(SETTLE_SECONDS * 1000L);

            Map<String, Double> before = cpu.snapshot();
            Map<String, Map<String, Double>> threadsBefore = threads(pids);
            long began = System.nanoTime();
            Thread.sleep(IDLE_SECONDS * 1000L);
            Map<String, Double> used = StackCpu.between(before, cpu.snapshot());
            Map<String, Map<String, Double>> threadsAfter = threads(pids);
            double seconds = (System.nanoTime() - began) / 1e9;

            double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf("idle.seconds=%.1f (after %d s to settle)%n", seconds, SETTLE_SECONDS);
            System.out.printf("idle.cpu_ms_per_s=%.1f (every stack process)%n", total / seconds);
            used.forEach((name, ms) -> System.out.printf("idle.cpu_ms_per_s.%s=%.1f%n", name, ms / seconds));
            threadsAfter.forEach((process, after) -> {
                Map<String, Double> earlier = threadsBefore.getOrDefault(process, Map.of());
                after.entrySet().stream()
                        .map(e -> Map.entry(e.getKey(), e.getValue() - earlier.getOrDefault(e.getKey(), 0.0)))
                        .filter(e -> e.getValue() > 0)
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .limit(THREADS_SHOWN)
                        .forEach(e -> System.out.printf("idle.threads.%s.%s=%.1f ms/s%n", process, e.getKey(),
                                e.getValue() / seconds));
            });
        }
        System.exit(0);
    }

    /**
     * CPU milliseconds so far of each process's threads, summed by thread name (the kernel's copy of it, cut to 15
     * characters, with digits dropped so that a pool's numbered threads add up).
     */
    private static Map<String, Map<String, Double>> threads(Map<String, Long> pids) throws IOException {
        Map<String, Map<String, Double>> byProcess = new LinkedHashMap<>();
        for (Map.Entry<String, Long> process : pids.entrySet()) {
            Map<String, Double> byName = new HashMap<>();
            Path tasks = Path.of("/proc", String.valueOf(process.getValue()), "task");
            try (Stream<Path> entries = Files.list(tasks)) {
                for (Path task : (Iterable<Path>) entries::iterator) {
                    try {
                        String name = Files.readString(task.resolve("comm")).trim().replaceAll("[0-9]+", "#");
                        String stat = Files.readString(task.resolve("stat"));
                        // the fields after the command's closing parenthesis: utime and stime are the 12th and 13th
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        double ms = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
                        byName.merge(name, ms, Double::sum);
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended between the listing and the read: its time is the process's now
                    }
                }
            }
            byProcess.put(process.getKey(), byName);
        }
        return byProcess;
    }
}
