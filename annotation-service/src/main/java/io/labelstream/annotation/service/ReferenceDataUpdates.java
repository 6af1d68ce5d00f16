package io.labelstream.annotation.service;

import io.labelstream.annotation.repository.ReferenceDataRepository;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.TaskReleased;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/** Applies other services' events to this service's copies, each exactly once (inbox in the same transaction). */
@ApplicationScoped
public class ReferenceDataUpdates {

    static final String PROJECTS = "annotation-service.projects";
    static final String ITEMS = "annotation-service.items";
    static final String PREDICTIONS = "annotation-service.predictions";
    static final String ASSIGNMENTS = "annotation-service.assignments";

    private final Inbox inbox;
    private final ProjectDirectory projects;
    private final ReferenceDataRepository references;

    public ReferenceDataUpdates(Inbox inbox, ProjectDirectory projects, ReferenceDataRepository references) {
        this.inbox = inbox;
        this.projects = projects;
        this.references = references;
    }

    /** The project for access checks, and its schema kept under its version for labels leased under it. */
    @Transactional
    public void applyProject(UUID eventId, ProjectEvent project) {
        if (!inbox.firstDelivery(PROJECTS, eventId)) {
            return;
        }
        projects.apply(project);
        if (project.schema() != null) {
            references.saveSchema(project);
        }
    }

    @Transactional
    public void applyItem(UUID eventId, ItemIngested item) {
        if (!inbox.firstDelivery(ITEMS, eventId)) {
            return;
        }
        references.saveItem(item);
    }

    /**
     * A poll batch of items in one transaction: one inbox statement and one upsert. An event delivered
     * twice counts once; of several events for the same item the last one in the batch wins, as it would
     * one at a time.
     */
    @Transactional
    public void applyItems(List<Delivered<ItemIngested>> deliveries) {
        references.saveItems(firstOf(ITEMS, deliveries, ItemIngested::itemId, (earlier, later) -> later));
    }

    @Transactional
    public void applyPrediction(UUID eventId, ModelPrediction prediction) {
        if (!inbox.firstDelivery(PREDICTIONS, eventId)) {
            return;
        }
        references.savePrediction(prediction);
    }

    /** A poll batch of predictions in one transaction; the latest per item is kept, as one at a time. */
    @Transactional
    public void applyPredictions(List<Delivered<ModelPrediction>> deliveries) {
        references.savePredictions(firstOf(PREDICTIONS, deliveries, ModelPrediction::itemId,
                (earlier, later) -> later.predictedAt().isBefore(earlier.predictedAt()) ? earlier : later));
    }

    @Transactional
    public void applyRelease(UUID eventId, TaskReleased released) {
        if (!inbox.firstDelivery(ASSIGNMENTS, eventId)) {
            return;
        }
        references.recordRelease(released);
    }

    /** A poll batch of releases in one transaction; a release recorded once stays as it was first recorded. */
    @Transactional
    public void applyReleases(List<Delivered<TaskReleased>> deliveries) {
        references.recordReleases(firstOf(ASSIGNMENTS, deliveries, TaskReleased::assignmentId,
                (earlier, later) -> earlier));
    }

    /**
     * The events of {@code deliveries} this consumer sees for the first time (recorded in the inbox in one
     * statement), one per aggregate: a multi-row statement may not touch a row twice, so {@code kept} picks,
     * of two events of the same aggregate in delivery order, the one the single statements would have left.
     */
    private <E> List<E> firstOf(String consumer, List<Delivered<E>> deliveries, Function<E, UUID> aggregate,
                                BinaryOperator<E> kept) {
        Set<UUID> first = inbox.firstDeliveries(consumer, deliveries.stream().map(Delivered::eventId).toList());
        Map<UUID, E> latest = new LinkedHashMap<>();
        for (Delivered<E> delivery : deliveries) {
            if (first.remove(delivery.eventId())) {
                latest.merge(aggregate.apply(delivery.event()), delivery.event(), kept);
            }
        }
        return List.copyOf(latest.values());
    }
}
