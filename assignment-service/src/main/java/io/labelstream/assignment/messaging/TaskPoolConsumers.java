package io.labelstream.assignment.messaging;

import io.labelstream.assignment.service.AssignmentCompletion;
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
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapters from the topics to the pool. A record that is not an envelope, or whose payload does not
 * bind, throws and goes to the channel's dead-letter topic; other event types and tombstones are ignored.
 */
@ApplicationScoped
public class TaskPoolConsumers {

    private final TaskPoolUpdates updates;
    private final AssignmentCompletion completion;

    public TaskPoolConsumers(TaskPoolUpdates updates, AssignmentCompletion completion) {
        this.updates = updates;
        this.completion = completion;
    }

    @Incoming(Channels.PROJECTS)
    @Blocking
    public void project(String value) {
        EventEnvelope envelope = read(value);
        if (envelope != null && (ProjectEvent.DEFINED.equals(envelope.type()) || ProjectEvent.UPDATED.equals(envelope.type()))) {
            updates.onProject(envelope.eventId(), EventCodec.payload(envelope, ProjectEvent.class));
        }
    }

    @Incoming(Channels.ITEMS)
    @Blocking
    public void item(String value) {
        EventEnvelope envelope = read(value);
        if (envelope != null && "ItemIngested".equals(envelope.type())) {
            updates.onItem(envelope.eventId(), EventCodec.payload(envelope, ItemIngested.class));
        }
    }

    @Incoming(Channels.ANNOTATIONS)
    @Blocking
    public void annotation(String value) {
        EventEnvelope envelope = read(value);
        if (envelope != null && AnnotationSubmitted.SUBMITTED.equals(envelope.type())) {
            completion.onSubmitted(envelope.eventId(), EventCodec.payload(envelope, AnnotationSubmitted.class));
        }
    }

    @Incoming(Channels.ITEM_QUALITY)
    @Blocking
    public void itemQuality(String value) {
        EventEnvelope envelope = read(value);
        if (envelope != null && "ItemAssessed".equals(envelope.type())) {
            updates.onItemAssessed(envelope.eventId(), EventCodec.payload(envelope, ItemAssessed.class));
        }
    }

    @Incoming(Channels.ANNOTATOR_QUALITY)
    @Blocking
    public void annotatorQuality(String value) {
        EventEnvelope envelope = read(value);
        if (envelope != null && "AnnotatorAssessed".equals(envelope.type())) {
            updates.onAnnotatorAssessed(envelope.eventId(), EventCodec.payload(envelope, AnnotatorAssessed.class));
        }
    }

    @Incoming(Channels.PREDICTIONS)
    @Blocking
    public void prediction(String value) {
        EventEnvelope envelope = read(value);
        if (envelope != null && "ModelPrediction".equals(envelope.type())) {
            updates.onPrediction(envelope.eventId(), EventCodec.payload(envelope, ModelPrediction.class));
        }
    }

    @Incoming(Channels.GOLD)
    @Blocking
    public void gold(String value) {
        EventEnvelope envelope = read(value);
        if (envelope != null && "GoldLabel".equals(envelope.type())) {
            updates.onGold(envelope.eventId(), EventCodec.payload(envelope, GoldLabel.class));
        }
    }

    /** The envelope, or null for a tombstone; throws for a poison record. */
    private static EventEnvelope read(String value) {
        return value == null ? null : EventCodec.read(value);
    }
}
