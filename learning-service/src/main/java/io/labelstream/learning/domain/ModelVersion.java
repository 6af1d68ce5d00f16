package io.labelstream.learning.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** One trained model of a project, kept whole: the serialised classifier and its cross-validated metrics. */
@Entity
@Table(name = "model_version")
public class ModelVersion extends PanacheEntityBase {

    @Id
    @Column(name = "model_id")
    private String modelId;
    @Column(name = "project_id", nullable = false)
    private UUID projectId;
    @Column(nullable = false)
    private int version;
    @Column(name = "trained_at", nullable = false)
    private Instant trainedAt;
    @Column(name = "training_labels", nullable = false)
    private int trainingLabels;
    @Column(name = "macro_f1", nullable = false)
    private double macroF1;
    @Column(nullable = false)
    private double accuracy;
    @Column(nullable = false)
    private int folds;
    // listing the versions must not load every model: fetched when a prediction needs it
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    private byte[] model;

    protected ModelVersion() {
    }

    /** The next version of the project's model; its id names the project and the version. */
    public static ModelVersion next(UUID projectId, Instant trainedAt, int trainingLabels, ModelMetrics metrics,
                                    byte[] model) {
        ModelVersion version = new ModelVersion();
        version.projectId = projectId;
        version.version = latest(projectId).map(v -> v.version).orElse(0) + 1;
        version.modelId = "labelstream-linear:" + projectId + ":v" + version.version;
        version.trainedAt = trainedAt;
        version.trainingLabels = trainingLabels;
        version.macroF1 = metrics.macroF1();
        version.accuracy = metrics.accuracy();
        version.folds = metrics.folds();
        version.model = model;
        return version;
    }

    public static List<ModelVersion> newestFirst(UUID projectId) {
        return list("projectId = ?1 order by version desc", projectId);
    }

    public static Optional<ModelVersion> latest(UUID projectId) {
        return find("projectId = ?1 order by version desc", projectId).firstResultOptional();
    }

    public String modelId() {
        return modelId;
    }

    public UUID projectId() {
        return projectId;
    }

    public int version() {
        return version;
    }

    public Instant trainedAt() {
        return trainedAt;
    }

    public int trainingLabels() {
        return trainingLabels;
    }

    public ModelMetrics metrics() {
        return new ModelMetrics(macroF1, accuracy, folds);
    }

    public TextClassifier classifier() {
        return TextClassifier.fromBytes(model);
    }
}
