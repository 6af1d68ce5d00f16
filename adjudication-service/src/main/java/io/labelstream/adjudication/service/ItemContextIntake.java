package io.labelstream.adjudication.service;

import io.labelstream.adjudication.repository.ItemContextRepository;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Keeps what reviewers need to see about items: projects, item data, annotations, predictions, annotator
 * quality; a prediction may also become gold where the project lets its model pre-label.
 */
@ApplicationScoped
public class ItemContextIntake {

    private final Inbox inbox;
    private final ItemContextRepository items;
    private final ProjectDirectory projects;
    private final AssessmentIntake assessments;
    private final ModelPrelabelling prelabelling;

    public ItemContextIntake(Inbox inbox, ItemContextRepository items, ProjectDirectory projects,
                             AssessmentIntake assessments, ModelPrelabelling prelabelling) {
        this.inbox = inbox;
        this.items = items;
        this.projects = projects;
        this.assessments = assessments;
        this.prelabelling = prelabelling;
    }

    @Transactional
    public void applyProject(EventEnvelope envelope) {
        ProjectEvent project = EventCodec.payload(envelope, ProjectEvent.class);
        if (inbox.firstDelivery("adjudication.projects", envelope.eventId()) && projects.apply(project)) {
            assessments.reconsiderAwaitingProject(project.projectId());
        }
    }

    @Transactional
    public void applyItem(EventEnvelope envelope) {
        ItemIngested item = EventCodec.payload(envelope, ItemIngested.class);
        if (inbox.firstDelivery("adjudication.items", envelope.eventId())) {
            items.saveItem(item);
        }
    }

    @Transactional
    public void applyAnnotation(EventEnvelope envelope) {
        AnnotationSubmitted annotation = EventCodec.payload(envelope, AnnotationSubmitted.class);
        if (inbox.firstDelivery("adjudication.annotations", envelope.eventId())) {
            items.saveAnnotation(annotation);
        }
    }

    @Transactional
    public void applyPrediction(EventEnvelope envelope) {
        ModelPrediction prediction = EventCodec.payload(envelope, ModelPrediction.class);
        if (inbox.firstDelivery("adjudication.predictions", envelope.eventId())) {
            items.savePrediction(prediction);
            prelabelling.consider(prediction);
        }
    }

    @Transactional
    public void applyAnnotatorQuality(EventEnvelope envelope) {
        AnnotatorAssessed assessed = EventCodec.payload(envelope, AnnotatorAssessed.class);
        if (inbox.firstDelivery("adjudication.annotator-quality", envelope.eventId())) {
            items.saveAnnotatorQuality(assessed);
        }
    }
}
