package io.labelstream.learning.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.EventEnvelope;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.learning.domain.LearnableProject;
import io.labelstream.learning.repository.LearningItemRepository;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps what training needs: projects, the text of their items and the current gold label of each. Every
 * gold change counts towards the project's next training; when one is due, it is requested after commit. A
 * label the model decided itself is kept apart: the model does not learn from its own decisions.
 */
@ApplicationScoped
public class LearningIntake {

    private final Inbox inbox;
    private final ProjectDirectory projects;
    private final LearningItemRepository items;
    private final TrainingPlanner planner;
    private final Event<TrainingRequested> requests;
    private final ModelCatalog catalog;
    private final NewItemScoring scoring;

    public LearningIntake(Inbox inbox, ProjectDirectory projects, LearningItemRepository items,
                          TrainingPlanner planner, Event<TrainingRequested> requests, ModelCatalog catalog,
                          NewItemScoring scoring) {
        this.inbox = inbox;
        this.projects = projects;
        this.items = items;
        this.planner = planner;
        this.requests = requests;
        this.catalog = catalog;
        this.scoring = scoring;
    }

    /** A project, and the text of the items that arrived before it, read with its text field. */
    @Transactional
    public void applyProject(EventEnvelope envelope) {
        ProjectEvent project = EventCodec.payload(envelope, ProjectEvent.class);
        if (inbox.firstDelivery("learning.projects", envelope.eventId())) {
            items.holdProjectItems(project.projectId());
            projects.apply(project);
            readTextsOfItemsBefore(project);
        }
    }

    private void readTextsOfItemsBefore(ProjectEvent project) {
        Optional<LearnableProject> learnable = LearnableProject.of(project);
        Map<UUID, String> texts = new HashMap<>();
        items.itemsBeforeProject(project.projectId())
                .forEach(item -> texts.put(item.itemId(), textOf(learnable, item.data())));
        // a gold label that came first was counted when its item had no text: the text is a change of its own
        int examples = items.setTexts(texts);
        if (examples > 0) {
            changed(project.projectId(), examples);
        }
    }

    @Transactional
    public void applyItem(EventEnvelope envelope) {
        ItemIngested item = EventCodec.payload(envelope, ItemIngested.class);
        if (!inbox.firstDelivery("learning.items", envelope.eventId())) {
            return;
        }
        Optional<ProjectEvent> project = projects.find(item.projectId());
        if (project.isEmpty()) {
            // the item overtook its project (another topic): the project says which field holds its text
            items.shareProjectItems(item.projectId());
            project = projects.find(item.projectId());
            if (project.isEmpty()) {
                items.saveItemBeforeProject(item.itemId(), item.projectId(), item.kind() == ItemKind.REGULAR,
                        item.data());
                return;
            }
        }
        Optional<LearnableProject> learnable = project.flatMap(LearnableProject::of);
        String text = textOf(learnable, item.data());
        boolean labelledBefore = items.saveItem(item.itemId(), item.projectId(), item.kind() == ItemKind.REGULAR, text);
        // a gold label that overtook its item was counted when no text made it an example; a training in
        // between took that change in without it, so the text is a change of its own
        if (labelledBefore && text != null) {
            changed(item.projectId());
        }
        // an item arriving after a training is scored by the latest model at once, not at the next training
        if (text != null && item.kind() == ItemKind.REGULAR && learnable.isPresent()) {
            catalog.latest(item.projectId())
                    .filter(model -> learnable.get().ranksThePool() || learnable.get().autoLabelsWith(model.macroF1()))
                    .ifPresent(model -> scoring.score(item.itemId(), item.projectId(), learnable.get(), text, model));
        }
    }

    /**
     * The item's text by the project's text field, null where its data has none; by the default field where the
     * project has no model.
     */
    private static String textOf(Optional<LearnableProject> learnable, JsonNode data) {
        if (learnable.isPresent()) {
            return learnable.get().textOf(data);
        }
        return data != null && data.path("text").isTextual() ? data.get("text").asText() : null;
    }

    static final String GOLD_CONSUMER = "learning.gold";

    /** A record of the gold topic: a label with the id of its event, or a tombstone (no label) for the item. */
    public record GoldDelivery(UUID eventId, UUID itemId, GoldLabel gold) {

        public static GoldDelivery of(EventEnvelope envelope) {
            GoldLabel gold = EventCodec.payload(envelope, GoldLabel.class);
            return new GoldDelivery(envelope.eventId(), gold.itemId(), gold);
        }

        public static GoldDelivery tombstone(UUID itemId) {
            return new GoldDelivery(null, itemId, null);
        }
    }

    @Transactional
    public void applyGold(EventEnvelope envelope) {
        apply(GoldDelivery.of(envelope));
    }

    /** One record of the gold topic in a transaction of its own. */
    @Transactional
    public void apply(GoldDelivery delivery) {
        if (delivery.gold() == null) {
            withdrawGold(delivery.itemId());
            return;
        }
        GoldLabel gold = delivery.gold();
        boolean byModel = gold.decidedBy() == DecidedBy.MODEL;
        if (inbox.firstDelivery(GOLD_CONSUMER, delivery.eventId())
                && items.saveGold(gold.itemId(), gold.projectId(), gold.label(), gold.version(), byModel)
                && !byModel) {
            changed(gold.projectId());
        }
    }

    /**
     * Applies a poll batch of the gold topic in one transaction, with the effect of applying its records one
     * after the other: the inbox asked once for all events (one delivered twice counts once), the labels
     * stored by one statement per round (a round holds each item once, so an item's versions are stored in
     * order), tombstones where they stand between them, and each project's changes counted, and its training
     * considered, once for the batch. Every change counts as it does record by record, so {@code retrainEvery}
     * still counts gold changes; a training found due is requested once.
     */
    @Transactional
    public void applyAll(List<GoldDelivery> deliveries) {
        Set<UUID> firstSeen = inbox.firstDeliveries(GOLD_CONSUMER, deliveries.stream()
                .filter(d -> d.gold() != null).map(GoldDelivery::eventId).toList());
        Map<UUID, Integer> changes = new LinkedHashMap<>();
        List<GoldLabel> labels = new ArrayList<>();
        for (GoldDelivery delivery : deliveries) {
            if (delivery.gold() == null) {
                // what came before the tombstone is stored first, what comes after it after
                store(labels, changes);
                items.withdrawGold(delivery.itemId()).ifPresent(projectId -> changes.merge(projectId, 1, Integer::sum));
            } else if (firstSeen.remove(delivery.eventId())) {
                labels.add(delivery.gold());
            }
        }
        store(labels, changes);
        changes.forEach(this::changed);
    }

    private void store(List<GoldLabel> labels, Map<UUID, Integer> changes) {
        Map<UUID, Integer> seen = new HashMap<>();
        List<List<LearningItemRepository.GoldRow>> rounds = new ArrayList<>();
        for (GoldLabel gold : labels) {
            int round = seen.merge(gold.itemId(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(new LearningItemRepository.GoldRow(gold.itemId(), gold.projectId(), gold.label(),
                    gold.version(), gold.decidedBy() == DecidedBy.MODEL));
        }
        for (List<LearningItemRepository.GoldRow> round : rounds) {
            for (LearningItemRepository.SavedGold saved : items.saveGolds(round)) {
                if (!saved.modelDecided()) {
                    changes.merge(saved.projectId(), 1, Integer::sum);
                }
            }
        }
        labels.clear();
    }

    /** A tombstone: the item left the dataset, so it leaves the training set too. */
    @Transactional
    public void withdrawGold(UUID itemId) {
        items.withdrawGold(itemId).ifPresent(this::changed);
    }

    private void changed(UUID projectId) {
        items.countChange(projectId);
        requestTrainingWhenDue(projectId);
    }

    /** Counts a project's gold changes at once, and requests its training if they make one due. */
    private void changed(UUID projectId, int count) {
        items.countChanges(projectId, count);
        requestTrainingWhenDue(projectId);
    }

    private void requestTrainingWhenDue(UUID projectId) {
        if (planner.due(projectId)) {
            requests.fire(new TrainingRequested(projectId));
        }
    }
}
