package io.labelstream.adjudication.messaging;

import io.labelstream.adjudication.service.AssessmentIntake;
import io.labelstream.adjudication.service.ItemContextIntake;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.platform.messaging.PollBatches;
import io.labelstream.platform.messaging.WhileDatabaseBusy;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Thin adapters from the topics to the intake services. A record that is not an envelope, or whose payload
 * does not bind, throws: the connector sends it to the channel's dead-letter topic and moves on. Null values
 * (tombstones) and event types this service does not use are skipped.
 */
@ApplicationScoped
public class IncomingEvents {

    private final AssessmentIntake assessments;
    private final ItemContextIntake context;

    public IncomingEvents(AssessmentIntake assessments, ItemContextIntake context) {
        this.assessments = assessments;
        this.context = context;
    }

    @Incoming(Channels.PROJECTS)
    @Blocking
    public void project(String value) {
        dispatch(value, ProjectEvent.DEFINED, context::applyProject, ProjectEvent.UPDATED);
    }

    @Incoming(Channels.ITEMS)
    @Blocking
    public void item(String value) {
        dispatch(value, "ItemIngested", context::applyItem);
    }

    /** A poll batch at a time: one transaction for all its annotations (see {@link PollBatches}). */
    @Incoming(Channels.ANNOTATIONS)
    @Blocking
    public void annotation(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> {
            EventEnvelope envelope = read(record.getPayload(), AnnotationSubmitted.SUBMITTED, AnnotationSubmitted.REVISED);
            return envelope == null ? null : ItemContextIntake.Delivery.of(envelope, AnnotationSubmitted.class);
        }, context::applyAnnotations, context::applyAnnotation);
    }

    /** A poll batch at a time: one transaction for all its assessments (see {@link PollBatches}). */
    @Incoming(Channels.ITEM_QUALITY)
    @Blocking
    public void itemQuality(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> {
            EventEnvelope envelope = read(record.getPayload(), "ItemAssessed");
            return envelope == null ? null : AssessmentIntake.Delivery.of(envelope);
        }, assessments::applyAll, assessments::apply);
    }

    /** A poll batch at a time: one transaction for all its predictions (see {@link PollBatches}). */
    @Incoming(Channels.PREDICTIONS)
    @Blocking
    public void prediction(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> {
            EventEnvelope envelope = read(record.getPayload(), "ModelPrediction");
            return envelope == null ? null : ItemContextIntake.Delivery.of(envelope, ModelPrediction.class);
        }, context::applyPredictions, context::applyPrediction);
    }

    /** One assessment per label, so a poll batch at a time: one transaction for all of them (see {@link PollBatches}). */
    @Incoming(Channels.ANNOTATOR_QUALITY)
    @Blocking
    public void annotatorQuality(List<String> values, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        PollBatches.apply(batch, record -> {
            EventEnvelope envelope = read(record.getPayload(), "AnnotatorAssessed");
            return envelope == null ? null : ItemContextIntake.Delivery.of(envelope, AnnotatorAssessed.class);
        }, context::applyAnnotatorQualities, context::applyAnnotatorQuality);
    }

    private static void dispatch(String value, String type, Consumer<EventEnvelope> handler, String... otherTypes) {
        EventEnvelope envelope = read(value, type, otherTypes);
        if (envelope != null) {
            WhileDatabaseBusy.run(type + " " + envelope.eventId(), () -> handler.accept(envelope));
        }
    }

    /** The envelope of a record of one of the types, or null for a tombstone or another type; throws if unreadable. */
    private static EventEnvelope read(String value, String type, String... otherTypes) {
        if (value == null) {
            return null;
        }
        EventEnvelope envelope = EventCodec.read(value);
        return envelope.type().equals(type) || Arrays.asList(otherTypes).contains(envelope.type()) ? envelope : null;
    }
}
