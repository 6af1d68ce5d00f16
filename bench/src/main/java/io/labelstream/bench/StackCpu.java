package io.labelstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of every process of a running stack, read from {@code /proc/<pid>/stat} (utime + stime, in
 * clock ticks). PostgreSQL forks a backend per connection and reaps it when the connection closes: a
 * backend's time then moves into the postmaster's cutime + cstime, so the postmaster's own and reaped
 * children's time plus every live child's own time count all of PostgreSQL, closed connections included.
 * Linux only; elsewhere {@link #available()} is false.
 */
final class StackCpu {

    /** Clock ticks per second of /proc's figures: USER_HZ, 100 on every Linux architecture the JDK runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> namedPids;
    private final String postgresDataDirectory;

    /**
     * @param namedPids             the processes to account, by the name to print (services, the broker)
     * @param postgresDataDirectory the data directory of the stack's PostgreSQL, which finds its postmaster
     */
    StackCpu(Map<String, Long> namedPids, Path postgresDataDirectory) {
        this.namedPids = namedPids;
        this.postgresDataDirectory = postgresDataDirectory.toAbsolutePath().normalize().toString();
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/stat"));
    }

    /** CPU milliseconds so far per process group: each named process, the postmaster, each kind of PostgreSQL child. */
    Map<String, Double> snapshot() throws IOException {
        Map<String, Double> ms = new LinkedHashMap<>();
        for (Map.Entry<String, Long> named : namedPids.entrySet()) {
            Stat stat = Stat.read(named.getValue());
            ms.put(named.getKey(), stat == null ? 0.0 : toMs(stat.own()));
        }
        long postmaster = postmasterPid();
        Stat main = Stat.read(postmaster);
        ms.put("postgres.postmaster+exited_children", main == null ? 0.0 : toMs(main.own() + main.children()));
        Map<String, Double> children = new TreeMap<>();
        for (long pid : childrenOf(postmaster)) {
            Stat child = Stat.read(pid);
            if (child != null) {
                children.merge("postgres." + kind(pid), toMs(child.own()), Double::sum);
            }
        }
        ms.putAll(children);
        return ms;
    }

    /** The key of a process's own total in a thread snapshot: threads that ended are counted in it. */
    private static final String PROCESS_TOTAL = "";
    /** The name of a JVM's JIT compiler threads as thread snapshots give them (C1 and C2 alike). */
    static final String COMPILER_THREADS = "C# CompilerThre";
    /** A warm-up has settled the JIT compilers once they take less than this share of the CPU in one. */
    static final double SETTLED_COMPILER_SHARE = 0.2;

    /**
     * CPU milliseconds so far of each named process's threads, by thread id and name (the kernel's copy of it, cut
     * to 15 characters, with digits replaced by {@code #} so that a pool's numbered threads add up when printed),
     * with the process's own total beside them.
     */
    Map<String, Map<String, Double>> threadSnapshot() throws IOException {
        Map<String, Map<String, Double>> byProcess = new LinkedHashMap<>();
        for (Map.Entry<String, Long> process : namedPids.entrySet()) {
            Map<String, Double> byThread = new TreeMap<>();
            Stat whole = Stat.read(process.getValue());
            if (whole != null) {
                byThread.put(PROCESS_TOTAL, toMs(whole.own()));
            }
            try (Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(process.getValue()), "task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    Stat stat = Stat.read(task);
                    String name = threadName(task);
                    if (stat != null && name != null) {
                        byThread.put(task.getFileName() + "/" + name.replaceAll("[0-9]+", "#"), toMs(stat.own()));
                    }
                }
            } catch (IOException gone) {
                // the process ended: it has no threads to count
            }
            byProcess.put(process.getKey(), byThread);
        }
        return byProcess;
    }

    /**
     * Prints each process's busiest thread groups between two thread snapshots, per unit of work: where a
     * service's time goes (its request threads, its consumers' poll loops, the compiler, the collector). A thread
     * is followed by its id, so a pool that retires threads and starts others is counted whole; what threads that
     * ended in between used after the first snapshot is read off the process's total, as {@code ended_threads}.
     */
    static void printThreads(String prefix, Map<String, Map<String, Double>> before,
                             Map<String, Map<String, Double>> after, double units, String unit, int shown) {
        after.forEach((process, threads) -> {
            Map<String, Double> earlier = before.getOrDefault(process, Map.of());
            Map<String, Double> byGroup = new TreeMap<>();
            double followed = 0;
            for (Map.Entry<String, Double> thread : threads.entrySet()) {
                if (!thread.getKey().equals(PROCESS_TOTAL)) {
                    double used = thread.getValue() - earlier.getOrDefault(thread.getKey(), 0.0);
                    byGroup.merge(thread.getKey().substring(thread.getKey().indexOf('/') + 1), used, Double::sum);
                    followed += used;
                }
            }
            double total = threads.getOrDefault(PROCESS_TOTAL, 0.0) - earlier.getOrDefault(PROCESS_TOTAL, 0.0);
            // the clock ticks of each thread are rounded apart, so a remainder of a few ticks is no ended thread
            if (total - followed > 10 * 1000 / TICKS_PER_SECOND) {
                byGroup.put("ended_threads", total - followed);
            }
            byGroup.entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(shown)
                    .forEach(e -> System.out.printf("%s.threads.%s.%s=%.2f cpu_ms_per_%s%n", prefix, process,
                            e.getKey().replace(' ', '_'), e.getValue() / units, unit));
        });
    }

    /**
     * The share of the given processes' CPU between two thread snapshots that went to their threads whose names
     * start with {@code prefix}; 0 when the processes used none.
     */
    static double threadShare(Map<String, Map<String, Double>> before, Map<String, Map<String, Double>> after,
                              Collection<String> processes, String prefix) {
        double total = 0;
        double matching = 0;
        for (String process : processes) {
            Map<String, Double> earlier = before.getOrDefault(process, Map.of());
            Map<String, Double> later = after.getOrDefault(process, Map.of());
            total += later.getOrDefault(PROCESS_TOTAL, 0.0) - earlier.getOrDefault(PROCESS_TOTAL, 0.0);
            for (Map.Entry<String, Double> thread : later.entrySet()) {
                String name = thread.getKey().substring(thread.getKey().indexOf('/') + 1);
                if (!thread.getKey().equals(PROCESS_TOTAL) && name.startsWith(prefix)) {
                    matching += thread.getValue() - earlier.getOrDefault(thread.getKey(), 0.0);
                }
            }
        }
        return total <= 0 ? 0.0 : matching / total;
    }

    private static String threadName(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException gone) {
            return null;
        }
    }

    /** What each group used between two snapshots; a group that appeared in between counts from zero. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, ms) -> used.put(name, ms - before.getOrDefault(name, 0.0)));
        // a group whose every process exited meanwhile: its time moved into the postmaster's children, so
        // what it had used before the first snapshot is taken off again
        before.forEach((name, ms) -> used.putIfAbsent(name, -ms));
        return used;
    }

    /**
     * Prints the CPU used between two snapshots per answer: the total over all stack processes, then each
     * service and the broker, then PostgreSQL with its background workers; client backends (live and
     * closed) are shown together with the postmaster, whose reaped children they are.
     */
    static void print(String prefix, Map<String, Double> used, long answers) {
        double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
        System.out.printf("%s.cpu_ms_total=%.0f answers=%d%n", prefix, total, answers);
        System.out.printf("%s.cpu_ms_per_answer=%.2f%n", prefix, total / answers);
        double postgres = 0;
        double workers = 0;
        for (Map.Entry<String, Double> e : used.entrySet()) {
            if (!e.getKey().startsWith("postgres.")) {
                System.out.printf("%s.cpu_ms_per_answer.%s=%.2f%n", prefix, e.getKey(), e.getValue() / answers);
            } else {
                postgres += e.getValue();
                if (!e.getKey().equals("postgres.backends") && !e.getKey().startsWith("postgres.postmaster")) {
                    workers += e.getValue();
                }
            }
        }
        System.out.printf("%s.cpu_ms_per_answer.postgres=%.2f%n", prefix, postgres / answers);
        System.out.printf("%s.cpu_ms_per_answer.postgres.client_backends_and_postmaster=%.2f%n", prefix,
                (postgres - workers) / answers);
        for (Map.Entry<String, Double> e : used.entrySet()) {
            if (e.getKey().startsWith("postgres.") && !e.getKey().equals("postgres.backends")
                    && !e.getKey().startsWith("postgres.postmaster")) {
                System.out.printf("%s.cpu_ms_per_answer.%s=%.2f%n", prefix, e.getKey(), e.getValue() / answers);
            }
        }
    }

    private static double toMs(long ticks) {
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    private long postmasterPid() throws IOException {
        // the postmaster writes its pid as the first line of postmaster.pid in its data directory
        Path pidFile = Path.of(postgresDataDirectory, "postmaster.pid");
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    /** The process whose command line holds every one of {@code parts}; -1 if there is none. */
    static long pidWithCommandLine(String... parts) throws IOException {
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String line;
                try {
                    line = new String(Files.readAllBytes(entry.resolve("cmdline"))).replace('\0', ' ');
                } catch (IOException gone) {
                    continue;
                }
                if (Stream.of(parts).allMatch(line::contains)) {
                    return Long.parseLong(name);
                }
            }
        }
        return -1;
    }

    private static List<Long> childrenOf(long parent) throws IOException {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    Stat stat = Stat.read(Long.parseLong(name));
                    if (stat != null && stat.parent() == parent) {
                        children.add(Long.parseLong(name));
                    }
                }
            }
        }
        return children;
    }

    /** A PostgreSQL child's role from its process title: "backends" for client connections, else the worker's name. */
    private static String kind(long pid) {
        try {
            String title = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")))
                    .replace('\0', ' ').trim();
            String role = title.startsWith("postgres: ") ? title.substring("postgres: ".length()) : title;
            // a client backend's title is "user database host(port) state"; workers are named; a child that is
            // exiting has no title left, and the children that come and go are the backends of closed connections
            return role.contains("(") || role.isEmpty() ? "backends" : role.replaceAll("\\s+", "_");
        } catch (IOException e) {
            return "exited";
        }
    }

    /** The fields of /proc/<pid>/stat this class needs. */
    private record Stat(long parent, long utime, long stime, long cutime, long cstime) {

        long own() {
            return utime + stime;
        }

        long children() {
            return cutime + cstime;
        }

        /** Null when the process is gone. */
        static Stat read(long pid) {
            return read(Path.of("/proc", String.valueOf(pid)));
        }

        /** From a process's or a thread's /proc directory; null when it is gone. */
        static Stat read(Path directory) {
            String line;
            try {
                line = Files.readString(directory.resolve("stat"));
            } catch (IOException e) {
                return null;
            }
            // the command name (field 2) may hold spaces and parentheses: fields count from its last ')'
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): ppid is field 4, utime..cstime are fields 14..17
            return new Stat(Long.parseLong(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                    Long.parseLong(f[13]), Long.parseLong(f[14]));
        }
    }
}
