package io.labelstream.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.MalformedEventException;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.RawItem;
import io.labelstream.ingestion.config.IngestionConfig;
import io.labelstream.ingestion.domain.ItemSubmission;
import io.labelstream.ingestion.domain.LineOutcome;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.problem.Problem;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Ingests single items, JSON batches and raw items from Kafka. */
@ApplicationScoped
public class ItemService {

    static final String RAW_ITEMS_CONSUMER = "ingestion-service.raw-items";
    /** Item fields that only the REST API takes: the raw-items contract (RawItem and its schema) has no place for them. */
    private static final List<String> REST_ONLY_FIELDS = List.of("annotatorsPerItem", "assignees");

    private final ItemIngester ingester;
    private final ProjectDirectory directory;
    private final Inbox inbox;
    private final IngestionConfig config;

    public ItemService(ItemIngester ingester, ProjectDirectory directory, Inbox inbox, IngestionConfig config) {
        this.ingester = ingester;
        this.directory = directory;
        this.inbox = inbox;
        this.config = config;
    }

    /** Stores one item, or finds the one it duplicates; an invalid item is refused and nothing is written. */
    @Transactional
    public LineOutcome ingestOne(ProjectEvent project, ItemSubmission item) {
        LineOutcome outcome = ingester.ingest(project,
                List.of(new ItemIngester.Submitted(1, item, null)), null).get(0);
        if (outcome.status() == LineOutcome.Status.REJECTED) {
            throw ProblemException.invalid(outcome.violations().stream()
                    .map(v -> new Problem.FieldError(v.field(), v.reason())).toList());
        }
        return outcome;
    }

    /** Stores the valid items of a JSON array; each invalid one is reported by its 1-based position. */
    @Transactional
    public List<LineOutcome> ingestBatch(ProjectEvent project, List<JsonNode> batch) {
        List<ItemIngester.Submitted> submitted = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            submitted.add(SubmissionReader.fromTree(i + 1, batch.get(i)));
        }
        return ingester.ingest(project, submitted, null);
    }

    /**
     * Applies a raw item from Kafka once. An item that cannot be stored (unknown or completed project,
     * invalid content) is a poison record: the exception sends it to the dead-letter topic.
     */
    @Transactional
    public void ingestRaw(EventEnvelope envelope) {
        if (!inbox.firstDelivery(RAW_ITEMS_CONSUMER, envelope.eventId())) {
            return;
        }
        for (String field : REST_ONLY_FIELDS) {
            // dropping them silently would hand a reserved item to the whole pool
            if (envelope.payload() != null && envelope.payload().has(field)) {
                throw new MalformedEventException("raw item " + envelope.eventId() + " carries " + field
                        + ", which labeling.raw-items does not take; ingest such items through the REST API");
            }
        }
        RawItem raw = EventCodec.payload(envelope, RawItem.class);
        UUID projectId = raw.projectId() != null ? raw.projectId() : envelope.projectId();
        if (projectId == null) {
            throw new MalformedEventException("raw item " + envelope.eventId() + " names no project");
        }
        ProjectEvent project = directory.find(projectId)
                .orElseThrow(() -> new MalformedEventException("raw item for unknown project " + projectId));
        if (!project.state().acceptsItems()) {
            throw new MalformedEventException("raw item for project " + projectId + " which is " + project.state());
        }
        ItemSubmission item = new ItemSubmission(raw.externalId(), raw.data(), raw.metadata(), raw.pilot(),
                raw.qualification(), raw.referenceAnswer());
        LineOutcome outcome = ingester.ingest(project, List.of(new ItemIngester.Submitted(1, item, null)), null).get(0);
        if (outcome.status() == LineOutcome.Status.REJECTED) {
            throw new MalformedEventException("raw item " + envelope.eventId() + " is invalid: " + outcome.reason());
        }
    }
}
