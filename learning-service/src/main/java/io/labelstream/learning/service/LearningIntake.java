package io.labelstream.learning.service;

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

import java.util.Optional;
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

    @Transactional
    public void applyProject(EventEnvelope envelope) {
        ProjectEvent project = EventCodec.payload(envelope, ProjectEvent.class);
        if (inbox.firstDelivery("learning.projects", envelope.eventId())) {
            projects.apply(project);
        }
    }

    @Transactional
    public void applyItem(EventEnvelope envelope) {
        ItemIngested item = EventCodec.payload(envelope, ItemIngested.class);
        if (!inbox.firstDelivery("learning.items", envelope.eventId())) {
            return;
        }
        Optional<LearnableProject> learnable = projects.find(item.projectId()).flatMap(LearnableProject::of);
        // the default text field when the project is not known yet: items may overtake their project
        String text = learnable.map(p -> p.textOf(item.data()))
                .orElseGet(() -> item.data() != null && item.data().path("text").isTextual() ? item.data().get("text").asText() : null);
        items.saveItem(item.itemId(), item.projectId(), item.kind() == ItemKind.REGULAR, text);
        // an item arriving after a training is scored by the latest model at once, not at the next training
        if (text != null && item.kind() == ItemKind.REGULAR && learnable.isPresent()) {
            catalog.latest(item.projectId())
                    .filter(model -> learnable.get().ranksThePool() || learnable.get().autoLabelsWith(model.macroF1()))
                    .ifPresent(model -> scoring.score(item.itemId(), item.projectId(), learnable.get(), text, model));
        }
    }

    @Transactional
    public void applyGold(EventEnvelope envelope) {
        GoldLabel gold = EventCodec.payload(envelope, GoldLabel.class);
        boolean byModel = gold.decidedBy() == DecidedBy.MODEL;
        if (inbox.firstDelivery("learning.gold", envelope.eventId())
                && items.saveGold(gold.itemId(), gold.projectId(), gold.label(), gold.version(), byModel)
                && !byModel) {
            changed(gold.projectId());
        }
    }

    /** A tombstone: the item left the dataset, so it leaves the training set too. */
    @Transactional
    public void withdrawGold(UUID itemId) {
        items.withdrawGold(itemId).ifPresent(this::changed);
    }

    private void changed(UUID projectId) {
        items.countChange(projectId);
        if (planner.due(projectId)) {
            requests.fire(new TrainingRequested(projectId));
        }
    }
}
