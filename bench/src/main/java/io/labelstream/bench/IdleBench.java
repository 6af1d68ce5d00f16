package io.labelstream.bench;

import java.util.Map;

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
            StackCpu cpu = started.cpu();
            Thread.sleep(SETTLE_SECONDS * 1000L);

            Map<String, Double> before = cpu.snapshot();
            Map<String, Map<String, Double>> threadsBefore = cpu.threadSnapshot();
            long began = System.nanoTime();
            Thread.sleep(IDLE_SECONDS * 1000L);
            Map<String, Double> used = StackCpu.between(before, cpu.snapshot());
            Map<String, Map<String, Double>> threadsAfter = cpu.threadSnapshot();
            double seconds = (System.nanoTime() - began) / 1e9;

            double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
            System.out.printf("idle.seconds=%.1f (after %d s to settle)%n", seconds, SETTLE_SECONDS);
            System.out.printf("idle.cpu_ms_per_s=%.1f (every stack process)%n", total / seconds);
            used.forEach((name, ms) -> System.out.printf("idle.cpu_ms_per_s.%s=%.1f%n", name, ms / seconds));
            StackCpu.printThreads("idle", threadsBefore, threadsAfter, seconds, "s", THREADS_SHOWN);
        }
        System.exit(0);
    }
}
