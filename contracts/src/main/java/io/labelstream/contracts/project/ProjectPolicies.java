package io.labelstream.contracts.project;

/**
 * The knobs of a project's labeling process. Defaults are applied by ingestion-service when a project
 * is defined, so every published project carries every value.
 *
 * @param annotatorsPerItem      k: distinct annotators each item needs
 * @param maxAnnotatorsPerItem   cap for dynamic overlap on disagreement
 * @param goldRate               share of served tasks that are gold items (0..1)
 * @param qualificationItems     gold items a new annotator answers first (0: no qualification)
 * @param qualificationMinAccuracy accuracy on those needed to qualify
 * @param quarantineAccuracy     gold accuracy (lower bound) under which an active annotator is quarantined
 * @param autoAcceptConfidence   consensus confidence at or above which a resolved item becomes gold directly
 * @param spotCheckRate          share of auto-accepted items still sent to review (0..1)
 * @param targetAgreement        agreement the project aims for; below it an item is disputed
 * @param leaseSeconds           how long a task lease lasts before the item returns to the pool
 * @param revisionGraceSeconds   how long after the lease a submission may still be revised
 * @param modelAssisted          whether annotators may fetch model suggestions
 * @param contentHashDedup       whether items with the same content are deduplicated
 * @param hourlyRate             cost of an annotator hour, for the forecast
 * @param weight                 relative priority of the project's items in shared pools
 * @param aggregation            truth inference method: MAJORITY, WEIGHTED or DAWID_SKENE
 * @param calibrationTargetKappa mean pairwise Cohen's kappa the pilot must reach before ACTIVE (0: no gate);
 *                               absent (a project defined before calibration existed): the default
 * @param calibrationMinItems    pilot items labelled by every pilot annotator before the pilot is judged;
 *                               absent: the default
 * @param learning               the built-in model's training and use; null for its defaults
 */
public record ProjectPolicies(
        int annotatorsPerItem,
        int maxAnnotatorsPerItem,
        double goldRate,
        int qualificationItems,
        double qualificationMinAccuracy,
        double quarantineAccuracy,
        double autoAcceptConfidence,
        double spotCheckRate,
        double targetAgreement,
        int leaseSeconds,
        int revisionGraceSeconds,
        boolean modelAssisted,
        boolean contentHashDedup,
        double hourlyRate,
        double weight,
        String aggregation,
        Double calibrationTargetKappa,
        Integer calibrationMinItems,
        LearningPolicy learning) {

    public static final double DEFAULT_CALIBRATION_TARGET_KAPPA = 0.8;
    public static final int DEFAULT_CALIBRATION_MIN_ITEMS = 20;

    public ProjectPolicies {
        calibrationTargetKappa = calibrationTargetKappa == null ? DEFAULT_CALIBRATION_TARGET_KAPPA : calibrationTargetKappa;
        calibrationMinItems = calibrationMinItems == null ? DEFAULT_CALIBRATION_MIN_ITEMS : calibrationMinItems;
    }

    /** The policies without the calibration values and the learning object, which take their defaults. */
    public ProjectPolicies(int annotatorsPerItem, int maxAnnotatorsPerItem, double goldRate, int qualificationItems,
                           double qualificationMinAccuracy, double quarantineAccuracy, double autoAcceptConfidence,
                           double spotCheckRate, double targetAgreement, int leaseSeconds, int revisionGraceSeconds,
                           boolean modelAssisted, boolean contentHashDedup, double hourlyRate, double weight,
                           String aggregation) {
        this(annotatorsPerItem, maxAnnotatorsPerItem, goldRate, qualificationItems, qualificationMinAccuracy,
                quarantineAccuracy, autoAcceptConfidence, spotCheckRate, targetAgreement, leaseSeconds,
                revisionGraceSeconds, modelAssisted, contentHashDedup, hourlyRate, weight, aggregation,
                DEFAULT_CALIBRATION_TARGET_KAPPA, DEFAULT_CALIBRATION_MIN_ITEMS, null);
    }

    /** The learning policy, or its defaults when the project has none. */
    public LearningPolicy learningOrDefaults() {
        return learning == null ? LearningPolicy.defaults() : learning;
    }

    public static ProjectPolicies defaults() {
        return new ProjectPolicies(3, 5, 0.1, 0, 0.8, 0.6, 0.8, 0.05, 0.6, 1800, 600, false, false, 20.0, 1.0,
                "DAWID_SKENE");
    }
}
