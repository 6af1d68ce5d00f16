package io.labelstream.adjudication.service;

import io.labelstream.adjudication.repository.GoldRepository;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps what reviewers need to see about items: projects, item data, annotations, predictions, annotator
 * quality; a prediction may also become gold where the project lets its model pre-label.
 */
@ApplicationScoped
public class ItemContextIntake {

    static final String ANNOTATIONS = "adjudication.annotations";
    static final String PREDICTIONS = "adjudication.predictions";
    static final String ANNOTATOR_QUALITY = "adjudication.annotator-quality";

    private final Inbox inbox;
    private final ItemContextRepository items;
    private final ProjectDirectory projects;
    private final AssessmentIntake assessments;
    private final ModelPrelabelling prelabelling;
    private final GoldRepository gold;

    public ItemContextIntake(Inbox inbox, ItemContextRepository items, ProjectDirectory projects,
                             AssessmentIntake assessments, ModelPrelabelling prelabelling, GoldRepository gold) {
        this.gold = gold;
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

    /** An event's payload with the id of the event that carried it. */
    public record Delivery<T>(UUID eventId, T payload) {

        public static <T> Delivery<T> of(EventEnvelope envelope, Class<T> type) {
            return new Delivery<>(envelope.eventId(), EventCodec.payload(envelope, type));
        }
    }

    /** The payloads of the deliveries the consumer sees for the first time, each once, in order. */
    private <T> List<T> firstDeliveries(String consumer, List<Delivery<T>> deliveries) {
        Set<UUID> firstSeen = inbox.firstDeliveries(consumer, deliveries.stream().map(Delivery::eventId).toList());
        List<T> fresh = new ArrayList<>();
        for (Delivery<T> delivery : deliveries) {
            if (firstSeen.remove(delivery.eventId())) {
                fresh.add(delivery.payload());
            }
        }
        return fresh;
    }

    /** A poll batch of annotations in one transaction: the inbox and the annotations one statement each. */
    @Transactional
    public void applyAnnotations(List<Delivery<AnnotationSubmitted>> deliveries) {
        items.saveAnnotations(firstDeliveries(ANNOTATIONS, deliveries));
    }

    @Transactional
    public void applyAnnotation(Delivery<AnnotationSubmitted> delivery) {
        if (inbox.firstDelivery(ANNOTATIONS, delivery.eventId())) {
            items.saveAnnotation(delivery.payload());
        }
    }

    /**
     * A poll batch of predictions in one transaction: the inbox and the predictions one statement each; the
     * items a model may decide are locked together, in the one global order, before any is considered.
     */
    @Transactional
    public void applyPredictions(List<Delivery<ModelPrediction>> deliveries) {
        List<ModelPrediction> fresh = firstDeliveries(PREDICTIONS, deliveries);
        items.savePredictions(fresh);
        List<ModelPrediction> deciding = fresh.stream().filter(prelabelling::mayDecide).toList();
        gold.lockItems(deciding.stream().map(ModelPrediction::itemId).toList());
        deciding.forEach(prelabelling::consider);
    }

    @Transactional
    public void applyPrediction(Delivery<ModelPrediction> delivery) {
        if (inbox.firstDelivery(PREDICTIONS, delivery.eventId())) {
            items.savePrediction(delivery.payload());
            prelabelling.consider(delivery.payload());
        }
    }

    /** A poll batch of annotator assessments in one transaction: the inbox and the assessments one statement each. */
    @Transactional
    public void applyAnnotatorQualities(List<Delivery<AnnotatorAssessed>> deliveries) {
        items.saveAnnotatorQualities(firstDeliveries(ANNOTATOR_QUALITY, deliveries));
    }

    @Transactional
    public void applyAnnotatorQuality(Delivery<AnnotatorAssessed> delivery) {
        if (inbox.firstDelivery(ANNOTATOR_QUALITY, delivery.eventId())) {
            items.saveAnnotatorQuality(delivery.payload());
        }
    }
}
