package io.labelstream.quality.messaging;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.ReferenceAnswerSet;
import io.labelstream.quality.service.AnnotationIntake;
import io.labelstream.quality.service.CrowdModelRefit;
import io.labelstream.quality.service.ItemCatalog;
import io.labelstream.quality.service.ProjectCatalog;
import io.labelstream.quality.service.QuarantineFollowUp;
import io.labelstream.quality.service.StepEffects;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Thin adapters of the incoming topics. A record that is not an event, or whose payload does not bind,
 * throws: the connector dead-letters it and the partition keeps flowing. Tombstones and event types
 * quality does not use are skipped.
 */
@ApplicationScoped
public class QualityEventsConsumer {

    private final ProjectCatalog projects;
    private final ItemCatalog items;
    private final AnnotationIntake annotations;
    private final QuarantineFollowUp followUp;
    private final CrowdModelRefit refits;

    public QualityEventsConsumer(ProjectCatalog projects, ItemCatalog items, AnnotationIntake annotations,
                                 QuarantineFollowUp followUp, CrowdModelRefit refits) {
        this.projects = projects;
        this.items = items;
        this.annotations = annotations;
        this.followUp = followUp;
        this.refits = refits;
    }

    @Incoming(QualityChannels.PROJECTS)
    @Blocking
    public void onProject(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (ProjectEvent.DEFINED.equals(envelope.type()) || ProjectEvent.UPDATED.equals(envelope.type())) {
            projects.apply(envelope.eventId(), EventCodec.payload(envelope, ProjectEvent.class));
        }
    }

    @Incoming(QualityChannels.ITEMS)
    @Blocking
    public void onItem(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (ItemIngested.class.getSimpleName().equals(envelope.type())) {
            followUp.afterCommit(items.ingested(envelope.eventId(),
                    EventCodec.payload(envelope, ItemIngested.class)));
        }
    }

    @Incoming(QualityChannels.REFERENCE_ANSWERS)
    @Blocking
    public void onReferenceAnswer(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (ReferenceAnswerSet.class.getSimpleName().equals(envelope.type())) {
            followUp.afterCommit(annotations.referenceAnswerSet(envelope.eventId(),
                    EventCodec.payload(envelope, ReferenceAnswerSet.class)));
        }
    }

    /**
     * Assignments carry nothing quality needs beyond what the annotations themselves say (time spent is
     * measured by annotation-service); the channel is consumed so that malformed records are still
     * dead-lettered and the consumer group's lag stays meaningful.
     */
    @Incoming(QualityChannels.ASSIGNMENTS)
    @Blocking
    public void onAssignment(String value) {
        if (value != null) {
            EventCodec.read(value);
        }
    }

    @Incoming(QualityChannels.ANNOTATIONS)
    @Blocking
    public void onAnnotation(String value) {
        if (value == null) {
            return;
        }
        EventEnvelope envelope = EventCodec.read(value);
        if (AnnotationSubmitted.SUBMITTED.equals(envelope.type()) || AnnotationSubmitted.REVISED.equals(envelope.type())) {
            AnnotationSubmitted annotation = EventCodec.payload(envelope, AnnotationSubmitted.class);
            StepEffects effects = annotations.submitted(envelope.eventId(), annotation);
            followUp.afterCommit(effects);
            if (effects.changedState()) {
                refits.afterLiveLabel(annotation.projectId());
            }
        }
    }
}
