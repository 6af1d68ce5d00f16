package io.labelstream.annotation.messaging;

import io.labelstream.annotation.service.ReferenceDataUpdates;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.TaskReleased;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapters of the incoming topics: parse the envelope, pick the event types this service uses and
 * hand them to a transaction. A record that cannot be parsed or bound throws and goes to its
 * dead-letter topic; a tombstone (null value) and other event types are skipped.
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
            updates.applyProject(envelope.eventId(), EventCodec.payload(envelope, ProjectEvent.class));
        }
    }

    @Incoming(Channels.ITEMS)
    @Blocking
    public void item(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (ItemIngested.class.getSimpleName().equals(envelope.type())) {
            updates.applyItem(envelope.eventId(), EventCodec.payload(envelope, ItemIngested.class));
        }
    }

    @Incoming(Channels.PREDICTIONS)
    @Blocking
    public void prediction(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (ModelPrediction.class.getSimpleName().equals(envelope.type())) {
            updates.applyPrediction(envelope.eventId(), EventCodec.payload(envelope, ModelPrediction.class));
        }
    }

    @Incoming(Channels.ASSIGNMENTS)
    @Blocking
    public void assignment(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (TaskReleased.class.getSimpleName().equals(envelope.type())) {
            updates.applyRelease(envelope.eventId(), EventCodec.payload(envelope, TaskReleased.class));
        }
    }
}
