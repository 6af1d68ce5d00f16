package io.labelstream.quality.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * The time a long job spends in each of its named phases, added up over every time a phase runs, for the job's
 * log line: which of its parts to look at when it is slow.
 */
final class PhaseClock {

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    void time(String phase, Runnable work) {
        time(phase, () -> {
            work.run();
            return null;
        });
    }

    <T> T time(String phase, Supplier<T> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            add(phase, System.nanoTime() - started);
        }
    }

    void add(String phase, long spentNanos) {
        nanos.merge(phase, spentNanos, Long::sum);
    }

    /** "phase 1.2 s, other phase 0.3 s", in the order the phases first ran. */
    String summary() {
        StringJoiner summary = new StringJoiner(", ");
        nanos.forEach((phase, spent) -> summary.add(String.format("%s %.1f s", phase, spent / 1e9)));
        return summary.toString();
    }
}
