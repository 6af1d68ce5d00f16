package io.labelstream.assignment.messaging;

import io.labelstream.assignment.service.AssignmentCompletion;
import io.labelstream.assignment.service.Delivered;
import io.labelstream.assignment.service.PredictionBatchUpdates;
import io.labelstream.assignment.service.QualityBatchUpdates;
import io.labelstream.assignment.service.TaskPoolUpdates;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.platform.messaging.PollBatches;
import io.labelstream.platform.messaging.WhileDatabaseBusy;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/**
 * Thin adapters from the topics to the pool. A record that is not an envelope, or whose payload does not
 * bind, throws and goes to the channel's dead-letter topic; other event types and tombstones are ignored.
 * Projects and items are applied one record per transaction; submissions, item and annotator assessments and
 * predictions (one of each per label) and gold a poll batch per transaction ({@link PollBatches}).
 */
@ApplicationScoped
public class TaskPoolConsumers {

    private final TaskPoolUpdates updates;
    private final QualityBatchUpdates batches;
    private final PredictionBatchUpdates predictions;
    private final AssignmentCompletion completion;

    public TaskPoolConsumers(TaskPoolUpdates updates, QualityBatchUpdates batches, PredictionBatchUpdates predictions,
                             AssignmentCompletion completion) {
        this.updates = updates;
        this.batches = batches;
        this.predictions = predictions;
        this.completion = completion;
    }

    @Incoming(Channels.PROJECTS)
    @Blocking
    public void project(String value) {
        EventEnvelope envelope = read(value);
        if (envelope != null && (ProjectEvent.DEFINED.equals(envelope.type()) || ProjectEvent.UPDATED.equals(envelope.type()))) {
            ProjectEvent project = EventCodec.payload(envelope, ProjectEvent.class);
            WhileDatabaseBusy.run("project event " + envelope.eventId(),
                    () -> updates.onProject(envelope.eventId(), project));
        }
    }

    @Incoming(Channels.ITEMS)
    @Blocking
    public void item(String value) {
        EventEnvelope envelope = read(value);
        if (envelope != null && "ItemIngested".equals(envelope.type())) {
            ItemIngested item = EventCodec.payload(envelope, ItemIngested.class);
            WhileDatabaseBusy.run("item event " + envelope.eventId(), () -> updates.onItem(envelope.eventId(), item));
        }
    }

    /** One label, one record: a poll batch at a time, in one transaction ({@link PollBatches}). */
    @Incoming(Channels.ANNOTATIONS)
    @Blocking
    public void annotations(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> decode(record.getPayload(), AnnotationSubmitted.SUBMITTED,
                        AnnotationSubmitted.class),
                completion::onSubmittedAll, one -> completion.onSubmitted(one.eventId(), one.event()));
    }

    /** Quality assesses the item after each of its labels: a poll batch at a time. */
    @Incoming(Channels.ITEM_QUALITY)
    @Blocking
    public void itemQuality(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> decode(record.getPayload(), "ItemAssessed", ItemAssessed.class),
                batches::onItemsAssessed, one -> updates.onItemAssessed(one.eventId(), one.event()));
    }

    /**
     * Quality assesses the annotator after each of their labels: a poll batch at a time, unless the batch holds
     * a quarantine (see {@link QualityBatchUpdates#onAnnotatorsAssessed}).
     */
    @Incoming(Channels.ANNOTATOR_QUALITY)
    @Blocking
    public void annotatorQuality(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> decode(record.getPayload(), "AnnotatorAssessed", AnnotatorAssessed.class),
                all -> {
                    if (QualityBatchUpdates.holdsQuarantine(all)) {
                        all.forEach(this::annotatorAssessed);
                    } else {
                        batches.onAnnotatorsAssessed(all);
                    }
                }, this::annotatorAssessed);
    }

    private void annotatorAssessed(Delivered<AnnotatorAssessed> one) {
        updates.onAnnotatorAssessed(one.eventId(), one.event());
    }

    /** The learner predicts the item again after each of its labels: a poll batch at a time. */
    @Incoming(Channels.PREDICTIONS)
    @Blocking
    public void predictions(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> decode(record.getPayload(), "ModelPrediction", ModelPrediction.class),
                predictions::onPredictions, one -> updates.onPrediction(one.eventId(), one.event()));
    }

    /** An item decided without the annotators, such as one a model pre-labelled: a poll batch at a time. */
    @Incoming(Channels.GOLD)
    @Blocking
    public void gold(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> decode(record.getPayload(), "GoldLabel", GoldLabel.class),
                batches::onGold, one -> updates.onGold(one.eventId(), one.event()));
    }

    /** The event of type {@code type} a record carries; null for a tombstone or another type; throws for a poison record. */
    private static <E> Delivered<E> decode(String value, String type, Class<E> payload) {
        EventEnvelope envelope = read(value);
        return envelope != null && type.equals(envelope.type())
                ? new Delivered<>(envelope.eventId(), EventCodec.payload(envelope, payload))
                : null;
    }

    /** The envelope, or null for a tombstone; throws for a poison record. */
    private static EventEnvelope read(String value) {
        return value == null ? null : EventCodec.read(value);
    }
}
