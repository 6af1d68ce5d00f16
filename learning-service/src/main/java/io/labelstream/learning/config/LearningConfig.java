package io.labelstream.learning.config;

import io.smallrye.config.ConfigMapping;

import java.time.Duration;

/** Training and publishing settings of the learner. */
@ConfigMapping(prefix = "labelstream.learning")
public interface LearningConfig {

    String predictionsTopic();

    /** Trainings running at once across projects. */
    int trainingThreads();

    /** k of the k-fold cross-validation. */
    int folds();

    /** Geometric schedule: gold changes, as a share of the labels the last model saw, that trigger a training. */
    double retrainGrowth();

    /** Geometric schedule: the fewest gold changes that trigger a training. */
    int retrainMinimumStep();

    /** Uncertainty move below which a new prediction is not published. */
    double minUncertaintyChange();

    /** Items scored and published per transaction. */
    int scoringBatch();

    Duration sweepInterval();
}
