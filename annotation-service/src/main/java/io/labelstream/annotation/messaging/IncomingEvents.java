package io.labelstream.annotation.messaging;

import io.labelstream.annotation.service.Delivered;
import io.labelstream.annotation.service.ReferenceDataUpdates;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.TaskReleased;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.CompletionStage;

/**
 * Thin adapters of the incoming topics: parse the envelope, pick the event types this service uses and
 * hand them to a transaction. A record that cannot be parsed or bound goes to its dead-letter topic; a
 * tombstone (null value) and other event types are skipped. Projects are rare and applied one record at a
 * time; items, predictions and assignments come in poll batches, one transaction per batch ({@link PollBatch}).
 */
@ApplicationScoped
public class IncomingEvents {

    private final ReferenceDataUpdates updates;
    private final PollBatch<ItemIngested> items;
    private final PollBatch<ModelPrediction> predictions;
    private final PollBatch<TaskReleased> releases;

    public IncomingEvents(ReferenceDataUpdates updates) {
        this.updates = updates;
        // lambdas, not method references: the container may build this class without a delegate to call
        this.items = new PollBatch<>(Channels.ITEMS, value -> decode(value, ItemIngested.class),
                all -> updates.applyItems(all), one -> updates.applyItem(one.eventId(), one.event()));
        this.predictions = new PollBatch<>(Channels.PREDICTIONS, value -> decode(value, ModelPrediction.class),
                all -> updates.applyPredictions(all), one -> updates.applyPrediction(one.eventId(), one.event()));
        this.releases = new PollBatch<>(Channels.ASSIGNMENTS, value -> decode(value, TaskReleased.class),
                all -> updates.applyReleases(all), one -> updates.applyRelease(one.eventId(), one.event()));
    }

    @Incoming(Channels.PROJECTS)
    @Blocking
    public void project(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (ProjectEvent.DEFINED.equals(envelope.type()) || ProjectEvent.UPDATED.equals(envelope.type())) {
            updates.applyProject(envelope.eventId(), EventCodec.payload(envelope, ProjectEvent.class));
        }
    }

    @Incoming(Channels.ITEMS)
    @Blocking
    public CompletionStage<Void> items(KafkaRecordBatch<String, String> batch) {
        return items.apply(batch);
    }

    @Incoming(Channels.PREDICTIONS)
    @Blocking
    public CompletionStage<Void> predictions(KafkaRecordBatch<String, String> batch) {
        return predictions.apply(batch);
    }

    /** Mostly TaskAssigned and TaskCompleted, two per label, which are decoded (a malformed one is dead-lettered) and skipped. */
    @Incoming(Channels.ASSIGNMENTS)
    @Blocking
    public CompletionStage<Void> assignments(KafkaRecordBatch<String, String> batch) {
        return releases.apply(batch);
    }

    /** The event of type {@code type} a record carries; null for other event types. */
    private static <E> Delivered<E> decode(String value, Class<E> type) {
        EventEnvelope envelope = EventCodec.read(value);
        if (!type.getSimpleName().equals(envelope.type())) {
            return null;
        }
        return new Delivered<>(envelope.eventId(), EventCodec.payload(envelope, type));
    }
}
