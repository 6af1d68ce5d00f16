package io.labelstream.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.labelstream.devstack.DevTokens;
import io.labelstream.devstack.EmbeddedPostgresServer;
import io.labelstream.devstack.demo.StackClient;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The other requests people make while a project is being labelled, beside the claims and submissions of the
 * replay: an annotator's look at their own live leases (a frontend's page load), the project's progress as its
 * manager watches it, and the reviewer's queue. One round of the three per {@code answersPerRound} answers, on a
 * thread of its own, so that their cost counts per answer the same way in every run.
 * <p>
 * The replay creates its project and users itself; they are found in ingestion's project table (the newest
 * project created by a replay's manager), which is the bench's own shortcut, not a client's.
 */
final class Onlookers implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KINDS = List.of("own_leases", "progress", "review_queue");

    private final StackClient client;
    private final String jdbcUrl;
    private final List<String> annotators;
    private final int answersPerRound;
    private final AtomicInteger answered = new AtomicInteger();
    private final Map<String, List<Long>> micros = new LinkedHashMap<>();
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final Thread thread;
    private volatile boolean replayDone;
    private volatile RuntimeException failure;
    private int rounds;

    Onlookers(StackClient client, String jdbcUrl, List<String> annotators, int answersPerRound) {
        this.client = client;
        this.jdbcUrl = jdbcUrl;
        this.annotators = annotators;
        this.answersPerRound = answersPerRound;
        KINDS.forEach(kind -> micros.put(kind, Collections.synchronizedList(new ArrayList<>())));
        this.thread = new Thread(this::watch, "onlookers");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Called after each answer of the replay. */
    void answered() {
        answered.incrementAndGet();
    }

    /** Waits for the rounds owed for the answers given so far, then stops. */
    @Override
    public void close() throws InterruptedException {
        replayDone = true;
        thread.join();
        if (failure != null) {
            throw failure;
        }
    }

    private void watch() {
        try {
            Project project = null;
            while (true) {
                boolean done = replayDone;
                int owed = answered.get() / answersPerRound;
                if (rounds < owed) {
                    if (project == null) {
                        project = findProject();
                    }
                    round(project);
                    rounds++;
                } else if (done) {
                    return;
                } else {
                    synchronized (this) {
                        wait(20);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    private void round(Project project) {
        String annotator = annotators.get(rounds % annotators.size());
        String base = "/projects/" + project.id();
        time("own_leases", "assignment-service", base + "/assignments", DevTokens.mint(annotator, "annotator"));
        time("progress", "quality-service", base + "/quality/progress", project.managerToken());
        time("review_queue", "adjudication-service", base + "/reviews?limit=50", project.reviewerToken());
    }

    private void time(String kind, String service, String path, String token) {
        long began = System.nanoTime();
        HttpResponse<String> response = client.exchange(service, "GET", path, token, null);
        micros.get(kind).add((System.nanoTime() - began) / 1000);
        synchronized (statuses) {
            statuses.merge(kind + "." + response.statusCode(), 1, Integer::sum);
        }
    }

    /** Prints the rounds made, the answers' status codes and each request's latency. */
    void print(String prefix) {
        System.out.printf("%s.onlookers.rounds=%d (one per %d answers) statuses=%s%n", prefix, rounds, answersPerRound,
                statuses);
        micros.forEach((kind, values) -> {
            List<Long> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            if (!sorted.isEmpty()) {
                System.out.printf("%s.onlookers.%s.samples=%d p50_ms=%.2f p99_ms=%.2f%n", prefix, kind, sorted.size(),
                        percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0);
            }
        });
    }

    /** The median latency of one kind of request, in milliseconds; NaN without any. */
    double medianMs(String kind) {
        List<Long> sorted = new ArrayList<>(micros.get(kind));
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : percentile(sorted, 0.50) / 1000.0;
    }

    static List<String> kinds() {
        return KINDS;
    }

    private static long percentile(List<Long> sorted, double p) {
        int index = (int) Math.ceil(p * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private record Project(UUID id, String managerToken, String reviewerToken) {
    }

    private Project findProject() {
        try (Connection c = DriverManager.getConnection(jdbcUrl, EmbeddedPostgresServer.USER,
                EmbeddedPostgresServer.PASSWORD);
             PreparedStatement s = c.prepareStatement("select project_id, created_by, document from ingestion.project "
                     + "where created_by like 'replay-manager-%' order by created_at desc limit 1")) {
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("the replay's project is not in ingestion's table");
                }
                String reviewer = null;
                for (JsonNode member : JSON.readTree(r.getString(3)).path("members")) {
                    if ("REVIEWER".equals(member.path("role").asText())) {
                        reviewer = member.path("userId").asText();
                    }
                }
                if (reviewer == null) {
                    throw new IllegalStateException("the replay's project has no reviewer");
                }
                return new Project(r.getObject(1, UUID.class), DevTokens.mint(r.getString(2), "manager"),
                        DevTokens.mint(reviewer, "reviewer"));
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("reading the replay's project", e);
        }
    }
}
