package io.labelstream.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.ReferenceAnswerSet;
import io.labelstream.ingestion.config.IngestionConfig;
import io.labelstream.ingestion.domain.ContentHash;
import io.labelstream.ingestion.domain.DistributionRules;
import io.labelstream.ingestion.domain.ItemRules;
import io.labelstream.ingestion.domain.ItemSubmission;
import io.labelstream.ingestion.domain.LineOutcome;
import io.labelstream.ingestion.domain.Violation;
import io.labelstream.ingestion.repository.ItemRepository;
import io.labelstream.ingestion.repository.ItemRow;
import io.labelstream.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Validates, deduplicates and stores a batch of submitted items with their events, all in the caller's
 * transaction: either every accepted item of the batch is stored with its ItemIngested (and for gold
 * items its ReferenceAnswerSet) or nothing is.
 */
@ApplicationScoped
public class ItemIngester {

    /** One submitted item: its line (or position), and either the parsed item or why it could not be read. */
    public record Submitted(long line, ItemSubmission item, Violation unreadable) {
    }

    private final ItemRepository items;
    private final Outbox outbox;
    private final IngestionConfig config;
    private final Clock clock = Clock.systemUTC();

    public ItemIngester(ItemRepository items, Outbox outbox, IngestionConfig config) {
        this.items = items;
        this.outbox = outbox;
        this.config = config;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<LineOutcome> ingest(ProjectEvent project, List<Submitted> batch, UUID uploadId) {
        return store(prepare(project, batch), uploadId);
    }

    /**
     * Validates, serialises and hashes a batch and builds its events, without touching the database: a
     * bulk import prepares the next batch while the previous one commits.
     */
    public Prepared prepare(ProjectEvent project, List<Submitted> batch) {
        Map<Long, LineOutcome> outcomes = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        boolean dedupByContent = project.policies().contentHashDedup();
        DistributionRules distribution = new DistributionRules(project.policies(), project.members());
        Instant now = Instant.now(clock);
        for (Submitted submitted : batch) {
            if (submitted.unreadable() != null) {
                outcomes.put(submitted.line(), LineOutcome.rejected(submitted.line(), List.of(submitted.unreadable())));
                continue;
            }
            List<Violation> violations = new ArrayList<>(ItemRules.validate(project.schema(), submitted.item()));
            violations.addAll(distribution.validate(submitted.item()));
            String data = violations.isEmpty() ? submitted.item().data().toString() : null;
            String metadata = json(submitted.item().metadata());
            if (data != null && bytes(data) + bytes(metadata) > config.maxItemBytes()) {
                violations.add(new Violation("data", "the item exceeds " + config.maxItemBytes() + " bytes"));
            }
            if (!violations.isEmpty()) {
                outcomes.put(submitted.line(), LineOutcome.rejected(submitted.line(), violations));
                continue;
            }
            String hash = ContentHash.of(submitted.item().data());
            ItemSubmission item = submitted.item();
            UUID itemId = UUID.randomUUID();
            ItemKind kind = item.gold() ? ItemKind.GOLD : ItemKind.REGULAR;
            Integer annotatorsPerItem = item.ownAnnotatorsPerItem();
            List<String> assignees = item.assigneeIds();
            Outbox.Pending ingested = Outbox.Pending.of(Topics.ITEMS, new ItemIngested(itemId,
                    project.projectId(), item.externalId(), kind, item.pilot(), item.qualification(), item.data(),
                    item.metadata(), hash, project.schemaVersion(), now, annotatorsPerItem, assignees), clock);
            candidates.add(new Candidate(submitted.line(), itemId, item, kind, data, metadata, hash,
                    dedupByContent ? hash : null, annotatorsPerItem, assignees.isEmpty() ? null : json(item.assignees()),
                    ingested));
            outcomes.put(submitted.line(), null);
        }
        return new Prepared(project, batch, outcomes, candidates, now);
    }

    /** A batch ready to store: the project it was checked against, and the outcome of every line so far. */
    public record Prepared(ProjectEvent project, List<Submitted> batch, Map<Long, LineOutcome> outcomes,
                           List<Candidate> candidates, Instant at) {
    }

    /** Stores a prepared batch: duplicates are answered with the stored item, the rest inserted with their events. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<LineOutcome> store(Prepared prepared, UUID uploadId) {
        Map<Long, LineOutcome> outcomes = new LinkedHashMap<>(prepared.outcomes());
        if (!prepared.candidates().isEmpty()) {
            store(prepared.project(), prepared.candidates(), outcomes, prepared.at(), uploadId);
        }
        return new ArrayList<>(outcomes.values());
    }

    private void store(ProjectEvent project, List<Candidate> candidates, Map<Long, LineOutcome> outcomes, Instant now,
                       UUID uploadId) {
        UUID projectId = project.projectId();
        Map<String, UUID> byExternalId = items.idsByExternalId(projectId, candidates.stream()
                .map(c -> c.item().externalId()).filter(id -> id != null).distinct().toList());
        Map<String, UUID> byHash = items.idsByDedupHash(projectId, candidates.stream()
                .map(Candidate::dedupHash).filter(h -> h != null).distinct().toList());
        List<ItemRow> rows = new ArrayList<>();
        Map<UUID, Candidate> fresh = new HashMap<>();
        List<Outbox.Pending> events = new ArrayList<>();
        for (Candidate candidate : candidates) {
            UUID existing = existingId(candidate, byExternalId, byHash);
            if (existing != null) {
                outcomes.put(candidate.line(), LineOutcome.duplicate(candidate.line(), existing));
                continue;
            }
            UUID itemId = candidate.itemId();
            // later lines of the same batch deduplicate against this one
            if (candidate.item().externalId() != null) {
                byExternalId.put(candidate.item().externalId(), itemId);
            }
            if (candidate.dedupHash() != null) {
                byHash.put(candidate.dedupHash(), itemId);
            }
            ItemSubmission item = candidate.item();
            events.add(candidate.event());
            rows.add(new ItemRow(itemId, 0, projectId, item.externalId(), candidate.contentHash(), candidate.dedupHash(),
                    candidate.kind(), item.pilot(), item.qualification(), candidate.data(), candidate.metadata(),
                    candidate.annotatorsPerItem(), candidate.assignees(), project.schemaVersion(),
                    candidate.event().eventId(), uploadId, now, false));
            fresh.put(itemId, candidate);
            outcomes.put(candidate.line(), LineOutcome.accepted(candidate.line(), itemId));
        }
        Set<UUID> inserted = items.insertNew(projectId, project.schemaVersion(), uploadId, now, rows);
        if (inserted.size() < rows.size()) {
            resolveConcurrentDuplicates(projectId, rows, inserted, fresh, outcomes, events);
        }
        Map<UUID, String> answers = new HashMap<>();
        for (UUID itemId : inserted) {
            Candidate candidate = fresh.get(itemId);
            if (candidate.item().gold()) {
                answers.put(itemId, candidate.item().referenceAnswer().toString());
                events.add(Outbox.Pending.of(Topics.REFERENCE_ANSWERS, new ReferenceAnswerSet(
                        itemId, projectId, candidate.item().referenceAnswer(), project.schemaVersion()), clock));
            }
        }
        items.insertAnswers(answers);
        outbox.publishAll(events);
    }

    /**
     * A concurrent transaction stored the same item between our lookup and our insert: the insert skipped
     * it, so it is a duplicate of the item that transaction stored, and its event must not be published.
     */
    private void resolveConcurrentDuplicates(UUID projectId, List<ItemRow> rows, Set<UUID> inserted,
                                             Map<UUID, Candidate> fresh, Map<Long, LineOutcome> outcomes,
                                             List<Outbox.Pending> events) {
        List<ItemRow> skipped = rows.stream().filter(r -> !inserted.contains(r.itemId())).toList();
        Map<String, UUID> byExternalId = items.idsByExternalId(projectId,
                skipped.stream().map(ItemRow::externalId).filter(id -> id != null).toList());
        Map<String, UUID> byHash = items.idsByDedupHash(projectId,
                skipped.stream().map(ItemRow::dedupHash).filter(h -> h != null).toList());
        Set<UUID> skippedEvents = new java.util.HashSet<>();
        for (ItemRow row : skipped) {
            Candidate candidate = fresh.remove(row.itemId());
            UUID existing = existingId(candidate, byExternalId, byHash);
            outcomes.put(candidate.line(), LineOutcome.duplicate(candidate.line(), existing));
            skippedEvents.add(row.eventId());
        }
        events.removeIf(e -> skippedEvents.contains(e.eventId()));
    }

    private static UUID existingId(Candidate candidate, Map<String, UUID> byExternalId, Map<String, UUID> byHash) {
        String externalId = candidate.item().externalId();
        if (externalId != null && byExternalId.containsKey(externalId)) {
            return byExternalId.get(externalId);
        }
        return candidate.dedupHash() == null ? null : byHash.get(candidate.dedupHash());
    }

    private static String json(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    private static int bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * A valid line with its new item id and its ItemIngested event, published only if it is no duplicate.
     * {@code assignees} is the JSON array of the annotators it is reserved for, null when there are none.
     */
    public record Candidate(long line, UUID itemId, ItemSubmission item, ItemKind kind, String data, String metadata,
                            String contentHash, String dedupHash, Integer annotatorsPerItem, String assignees,
                            Outbox.Pending event) {
    }
}
