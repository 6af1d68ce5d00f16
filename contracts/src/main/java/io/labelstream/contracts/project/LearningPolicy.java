package io.labelstream.contracts.project;

/**
 * How a project's built-in model is trained and used. Absent from a project's policies: the defaults.
 *
 * @param strategy     UNCERTAINTY: the model's predictions are published and assignment serves the least
 *                     confident items first; NONE: a model is still trained and served by the API, but no
 *                     prediction reorders the pool
 * @param retrainEvery new gold labels between trainings; null for a geometric schedule (each training after
 *                     the gold count grew by a constant factor), so the cost of all trainings stays bounded
 * @param seedItems    gold labels gathered, in the pool's own order, before the first model is trained
 * @param autoLabel    model pre-labelling with spot checks; null: off
 * @param textField    the field of an item's data that holds its text; {@code text} by default
 */
public record LearningPolicy(Strategy strategy, Integer retrainEvery, Integer seedItems, AutoLabel autoLabel,
                             String textField) {

    public enum Strategy { UNCERTAINTY, NONE }

    public static final int DEFAULT_SEED_ITEMS = 20;
    public static final String DEFAULT_TEXT_FIELD = "text";

    public LearningPolicy {
        strategy = strategy == null ? Strategy.UNCERTAINTY : strategy;
        seedItems = seedItems == null ? DEFAULT_SEED_ITEMS : seedItems;
        textField = textField == null || textField.isBlank() ? DEFAULT_TEXT_FIELD : textField;
    }

    public static LearningPolicy defaults() {
        return new LearningPolicy(Strategy.UNCERTAINTY, null, DEFAULT_SEED_ITEMS, null, DEFAULT_TEXT_FIELD);
    }

    /**
     * @param minConfidence       the model's probability at or above which an item may be decided by it
     * @param minCrossValidatedF1 the latest model's cross-validated macro-F1 needed before it decides anything
     * @param spotCheckRate       share of model decisions sent to reviewers (0..1)
     */
    public record AutoLabel(double minConfidence, double minCrossValidatedF1, double spotCheckRate) {
    }
}
