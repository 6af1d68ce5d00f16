package io.labelstream.learning.service;

import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.learning.config.LearningConfig;
import io.labelstream.learning.domain.CrossValidation;
import io.labelstream.learning.domain.LabeledText;
import io.labelstream.learning.domain.LearnableProject;
import io.labelstream.learning.domain.ModelMetrics;
import io.labelstream.learning.domain.ModelVersion;
import io.labelstream.learning.domain.PublishFilter;
import io.labelstream.learning.domain.TextClassifier;
import io.labelstream.learning.repository.LearningItemRepository;
import io.labelstream.platform.outbox.Outbox;
import io.labelstream.platform.project.ProjectDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One training of a project: read its gold, train and cross-validate outside any transaction, store the
 * version, then score the unlabelled items batch by batch and publish, through the outbox, the predictions
 * that moved enough ({@link PublishFilter}) or that may pre-label their item ({@code autoLabel}). Under strategy
 * NONE only the latter are published: the model is served by the API but does not reorder the pool.
 */
@ApplicationScoped
public class ProjectTraining {

    private static final Logger LOG = Logger.getLogger(ProjectTraining.class);
    // PostgreSQL orders uuids by their unsigned bytes: the nil uuid comes first
    private static final UUID FIRST = new UUID(0L, 0L);

    private final ProjectDirectory projects;
    private final LearningItemRepository items;
    private final Outbox outbox;
    private final ModelCatalog catalog;
    private final LearningConfig config;
    private final Clock clock = Clock.systemUTC();

    public ProjectTraining(ProjectDirectory projects, LearningItemRepository items, Outbox outbox, ModelCatalog catalog,
                           LearningConfig config) {
        this.projects = projects;
        this.items = items;
        this.outbox = outbox;
        this.catalog = catalog;
        this.config = config;
    }

    public void train(UUID projectId) {
        Optional<LearnableProject> found = projects.find(projectId).flatMap(LearnableProject::of);
        if (found.isEmpty()) {
            return;
        }
        LearnableProject project = found.get();
        int changes = QuarkusTransaction.requiringNew().call(() -> items.changes(projectId));
        List<LabeledText> examples = new ArrayList<>();
        for (LearningItemRepository.Gold gold : QuarkusTransaction.requiringNew().call(() -> items.gold(projectId))) {
            Set<String> names = project.namesOf(gold.label());
            if (project.shape() == io.labelstream.learning.domain.TaskShape.MULTI_LABEL || !names.isEmpty()) {
                examples.add(new LabeledText(gold.text(), names));
            }
        }
        if (examples.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        // each text's features once, for the model and every cross-validation fold
        List<Map<String, Double>> features = TextClassifier.features(examples);
        TextClassifier classifier = TextClassifier.train(project.shape(), project.labelSet(), examples, features);
        ModelMetrics metrics = CrossValidation.evaluate(project.shape(), project.labelSet(), examples, features,
                config.folds());
        ModelVersion version = QuarkusTransaction.requiringNew().call(() -> {
            ModelVersion next = ModelVersion.next(projectId, Instant.now(clock), examples.size(), metrics, classifier.toBytes());
            next.persist();
            items.consumeChanges(projectId, changes);
            return next;
        });
        catalog.put(projectId, version.modelId(), metrics.macroF1(), classifier);
        LOG.infof("project %s: model %s on %d gold labels, macro-F1 %.3f, accuracy %.3f (%d folds), %d ms",
                projectId, version.modelId(), examples.size(), metrics.macroF1(), metrics.accuracy(), metrics.folds(),
                (System.nanoTime() - started) / 1_000_000);
        ModelCatalog.Loaded model = new ModelCatalog.Loaded(version.modelId(), metrics.macroF1(), classifier);
        if (project.ranksThePool() || project.autoLabelsWith(metrics.macroF1())) {
            int published = publishPredictions(projectId, project, model, false);
            LOG.infof("project %s: %d predictions of %s published", projectId, published, version.modelId());
        }
    }

    /**
     * Scores the unlabelled items no prediction was published for: an item committed while a training was
     * scoring, and checked for a model before that model committed, is seen by neither; the sweep calls this.
     */
    public void scoreUnscored(UUID projectId) {
        Optional<LearnableProject> project = projects.find(projectId).flatMap(LearnableProject::of);
        if (project.isEmpty()) {
            return;
        }
        catalog.latest(projectId)
                .filter(model -> project.get().ranksThePool() || project.get().autoLabelsWith(model.macroF1()))
                .ifPresent(model -> publishPredictions(projectId, project.get(), model, true));
    }

    /**
     * Scores the project's unlabelled items batch by batch. Where the model orders the pool, a prediction is
     * published when it moved the item enough ({@link PublishFilter}) or may pre-label it; elsewhere only when
     * it may pre-label it, and every score is recorded so that the item is not scored again for nothing.
     */
    private int publishPredictions(UUID projectId, LearnableProject project, ModelCatalog.Loaded model,
                                   boolean onlyUnscored) {
        UUID after = FIRST;
        int published = 0;
        while (true) {
            UUID from = after;
            List<LearningItemRepository.Unlabelled> batch =
                    QuarkusTransaction.requiringNew().call(() -> onlyUnscored
                            ? items.unscored(projectId, from, config.scoringBatch())
                            : items.unlabelled(projectId, from, config.scoringBatch()));
            if (batch.isEmpty()) {
                return published;
            }
            Instant now = Instant.now(clock);
            List<Scored> scored = batch.parallelStream().map(item -> score(item, project, model.classifier())).toList();
            List<ModelPrediction> predictions = new ArrayList<>();
            List<LearningItemRepository.Published> recorded = new ArrayList<>();
            for (Scored s : scored) {
                boolean preLabels = project.autoLabels(model.macroF1(), s.prediction().confidence(project.shape()));
                boolean moved = project.ranksThePool() && PublishFilter.worthPublishing(s.item().predictedLabel(),
                        s.item().predictedUncertainty(), s.key(), s.uncertainty(), config.minUncertaintyChange());
                if (preLabels || moved) {
                    predictions.add(new ModelPrediction(s.item().itemId(), projectId, model.modelId(),
                            s.prediction().distribution(), project.labelOf(s.prediction().labels()), now,
                            model.macroF1()));
                }
                if (preLabels || moved || !project.ranksThePool()) {
                    recorded.add(new LearningItemRepository.Published(s.item().itemId(), s.key(), s.uncertainty()));
                }
            }
            published += QuarkusTransaction.requiringNew().call(() -> {
                // only the items still unlabelled get their prediction: one labelled meanwhile is not scored again
                Set<UUID> stillUnlabelled = items.setPredictions(recorded);
                List<Outbox.Pending> events = predictions.stream()
                        .filter(p -> stillUnlabelled.contains(p.itemId()))
                        .map(p -> outbox.prepare(config.predictionsTopic(), p))
                        .toList();
                // one outbox row for the batch: the relay publishes it as one record per prediction
                outbox.publish(Outbox.Bundle.of(UUID.randomUUID(), config.predictionsTopic(), events));
                return events.size();
            });
            after = batch.get(batch.size() - 1).itemId();
        }
    }

    private record Scored(LearningItemRepository.Unlabelled item, TextClassifier.Prediction prediction, String key,
                          double uncertainty) {
    }

    private static Scored score(LearningItemRepository.Unlabelled item, LearnableProject project, TextClassifier classifier) {
        TextClassifier.Prediction prediction = classifier.predict(item.text());
        return new Scored(item, prediction, project.keyOf(prediction.labels()), prediction.uncertainty(project.shape()));
    }
}
