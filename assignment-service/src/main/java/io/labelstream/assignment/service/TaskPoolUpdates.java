package io.labelstream.assignment.service;

import io.labelstream.assignment.config.AssignmentConfig;
import io.labelstream.assignment.domain.ItemOverlap;
import io.labelstream.assignment.domain.Overlap;
import io.labelstream.assignment.domain.PriorityRank;
import io.labelstream.assignment.repository.AnnotatorProgressRepository;
import io.labelstream.assignment.repository.PoolItemRepository;
import io.labelstream.assignment.repository.ProjectLock;
import io.labelstream.assignment.repository.ReservationRepository;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
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
    static final String GOLD = "assignment-service.gold";
    static final String ITEM_QUALITY = "assignment-service.item-quality";
    static final String ANNOTATOR_QUALITY = "assignment-service.annotator-quality";

    private final Inbox inbox;
    private final ProjectDirectory projects;
    private final PoolItemRepository items;
    private final ReservationRepository reservations;
    private final AnnotatorProgressRepository progress;
    private final ProjectLock projectLock;
    private final AssignmentConfig config;

    public TaskPoolUpdates(Inbox inbox, ProjectDirectory projects, PoolItemRepository items,
                           ReservationRepository reservations, AnnotatorProgressRepository progress,
                           ProjectLock projectLock, AssignmentConfig config) {
        this.inbox = inbox;
        this.projects = projects;
        this.items = items;
        this.reservations = reservations;
        this.progress = progress;
        this.projectLock = projectLock;
        this.config = config;
    }

    @Transactional
    public void onProject(UUID eventId, ProjectEvent project) {
        if (!inbox.firstDelivery(PROJECTS, eventId) || !projects.apply(project)) {
            return;
        }
        ProjectPolicies policies = project.policies();
        // items that arrived before their project become claimable here; a changed k applies to all items
        // that follow the project's k, a changed cap to all
        items.applyOverlap(project.projectId(), policies.annotatorsPerItem(), policies.maxAnnotatorsPerItem());
    }

    @Transactional
    public void onItem(UUID eventId, ItemIngested item) {
        if (!inbox.firstDelivery(ITEMS, eventId)) {
            return;
        }
        boolean stored = items.insert(item);
        List<String> assignees = reservable(item);
        if (stored && !assignees.isEmpty()) {
            reservations.reserve(item.itemId(), item.projectId(), assignees);
        }
    }

    /**
     * The annotators for whom the item holds a slot. Ingestion sends assignees for regular, non-pilot items only;
     * anything else is served to every annotator once and has no slot to hold, so assignees there are ignored.
     */
    private static List<String> reservable(ItemIngested item) {
        boolean regular = item.kind() == null || item.kind() == ItemKind.REGULAR;
        return regular && !item.pilot() ? item.assignees().stream().distinct().toList() : List.of();
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
        Double uncertainty = uncertaintyOf(prediction);
        items.setRank(prediction.itemId(), uncertainty, rankAt(prediction, uncertainty, ingestedAt.get()));
    }

    /** How unsure the model is of the item, by the configured measure; null when it says nothing. */
    Double uncertaintyOf(ModelPrediction prediction) {
        return config.uncertainty().of(prediction.distribution());
    }

    /** Where the prediction ranks its item, which arrived at {@code ingestedAt}. */
    Instant rankAt(ModelPrediction prediction, Double uncertainty, Instant ingestedAt) {
        double weight = policiesOf(prediction.projectId()).map(ProjectPolicies::weight).orElse(1.0);
        return PriorityRank.rankAt(ingestedAt, uncertainty, weight, config.uncertaintyBoost());
    }

    /**
     * A gold item is decided: it is not served again. Most are closed already (quality resolved them); this
     * closes the ones decided without the annotators, such as those a model pre-labelled. Leases held on it
     * still end normally.
     */
    @Transactional
    public void onGold(UUID eventId, GoldLabel gold) {
        items.closeOnce(GOLD, eventId, gold.itemId());
    }

    @Transactional
    public void onItemAssessed(UUID eventId, ItemAssessed assessed) {
        if (assessed.decision() == ItemDecision.RESOLVED || assessed.decision() == ItemDecision.DISPUTED) {
            // the most frequent decision: the inbox record and the close in one statement
            items.closeOnce(ITEM_QUALITY, eventId, assessed.itemId());
        } else if (inbox.firstDelivery(ITEM_QUALITY, eventId) && assessed.decision() != null) {
            raiseOverlap(assessed);
        }
    }

    /** The item's overlap raised by one (within the cap), after quality asked for one more label. */
    void raiseOverlap(ItemAssessed assessed) {
        Optional<ItemOverlap> overlap = items.lockOverlap(assessed.itemId());
        if (overlap.isEmpty()) {
            return;
        }
        int extra = overlap.get().extraLabels();
        Optional<ProjectPolicies> policies = policiesOf(assessed.projectId());
        if (policies.isEmpty()) {
            items.setOverlap(assessed.itemId(), extra + 1, null);
            return;
        }
        ProjectPolicies p = policies.get();
        int baseK = overlap.get().baseK(p.annotatorsPerItem());
        int raised = Overlap.raised(baseK, extra, p.maxAnnotatorsPerItem());
        items.setOverlap(assessed.itemId(), raised, Overlap.required(baseK, raised, p.maxAnnotatorsPerItem()));
    }

    @Transactional
    public void onAnnotatorAssessed(UUID eventId, AnnotatorAssessed assessed) {
        if (assessed.status() == null || assessed.status() == AnnotatorStatus.QUARANTINED) {
            if (inbox.firstDelivery(ANNOTATOR_QUALITY, eventId) && assessed.status() != null) {
                quarantine(assessed.projectId(), assessed.annotatorId());
            }
        } else {
            // quality re-assesses an annotator after each of their labels: the inbox record and the status in
            // one statement, which writes nothing when the status is the same
            progress.setStatusOnce(ANNOTATOR_QUALITY, eventId, assessed.projectId(), assessed.annotatorId(),
                    assessed.status());
        }
    }

    /**
     * A quarantined annotator is never served again, so the slots reserved for them go back to the pool;
     * otherwise their items could never reach k. Locks are taken in the order every multi-item path uses:
     * the project (shared), the annotator's progress row, then the items in item order.
     */
    private void quarantine(UUID projectId, String annotatorId) {
        projectLock.shared(projectId);
        progress.setStatus(projectId, annotatorId, AnnotatorStatus.QUARANTINED);
        reservations.forfeit(projectId, annotatorId);
    }

    private Optional<ProjectPolicies> policiesOf(UUID projectId) {
        return projects.find(projectId).map(ProjectEvent::policies);
    }
}
