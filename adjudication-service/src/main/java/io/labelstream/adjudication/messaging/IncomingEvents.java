package io.labelstream.adjudication.messaging;

import io.labelstream.adjudication.service.AssessmentIntake;
import io.labelstream.adjudication.service.ItemContextIntake;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ProjectEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.Arrays;
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

    @Incoming(Channels.ANNOTATIONS)
    @Blocking
    public void annotation(String value) {
        dispatch(value, AnnotationSubmitted.SUBMITTED, context::applyAnnotation, AnnotationSubmitted.REVISED);
    }

    @Incoming(Channels.ITEM_QUALITY)
    @Blocking
    public void itemQuality(String value) {
        dispatch(value, "ItemAssessed", assessments::apply);
    }

    @Incoming(Channels.PREDICTIONS)
    @Blocking
    public void prediction(String value) {
        dispatch(value, "ModelPrediction", context::applyPrediction);
    }

    @Incoming(Channels.ANNOTATOR_QUALITY)
    @Blocking
    public void annotatorQuality(String value) {
        dispatch(value, "AnnotatorAssessed", context::applyAnnotatorQuality);
    }

    private static void dispatch(String value, String type, Consumer<EventEnvelope> handler, String... otherTypes) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (envelope.type().equals(type) || Arrays.asList(otherTypes).contains(envelope.type())) {
            handler.accept(envelope);
        }
    }
}
