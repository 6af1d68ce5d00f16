package io.labelstream.learning.domain;

/**
 * When a project's model is trained again. With a fixed step, after every {@code retrainEvery} gold changes;
 * without one, geometrically: when the gold changes since the last training reach {@code growth} times the
 * labels that training saw (at least {@code minimumStep}), so n labels cost O(log n) trainings and the total
 * training work stays proportional to the final training set. The first model waits for {@code seedItems}.
 */
public final class RetrainSchedule {

    private RetrainSchedule() {
    }

    /** The gold labels a project needs before any training; counting past this many changes no decision. */
    public static int enoughGold(int seedItems) {
        return Math.max(2, seedItems);
    }

    /**
     * @param trainedOn   gold labels the latest model saw, 0 when there is none
     * @param changes     gold labels added, corrected or withdrawn since
     * @param goldLabels  gold labels the project has now
     */
    public static boolean due(int trainedOn, int changes, int goldLabels, Integer retrainEvery, int seedItems,
                              double growth, int minimumStep) {
        if (goldLabels < enoughGold(seedItems) || changes <= 0) {
            return false;
        }
        if (trainedOn == 0) {
            return true;
        }
        if (retrainEvery != null) {
            return changes >= retrainEvery;
        }
        return changes >= Math.max(minimumStep, Math.ceil(trainedOn * growth));
    }
}
