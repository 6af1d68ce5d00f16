package io.labelstream.adjudication.service;

import io.labelstream.adjudication.domain.ItemRecord;
import io.labelstream.adjudication.domain.ItemStanding;
import io.labelstream.adjudication.domain.LabelCheck;
import io.labelstream.adjudication.domain.ModelDecision;
import io.labelstream.adjudication.domain.ReviewReason;
import io.labelstream.adjudication.repository.GoldRepository;
import io.labelstream.adjudication.repository.ItemContextRepository;
import io.labelstream.adjudication.repository.ReviewRepository;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.LearningPolicy;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Model pre-labelling: a prediction that {@link ModelDecision} accepts becomes the item's gold label, decided by
 * MODEL, and a sampled share of those decisions joins the review queue as spot checks. The item is locked as
 * for every gold decision, so a prediction racing an assessment or a reviewer sees what they wrote.
 */
@ApplicationScoped
public class ModelPrelabelling {

    private final ProjectDirectory projects;
    private final ItemContextRepository items;
    private final ReviewRepository reviews;
    private final GoldRepository gold;
    private final GoldPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    public ModelPrelabelling(ProjectDirectory projects, ItemContextRepository items, ReviewRepository reviews,
                             GoldRepository gold, GoldPublisher publisher) {
        this.projects = projects;
        this.items = items;
        this.reviews = reviews;
        this.gold = gold;
        this.publisher = publisher;
    }

    /** Whether the prediction's project lets its model decide at all: only then is the prediction considered. */
    public boolean mayDecide(ModelPrediction prediction) {
        return prediction.label() != null && projects.find(prediction.projectId())
                .map(p -> p.policies().learningOrDefaults().autoLabel() != null).orElse(false);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void consider(ModelPrediction prediction) {
        Optional<ProjectEvent> project = projects.find(prediction.projectId());
        LearningPolicy.AutoLabel policy = project.map(p -> p.policies().learningOrDefaults().autoLabel()).orElse(null);
        if (policy == null || prediction.label() == null
                || LabelCheck.problem(prediction.label(), project.get().schema()).isPresent()) {
            return;
        }
        gold.lockItem(prediction.itemId());
        // an item of another project, or one not seen yet, is never decided: its kind is unknown
        Optional<ItemRecord> item = items.findItem(prediction.itemId())
                .filter(i -> i.projectId().equals(prediction.projectId()));
        if (item.isEmpty()) {
            return;
        }
        ItemStanding standing = ItemStandings.of(reviews.find(prediction.itemId()), gold.current(prediction.itemId()));
        Double confidence = prediction.confidence(project.get().schema().taskType());
        ModelDecision.Outcome outcome = ModelDecision.of(prediction.itemId(), policy, standing,
                ItemKind.REGULAR.name().equals(item.get().kind()), !items.annotations(prediction.itemId()).isEmpty(),
                prediction.crossValidatedF1(), confidence);
        if (outcome == ModelDecision.Outcome.NONE) {
            return;
        }
        Instant now = Instant.now(clock);
        publisher.publish(prediction.itemId(), prediction.projectId(), project,
                GoldPublisher.Decision.byModel(prediction.label(), prediction.modelId(), confidence), now);
        if (outcome == ModelDecision.Outcome.DECIDE_AND_SPOT_CHECK) {
            reviews.queue(prediction.itemId(), prediction.projectId(), ReviewReason.MODEL_SPOT_CHECK, now);
        }
    }
}
