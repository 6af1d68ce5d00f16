package io.labelstream.annotation.messaging;

import io.labelstream.annotation.service.Delivered;
import io.labelstream.annotation.service.ReferenceDataUpdates;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.TaskReleased;
import io.labelstream.platform.messaging.PollBatches;
import io.labelstream.platform.messaging.WhileDatabaseBusy;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Thin adapters of the incoming topics: parse the envelope, pick the event types this service uses and
 * hand them to a transaction. A record that cannot be parsed or bound goes to its dead-letter topic; a
 * tombstone (null value) and other event types are skipped. Projects are rare and applied one record at a
 * time; items, predictions and assignments come in poll batches, one transaction per batch ({@link PollBatches}).
 */
@ApplicationScoped
public class IncomingEvents {

    private final ReferenceDataUpdates updates;

    public IncomingEvents(ReferenceDataUpdates updates) {
        this.updates = updates;
    }

    @Incoming(Channels.PROJECTS)
    @Blocking
    public void project(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (ProjectEvent.DEFINED.equals(envelope.type()) || ProjectEvent.UPDATED.equals(envelope.type())) {
            ProjectEvent project = EventCodec.payload(envelope, ProjectEvent.class);
            WhileDatabaseBusy.run("project event " + envelope.eventId(),
                    () -> updates.applyProject(envelope.eventId(), project));
        }
    }

    @Incoming(Channels.ITEMS)
    @Blocking
    public void items(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> decode(record.getPayload(), ItemIngested.class),
                updates::applyItems, one -> updates.applyItem(one.eventId(), one.event()));
    }

    @Incoming(Channels.PREDICTIONS)
    @Blocking
    public void predictions(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> decode(record.getPayload(), ModelPrediction.class),
                updates::applyPredictions, one -> updates.applyPrediction(one.eventId(), one.event()));
    }

    /** Mostly TaskAssigned and TaskCompleted, two per label, which are decoded (a malformed one is dead-lettered) and skipped. */
    @Incoming(Channels.ASSIGNMENTS)
    @Blocking
    public void assignments(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> decode(record.getPayload(), TaskReleased.class),
                updates::applyReleases, one -> updates.applyRelease(one.eventId(), one.event()));
    }

    /** The event of type {@code type} a record carries; null for other event types. */
    private static <E> Delivered<E> decode(String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (!type.getSimpleName().equals(envelope.type())) {
            return null;
        }
        return new Delivered<>(envelope.eventId(), EventCodec.payload(envelope, type));
    }
}
