package io.labelstream.learning.service;

import io.labelstream.learning.domain.ModelVersion;
import io.labelstream.learning.domain.TextClassifier;
import io.labelstream.learning.repository.LatestModelRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest model of each project, deserialised once: a prediction request asks the database only which
 * version is latest (another replica may have trained a newer one) and reads the version's row and model bytes
 * when it changed.
 */
@ApplicationScoped
public class ModelCatalog {

    /** A model ready to predict, with its cross-validated macro-F1 (what pre-labelling is judged by). */
    public record Loaded(String modelId, double macroF1, TextClassifier classifier) {
    }

    private final ConcurrentHashMap<UUID, Loaded> latest = new ConcurrentHashMap<>();
    private final LatestModelRepository latestModels;

    public ModelCatalog(LatestModelRepository latestModels) {
        this.latestModels = latestModels;
    }

    void put(UUID projectId, String modelId, double macroF1, TextClassifier classifier) {
        latest.put(projectId, new Loaded(modelId, macroF1, classifier));
    }

    @Transactional
    public Optional<Loaded> latest(UUID projectId) {
        Optional<LatestModelRepository.LatestModel> newest = latestModels.of(projectId);
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        Loaded cached = latest.get(projectId);
        if (cached != null && cached.modelId().equals(newest.get().modelId())) {
            return Optional.of(cached);
        }
        ModelVersion stored = ModelVersion.findById(newest.get().modelId());
        Loaded loaded = new Loaded(stored.modelId(), stored.metrics().macroF1(), stored.classifier());
        latest.put(projectId, loaded);
        return Optional.of(loaded);
    }
}
