package io.labelstream.devstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.devstack.DevTokens;
import io.labelstream.devstack.Waits;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToIntFunction;

/**
 * A simulated crowd labels real texts through the running platform. A manager defines a single-label
 * project with qualification, gold injection and quarantine switched on, and ingests the sample: gold
 * items with their reference answers, the first of them flagged for qualification, then the regular
 * items. Every annotator asks the assignment service for its next task, concurrently with the others,
 * and answers as its {@link AnnotatorProfile} says, until the platform stops serving it (quarantine) or
 * the work is done.
 */
public final class CrowdSimulation {

    /** What the simulation created and did. */
    public record Outcome(UUID projectId, String reviewerToken, int items, int answers, Duration duration,
                          Map<String, UUID> itemIds, Map<String, String> truth) {
    }

    /** The project's policies that the demo switches on; see ProjectPolicies for their meaning. */
    public record Policies(int annotatorsPerItem, double goldRate, int qualificationItems,
                           double qualificationMinAccuracy, double quarantineAccuracy) {
    }

    private static final Duration RETRY = Duration.ofMillis(250);

    /** With nothing submitted for this long while annotators keep asking, the pool is empty. */
    private static final Duration IDLE = Duration.ofSeconds(10);

    /**
     * How long the first task may take. On a freshly started stack the services' consumers are handed their
     * partitions one after another, so the ingested items can reach assignment-service well after the
     * demo asks; until the first answer, waiting is not a sign of an empty pool.
     */
    private static final Duration FIRST_TASK = Duration.ofMinutes(2);

    /** Answers that mean "not yet": the project or items are still on their way, or quality's verdict is. */
    private static final Set<String> WAIT_REASONS = Set.of("none-left", "project-closed", "not-qualified",
            StackClient.PROJECT_NOT_YET_KNOWN);

    private final StackClient client;
    private final DemoSample sample;
    private final SimulatedCrowd crowd;
    private final Policies policies;
    private final long seed;
    private final Duration timeout;

    public CrowdSimulation(StackClient client, DemoSample sample, SimulatedCrowd crowd, Policies policies, long seed,
                           Duration timeout) {
        this.client = client;
        this.sample = sample;
        this.crowd = crowd;
        this.policies = policies;
        this.seed = seed;
        this.timeout = timeout;
    }

    /**
     * Runs until every regular item is gold ({@code goldCount} counts a project's gold labels), nothing
     * has been submitted for a while, or every annotator is stopped.
     */
    public Outcome run(ToIntFunction<UUID> goldCount, DatasetReplay.Progress progress) throws InterruptedException {
        Instant began = Instant.now();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String manager = "demo-manager-" + suffix;
        String reviewer = "demo-reviewer-" + suffix;
        String managerToken = DevTokens.mint(manager, "manager");
        UUID projectId = client.createProject(managerToken, projectDraft(manager, reviewer));
        client.changeState(managerToken, projectId, "ACTIVE");
        Map<UUID, DemoSample.DemoItem> byItemId = ingest(managerToken, projectId);

        AtomicInteger submitted = new AtomicInteger();
        AtomicReference<Instant> lastSubmission = new AtomicReference<>(Instant.now());
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Set<String> stopped = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(crowd.annotators().size());
        try {
            for (AnnotatorProfile profile : crowd.annotators()) {
                pool.execute(new SimulatedAnnotator(profile, projectId, byItemId, pool, failure, stopped, () -> {
                    lastSubmission.set(Instant.now());
                    progress.update(submitted.incrementAndGet(), 0);
                }));
            }
            Waits.until(() -> failure.get() != null
                            || stopped.size() == crowd.annotators().size()
                            || goldCount.applyAsInt(projectId) >= sample.regular().size()
                            || Duration.between(lastSubmission.get(), Instant.now())
                                    .compareTo(submitted.get() == 0 ? FIRST_TASK : IDLE) > 0,
                    () -> false, timeout, Duration.ofSeconds(1),
                    "the crowd did not finish within " + timeout + ": " + submitted.get() + " answers submitted");
            if (failure.get() != null) {
                throw failure.get();
            }
            if (submitted.get() == 0 && stopped.size() < crowd.annotators().size()) {
                throw new IllegalStateException("no annotator was served a task within " + FIRST_TASK.toSeconds()
                        + " s of the items' ingestion: see the logs of assignment-service and ingestion-service");
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, UUID> itemIds = new LinkedHashMap<>();
        Map<String, String> truth = new HashMap<>();
        byItemId.forEach((id, item) -> {
            if (item.kind() == DemoSample.Kind.REGULAR) {
                itemIds.put(item.externalId(), id);
                truth.put(item.externalId(), item.truth());
            }
        });
        return new Outcome(projectId, DevTokens.mint(reviewer, "reviewer"), itemIds.size(), submitted.get(),
                Duration.between(began, Instant.now()), itemIds, truth);
    }

    private Map<String, Object> projectDraft(String manager, String reviewer) {
        List<Map<String, Object>> members = new ArrayList<>();
        crowd.annotatorIds().forEach(a -> members.add(Map.of("userId", a, "role", "ANNOTATOR")));
        members.add(Map.of("userId", reviewer, "role", "REVIEWER"));
        Map<String, Object> draftPolicies = new LinkedHashMap<>();
        draftPolicies.put("annotatorsPerItem", policies.annotatorsPerItem());
        draftPolicies.put("maxAnnotatorsPerItem", policies.annotatorsPerItem());
        draftPolicies.put("goldRate", policies.goldRate());
        draftPolicies.put("qualificationItems", policies.qualificationItems());
        draftPolicies.put("qualificationMinAccuracy", policies.qualificationMinAccuracy());
        draftPolicies.put("quarantineAccuracy", policies.quarantineAccuracy());
        // every consensus becomes gold at once: the demo has no reviewer at work
        draftPolicies.put("autoAcceptConfidence", 0.0);
        draftPolicies.put("spotCheckRate", 0.0);
        draftPolicies.put("targetAgreement", 0.0);
        draftPolicies.put("leaseSeconds", 600);
        draftPolicies.put("aggregation", "DAWID_SKENE");
        Map<String, Object> draft = new LinkedHashMap<>();
        draft.put("name", "SMS spam, simulated crowd");
        draft.put("description", "real SMS messages labelled by a simulated crowd of seeded reliability");
        draft.put("schema", Map.of("taskType", "SINGLE_LABEL",
                "labels", sample.labels().stream().map(l -> Map.<String, Object>of("name", l)).toList()));
        draft.put("guidelines", Map.of("text", "Is the message unsolicited advertising or a scam (spam), or not (ham)?"));
        draft.put("policies", draftPolicies);
        draft.put("members", members);
        return draft;
    }

    /** Gold first, so that qualification items are in the pool before any annotator asks. */
    private Map<UUID, DemoSample.DemoItem> ingest(String token, UUID projectId) {
        Map<UUID, DemoSample.DemoItem> ids = new ConcurrentHashMap<>();
        List<DemoSample.DemoItem> items = sample.all();
        for (int from = 0; from < items.size(); from += 500) {
            List<DemoSample.DemoItem> chunk = items.subList(from, Math.min(items.size(), from + 500));
            List<Map<String, Object>> body = chunk.stream().map(CrowdSimulation::rawItem).toList();
            JsonNode result = client.ingestBatch(token, projectId, body);
            if (result.path("rejected").asLong() > 0) {
                throw new IllegalStateException("items were rejected: " + result);
            }
            JsonNode lines = result.path("lines");
            for (int i = 0; i < lines.size(); i++) {
                JsonNode itemId = lines.get(i).get("itemId");
                if (itemId != null && !itemId.isNull()) {
                    ids.put(UUID.fromString(itemId.asText()), chunk.get(i));
                }
            }
        }
        return ids;
    }

    private static Map<String, Object> rawItem(DemoSample.DemoItem item) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("externalId", item.externalId());
        raw.put("data", Map.of("text", item.text()));
        if (item.kind() != DemoSample.Kind.REGULAR) {
            raw.put("referenceAnswer", Map.of("choice", item.truth()));
            raw.put("qualification", item.kind() == DemoSample.Kind.QUALIFICATION);
        }
        return raw;
    }

    /** One annotator: asks for a task, answers it, asks again, one request at a time. */
    private final class SimulatedAnnotator implements Runnable {

        private final AnnotatorProfile profile;
        private final String token;
        private final UUID projectId;
        private final Map<UUID, DemoSample.DemoItem> byItemId;
        private final ScheduledExecutorService pool;
        private final AtomicReference<RuntimeException> failure;
        private final Set<String> stopped;
        private final Runnable answered;

        SimulatedAnnotator(AnnotatorProfile profile, UUID projectId, Map<UUID, DemoSample.DemoItem> byItemId,
                           ScheduledExecutorService pool, AtomicReference<RuntimeException> failure, Set<String> stopped,
                           Runnable answered) {
            this.profile = profile;
            this.token = DevTokens.mint(profile.annotatorId(), "annotator");
            this.projectId = projectId;
            this.byItemId = byItemId;
            this.pool = pool;
            this.failure = failure;
            this.stopped = stopped;
            this.answered = answered;
        }

        @Override
        public void run() {
            if (failure.get() != null) {
                return;
            }
            try {
                StackClient.NextTask next = client.nextTask(token, projectId);
                if (next.lease().isEmpty()) {
                    if ("quarantined".equals(next.reason())) {
                        stopped.add(profile.annotatorId());
                    } else if (WAIT_REASONS.contains(next.reason())) {
                        pool.schedule(this, RETRY.toMillis(), TimeUnit.MILLISECONDS);
                    } else {
                        throw new IllegalStateException(profile.annotatorId() + " was refused work: " + next.reason());
                    }
                    return;
                }
                StackClient.Lease lease = next.lease().get();
                DemoSample.DemoItem item = byItemId.get(lease.itemId());
                if (item == null) {
                    throw new IllegalStateException(profile.annotatorId() + " was served item " + lease.itemId()
                            + ", which the demo never ingested");
                }
                client.submit(token, lease, Map.of("choice",
                        profile.answer(seed, item.externalId(), item.truth(), sample.labels())));
                answered.run();
                pool.execute(this);
            } catch (RuntimeException e) {
                if (!pool.isShutdown()) {
                    failure.compareAndSet(null, e);
                }
            }
        }
    }
}
