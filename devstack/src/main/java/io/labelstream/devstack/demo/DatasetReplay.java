package io.labelstream.devstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.devstack.DevTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Replays a crowd dataset through the running platform as real clients would: a manager defines a
 * single-label project and ingests the items, each reserved for the workers who answered it in the
 * original study (its {@code assignees}, with its own overlap k = their number), and one simulated
 * annotator per real worker pulls tasks and answers exactly as that worker did. The reservations make
 * the assignment service hand each worker exactly the items it answered, so each item ends with exactly
 * its real answers. A worker who answered an item twice in the study answers it once, with its last answer.
 */
public final class DatasetReplay {

    /** Called as answers are submitted: (submitted so far, total). */
    public interface Progress {
        void update(int submitted, int total);
    }

    /** What the replay created and did. */
    public record Outcome(UUID projectId, String managerToken, String reviewerToken, int items, int answers,
                          Duration duration, Map<String, UUID> itemIds) {
    }

    private static final Duration RETRY = Duration.ofMillis(200);

    /**
     * Answers that only mean "not yet": the project's activation and its items reach the assignment
     * service a moment after the ingestion service took them, and other workers hold items for a moment.
     */
    private static final java.util.Set<String> WAIT_REASONS = java.util.Set.of("none-left", "project-closed",
            StackClient.PROJECT_NOT_YET_KNOWN);

    private final StackClient client;
    private final CrowdDataset dataset;
    private final String aggregation;
    private final int concurrency;
    private final Duration timeout;
    private final Map<String, Object> learning;

    /** @param aggregation the project's truth-inference method: MAJORITY, WEIGHTED or DAWID_SKENE */
    public DatasetReplay(StackClient client, CrowdDataset dataset, String aggregation, int concurrency,
                         Duration timeout) {
        this(client, dataset, aggregation, concurrency, timeout, null);
    }

    private DatasetReplay(StackClient client, CrowdDataset dataset, String aggregation, int concurrency,
                          Duration timeout, Map<String, Object> learning) {
        this.client = client;
        this.dataset = dataset;
        this.aggregation = aggregation;
        this.concurrency = concurrency;
        this.timeout = timeout;
        this.learning = learning;
    }

    /**
     * The same replay into a project with this {@code learning} policy instead of the platform's default, e.g.
     * {@code {"strategy": "NONE"}}.
     */
    public DatasetReplay withLearningPolicy(Map<String, Object> learning) {
        return new DatasetReplay(client, dataset, aggregation, concurrency, timeout, Map.copyOf(learning));
    }

    public Outcome run(Progress progress) throws InterruptedException {
        Instant began = Instant.now();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String manager = "replay-manager-" + suffix;
        String reviewer = "replay-reviewer-" + suffix;
        String managerToken = DevTokens.mint(manager, "manager");
        Map<String, Map<String, String>> byWorker = dataset.answersByWorker();
        Map<String, List<String>> assignees = assigneesByItem(byWorker);
        int overlap = assignees.values().stream().mapToInt(List::size).max().orElse(1);

        UUID projectId = client.createProject(managerToken, projectDraft(manager, reviewer, overlap));
        client.changeState(managerToken, projectId, "ACTIVE");
        Map<String, UUID> itemIds = ingest(managerToken, projectId, assignees);

        Map<String, String> itemByText = new HashMap<>();
        dataset.items().forEach(item -> itemByText.put(textOf(item), item));
        int total = byWorker.values().stream().mapToInt(Map::size).sum();
        AtomicInteger submitted = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(byWorker.size());
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(concurrency);
        try {
            for (Map.Entry<String, Map<String, String>> worker : byWorker.entrySet()) {
                SimulatedWorker simulated = new SimulatedWorker(worker.getKey(), new ConcurrentHashMap<>(worker.getValue()),
                        projectId, itemByText, pool, done, failure, () -> progress.update(submitted.incrementAndGet(), total));
                pool.execute(simulated);
            }
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("replay did not finish within " + timeout + ": " + submitted.get()
                        + " of " + total + " answers submitted");
            }
            if (failure.get() != null) {
                throw failure.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(projectId, managerToken, DevTokens.mint(reviewer, "reviewer"), itemIds.size(), submitted.get(),
                Duration.between(began, Instant.now()), itemIds);
    }

    /** item → the workers who answered it, in the order of the workers' first answers. */
    private static Map<String, List<String>> assigneesByItem(Map<String, Map<String, String>> byWorker) {
        Map<String, List<String>> assignees = new HashMap<>();
        byWorker.forEach((worker, answers) -> answers.keySet()
                .forEach(item -> assignees.computeIfAbsent(item, i -> new ArrayList<>()).add(worker)));
        return assignees;
    }

    private Map<String, Object> projectDraft(String manager, String reviewer, int overlap) {
        List<Map<String, Object>> members = new ArrayList<>();
        dataset.workers().forEach(w -> members.add(Map.of("userId", w, "role", "ANNOTATOR")));
        members.add(Map.of("userId", reviewer, "role", "REVIEWER"));
        List<Map<String, Object>> labels = dataset.labels().stream().map(l -> Map.<String, Object>of("name", l)).toList();
        Map<String, Object> policies = new LinkedHashMap<>();
        policies.put("annotatorsPerItem", overlap);
        policies.put("maxAnnotatorsPerItem", overlap);
        policies.put("goldRate", 0.0);
        policies.put("spotCheckRate", 0.0);
        policies.put("autoAcceptConfidence", 0.0);
        policies.put("targetAgreement", 0.0);
        policies.put("leaseSeconds", 600);
        policies.put("aggregation", aggregation);
        if (learning != null) {
            policies.put("learning", learning);
        }
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", "replay of " + dataset.name());
        draft.put("description", "every answer of the " + dataset.name() + " crowd dataset, replayed by its workers");
        draft.put("schema", Map.of("taskType", "SINGLE_LABEL", "labels", labels));
        draft.put("guidelines", Map.of("text", "Answer as you did in the original study."));
        draft.put("policies", policies);
        draft.put("members", members);
        return draft;
    }

    private Map<String, UUID> ingest(String token, UUID projectId, Map<String, List<String>> assignees) {
        Map<String, UUID> ids = new LinkedHashMap<>();
        List<String> items = dataset.items();
        for (int from = 0; from < items.size(); from += 500) {
            List<String> chunk = items.subList(from, Math.min(items.size(), from + 500));
            List<Map<String, Object>> body = chunk.stream()
                    .map(item -> Map.<String, Object>of("externalId", item, "data", Map.of("text", textOf(item)),
                            "annotatorsPerItem", assignees.get(item).size(), "assignees", assignees.get(item)))
                    .toList();
            JsonNode result = client.ingestBatch(token, projectId, body);
            if (result.path("rejected").asLong() > 0) {
                throw new IllegalStateException("items were rejected: " + result);
            }
            JsonNode lines = result.path("lines");
            for (int i = 0; i < lines.size(); i++) {
                JsonNode itemId = lines.get(i).get("itemId");
                if (itemId != null && !itemId.isNull()) {
                    ids.put(chunk.get(i), UUID.fromString(itemId.asText()));
                }
            }
        }
        return ids;
    }

    static String textOf(String item) {
        return "Item " + item + " of the original study";
    }

    /**
     * One real worker: pulls tasks until every one of its answers is given, one request at a time. Its
     * reserved items reach the assignment service a moment after ingestion took them, so "none left"
     * means "not yet" until every answer is given.
     */
    private final class SimulatedWorker implements Runnable {

        private final String token;
        private final Map<String, String> remaining;
        private final UUID projectId;
        private final Map<String, String> itemByText;
        private final ScheduledExecutorService pool;
        private final CountDownLatch done;
        private final AtomicReference<RuntimeException> failure;
        private final Runnable answered;

        SimulatedWorker(String worker, Map<String, String> remaining, UUID projectId, Map<String, String> itemByText,
                        ScheduledExecutorService pool, CountDownLatch done, AtomicReference<RuntimeException> failure,
                        Runnable answered) {
            this.token = DevTokens.mint(worker, "annotator");
            this.remaining = remaining;
            this.projectId = projectId;
            this.itemByText = itemByText;
            this.pool = pool;
            this.done = done;
            this.failure = failure;
            this.answered = answered;
        }

        @Override
        public void run() {
            if (failure.get() != null) {
                done.countDown();
                return;
            }
            try {
                StackClient.NextTask next = client.nextTask(token, projectId);
                if (next.lease().isEmpty()) {
                    if (!WAIT_REASONS.contains(next.reason())) {
                        throw new IllegalStateException("a replayed worker was refused work: " + next.reason());
                    }
                    // project or items still arriving, or items held by other workers' leases for a moment
                    pool.schedule(this, RETRY.toMillis(), TimeUnit.MILLISECONDS);
                    return;
                }
                StackClient.Lease lease = next.lease().get();
                String item = itemByText.get(lease.data().path("text").asText());
                String label = item == null ? null : remaining.remove(item);
                if (label == null) {
                    // only reserved items should reach a replayed worker: anything else is a distribution bug
                    throw new IllegalStateException("worker was served item " + lease.itemId()
                            + ", which it never answered and was not reserved for it");
                }
                client.submit(token, lease, Map.of("choice", label));
                answered.run();
                if (remaining.isEmpty()) {
                    done.countDown();
                } else {
                    pool.execute(this);
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
                done.countDown();
            }
        }
    }
}
