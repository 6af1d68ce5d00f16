package io.labelstream.learning.service;

import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.learning.config.LearningConfig;
import io.labelstream.learning.domain.LearnableProject;
import io.labelstream.learning.domain.TextClassifier;
import io.labelstream.learning.repository.LearningItemRepository;
import io.labelstream.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Scores one newly ingested item with the project's latest model. */
@ApplicationScoped
public class NewItemScoring {

    private final Outbox outbox;
    private final LearningItemRepository items;
    private final LearningConfig config;
    private final Clock clock = Clock.systemUTC();

    public NewItemScoring(Outbox outbox, LearningItemRepository items, LearningConfig config) {
        this.outbox = outbox;
        this.items = items;
        this.config = config;
    }

    /**
     * Publishes the prediction where the model orders the pool, or where it may pre-label the item; records it
     * either way, so the sweep does not score the item again. An item whose gold label overtook it is labelled
     * already and gets no prediction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void score(UUID itemId, UUID projectId, LearnableProject project, String text, ModelCatalog.Loaded model) {
        TextClassifier.Prediction prediction = model.classifier().predict(text);
        boolean unlabelled = !items.setPredictions(List.of(new LearningItemRepository.Published(itemId,
                project.keyOf(prediction.labels()), prediction.uncertainty(project.shape())))).isEmpty();
        if (unlabelled && (project.ranksThePool()
                || project.autoLabels(model.macroF1(), prediction.confidence(project.shape())))) {
            outbox.publish(config.predictionsTopic(), new ModelPrediction(itemId, projectId, model.modelId(),
                    prediction.distribution(), project.labelOf(prediction.labels()), Instant.now(clock), model.macroF1()));
        }
    }
}
