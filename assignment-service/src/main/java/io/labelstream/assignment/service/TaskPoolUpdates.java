package io.labelstream.assignment.service;

import io.labelstream.assignment.config.AssignmentConfig;
import io.labelstream.assignment.domain.Overlap;
import io.labelstream.assignment.domain.PriorityRank;
import io.labelstream.assignment.repository.AnnotatorProgressRepository;
import io.labelstream.assignment.repository.PoolItemRepository;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps the pool in step with the other services' events. Each method applies one event in one
 * transaction, after the inbox said it is the first delivery.
 */
@ApplicationScoped
public class TaskPoolUpdates {

    static final String PROJECTS = "assignment-service.projects";
    static final String ITEMS = "assignment-service.items";
    static final String PREDICTIONS = "assignment-service.predictions";
    static final String ITEM_QUALITY = "assignment-service.item-quality";
    static final String ANNOTATOR_QUALITY = "assignment-service.annotator-quality";

    private final Inbox inbox;
    private final ProjectDirectory projects;
    private final PoolItemRepository items;
    private final AnnotatorProgressRepository progress;
    private final AssignmentConfig config;

    public TaskPoolUpdates(Inbox inbox, ProjectDirectory projects, PoolItemRepository items,
                           AnnotatorProgressRepository progress, AssignmentConfig config) {
        this.inbox = inbox;
        this.projects = projects;
        this.items = items;
        this.progress = progress;
        this.config = config;
    }

    @Transactional
    public void onProject(UUID eventId, ProjectEvent project) {
        if (!inbox.firstDelivery(PROJECTS, eventId) || !projects.apply(project)) {
            return;
        }
        ProjectPolicies policies = project.policies();
        // items that arrived before their project become claimable here; a changed k applies to all
        items.applyOverlap(project.projectId(), policies.annotatorsPerItem(), policies.maxAnnotatorsPerItem());
    }

    @Transactional
    public void onItem(UUID eventId, ItemIngested item) {
        if (!inbox.firstDelivery(ITEMS, eventId)) {
            return;
        }
        items.insert(item);
    }

    @Transactional
    public void onPrediction(UUID eventId, ModelPrediction prediction) {
        if (!inbox.firstDelivery(PREDICTIONS, eventId)) {
            return;
        }
        Optional<Instant> ingestedAt = items.lockIngestedAt(prediction.itemId());
        if (ingestedAt.isEmpty()) {
            return;
        }
        Double uncertainty = config.uncertainty().of(prediction.distribution());
        double weight = policiesOf(prediction.projectId()).map(ProjectPolicies::weight).orElse(1.0);
        items.setRank(prediction.itemId(), uncertainty,
                PriorityRank.rankAt(ingestedAt.get(), uncertainty, weight, config.uncertaintyBoost()));
    }

    @Transactional
    public void onItemAssessed(UUID eventId, ItemAssessed assessed) {
        if (!inbox.firstDelivery(ITEM_QUALITY, eventId) || assessed.decision() == null) {
            return;
        }
        switch (assessed.decision()) {
            case RESOLVED, DISPUTED -> items.close(assessed.itemId());
            case NEEDS_MORE_LABELS -> raiseOverlap(assessed);
        }
    }

    private void raiseOverlap(ItemAssessed assessed) {
        Optional<Integer> extra = items.lockExtraLabels(assessed.itemId());
        if (extra.isEmpty()) {
            return;
        }
        Optional<ProjectPolicies> policies = policiesOf(assessed.projectId());
        if (policies.isEmpty()) {
            items.setOverlap(assessed.itemId(), extra.get() + 1, null);
            return;
        }
        ProjectPolicies p = policies.get();
        int raised = Overlap.raised(p.annotatorsPerItem(), extra.get(), p.maxAnnotatorsPerItem());
        items.setOverlap(assessed.itemId(), raised,
                Overlap.required(p.annotatorsPerItem(), raised, p.maxAnnotatorsPerItem()));
    }

    @Transactional
    public void onAnnotatorAssessed(UUID eventId, AnnotatorAssessed assessed) {
        if (!inbox.firstDelivery(ANNOTATOR_QUALITY, eventId) || assessed.status() == null) {
            return;
        }
        progress.setStatus(assessed.projectId(), assessed.annotatorId(), assessed.status());
    }

    private Optional<ProjectPolicies> policiesOf(UUID projectId) {
        return projects.find(projectId).map(ProjectEvent::policies);
    }
}
