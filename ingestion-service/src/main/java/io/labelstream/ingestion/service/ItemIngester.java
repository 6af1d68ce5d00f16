package io.labelstream.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.util.RawValue;
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
import io.labelstream.ingestion.repository.ItemBatch;
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
        return store(prepare(project, batch, uploadId));
    }

    /**
     * Validates, serialises and hashes a batch, builds its events and the parameters of its inserts, and
     * settles duplicates within the batch, all without touching the database: a bulk import prepares the
     * next batch while the previous one commits.
     */
    public Prepared prepare(ProjectEvent project, List<Submitted> batch, UUID uploadId) {
        Map<Long, LineOutcome> outcomes = new LinkedHashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        boolean dedupByContent = project.policies().contentHashDedup();
        DistributionRules distribution = new DistributionRules(project.policies(), project.members());
        // a later line of the batch with the same external id (or content) is a duplicate of the first
        Map<String, UUID> byExternalId = new HashMap<>();
        Map<String, UUID> byHash = new HashMap<>();
        Instant now = Instant.now(clock);
        // the batch's ItemIngested events go out in one outbox row, named by every item it stores
        UUID bundleId = UUID.randomUUID();
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
            String dedupHash = dedupByContent ? hash : null;
            UUID earlier = knownItem(item.externalId(), dedupHash, byExternalId, byHash);
            if (earlier != null) {
                outcomes.put(submitted.line(), LineOutcome.duplicate(submitted.line(), earlier));
                continue;
            }
            UUID itemId = UUID.randomUUID();
            if (item.externalId() != null) {
                byExternalId.put(item.externalId(), itemId);
            }
            if (dedupHash != null) {
                byHash.put(dedupHash, itemId);
            }
            ItemKind kind = item.gold() ? ItemKind.GOLD : ItemKind.REGULAR;
            Integer annotatorsPerItem = item.ownAnnotatorsPerItem();
            List<String> assignees = item.assigneeIds();
            // the event carries the JSON just written for the row instead of writing the trees a second time
            Outbox.Pending ingested = Outbox.Pending.of(Topics.ITEMS, new ItemIngested(itemId,
                    project.projectId(), item.externalId(), kind, item.pilot(), item.qualification(), raw(data),
                    metadata == null ? item.metadata() : raw(metadata), hash, project.schemaVersion(), now,
                    annotatorsPerItem, assignees), clock);
            ItemRow row = new ItemRow(itemId, 0, project.projectId(), item.externalId(), hash, dedupHash, kind,
                    item.pilot(), item.qualification(), data, metadata, annotatorsPerItem,
                    assignees.isEmpty() ? null : json(item.assignees()), project.schemaVersion(), bundleId,
                    uploadId, now, false);
            candidates.add(new Candidate(submitted.line(), item, row, ingested));
            outcomes.put(submitted.line(), LineOutcome.accepted(submitted.line(), itemId));
        }
        List<Outbox.Pending> events = candidates.stream().map(Candidate::event).toList();
        ItemBatch rows = ItemBatch.of(project.projectId(), project.schemaVersion(), bundleId, uploadId, now,
                candidates.stream().map(Candidate::row).toList());
        return new Prepared(project, outcomes, candidates, rows, Outbox.Bundle.of(bundleId, Topics.ITEMS, events));
    }

    /**
     * A batch ready to store: the project it was checked against, the outcome of every line as far as the
     * batch alone can tell, and its inserts.
     */
    public record Prepared(ProjectEvent project, Map<Long, LineOutcome> outcomes,
                           List<Candidate> candidates, ItemBatch rows, Outbox.Bundle events) {
    }

    /** Stores a prepared batch: duplicates are answered with the stored item, the rest inserted with their events. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<LineOutcome> store(Prepared prepared) {
        if (prepared.candidates().isEmpty()) {
            return new ArrayList<>(prepared.outcomes().values());
        }
        Map<Long, LineOutcome> outcomes = new LinkedHashMap<>(prepared.outcomes());
        List<Candidate> stored = prepared.candidates();
        Outbox.Bundle events = prepared.events();
        // duplicates of stored items are not looked up first: the insert skips them on the unique indexes,
        // and only the skipped rows are looked up afterwards. A fresh import pays no lookup at all.
        Set<UUID> inserted = items.insertNew(prepared.rows());
        if (inserted.size() < stored.size()) {
            stored = stored.stream().filter(c -> inserted.contains(c.row().itemId())).toList();
            resolveDuplicates(prepared.project().projectId(), prepared.candidates(), inserted, outcomes);
            events = Outbox.Bundle.of(events.id(), Topics.ITEMS, stored.stream().map(Candidate::event).toList());
        }
        outbox.publish(events);
        publishReferenceAnswers(prepared.project(), stored);
        return new ArrayList<>(outcomes.values());
    }

    /** Gold items' answers go to their own table and topic, never with the item. */
    private void publishReferenceAnswers(ProjectEvent project, List<Candidate> stored) {
        Map<UUID, String> answers = new HashMap<>();
        List<Outbox.Pending> events = new ArrayList<>();
        for (Candidate candidate : stored) {
            if (candidate.item().gold()) {
                UUID itemId = candidate.row().itemId();
                answers.put(itemId, candidate.item().referenceAnswer().toString());
                events.add(Outbox.Pending.of(Topics.REFERENCE_ANSWERS, new ReferenceAnswerSet(
                        itemId, project.projectId(), candidate.item().referenceAnswer(), project.schemaVersion()), clock));
            }
        }
        items.insertAnswers(answers);
        outbox.publishAll(events);
    }

    /**
     * The insert skipped the rows whose external id (or content, where the project deduplicates by content)
     * is already stored, by an earlier import or by a concurrent transaction that committed first: each is
     * a duplicate of the stored item, and its event is not published.
     */
    private void resolveDuplicates(UUID projectId, List<Candidate> candidates, Set<UUID> inserted,
                                   Map<Long, LineOutcome> outcomes) {
        List<ItemRow> skipped = candidates.stream().map(Candidate::row).filter(r -> !inserted.contains(r.itemId())).toList();
        Map<String, UUID> byExternalId = items.idsByExternalId(projectId,
                skipped.stream().map(ItemRow::externalId).filter(id -> id != null).toList());
        Map<String, UUID> byHash = items.idsByDedupHash(projectId,
                skipped.stream().map(ItemRow::dedupHash).filter(h -> h != null).toList());
        Map<UUID, UUID> storedFor = new HashMap<>();
        for (ItemRow row : skipped) {
            storedFor.put(row.itemId(), knownItem(row.externalId(), row.dedupHash(), byExternalId, byHash));
        }
        // lines answered as duplicates of a skipped line within the batch point at the stored item too
        outcomes.replaceAll((line, outcome) -> outcome.itemId() != null && storedFor.containsKey(outcome.itemId())
                ? LineOutcome.duplicate(line, storedFor.get(outcome.itemId())) : outcome);
    }

    /** The item already known by this external id, else by this content hash; null when neither is known. */
    private static UUID knownItem(String externalId, String dedupHash, Map<String, UUID> byExternalId,
                                  Map<String, UUID> byHash) {
        if (externalId != null && byExternalId.containsKey(externalId)) {
            return byExternalId.get(externalId);
        }
        return dedupHash == null ? null : byHash.get(dedupHash);
    }

    private static JsonNode raw(String json) {
        return JsonNodeFactory.instance.rawValueNode(new RawValue(json));
    }

    private static String json(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }

    private static int bytes(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A valid line, new to its batch, with the row and the ItemIngested to store unless it is a duplicate. */
    public record Candidate(long line, ItemSubmission item, ItemRow row, Outbox.Pending event) {
    }
}
