package io.labelstream.assignment.domain;

/**
 * Whether the next task handed to an annotator should be a gold item. The draw is random so that the
 * position of gold items cannot be predicted, but the realised share is kept within one item of
 * {@code rate × served}: below that band gold is forced, above it gold is withheld.
 */
public final class GoldInjection {

    private GoldInjection() {
    }

    /**
     * @param served     tasks served to the annotator in the project so far (gold included)
     * @param goldServed gold items among them
     * @param rate       the project's gold rate (0..1)
     * @param draw       a uniform random number in [0, 1)
     */
    public static boolean serveGold(int served, int goldServed, double rate, double draw) {
        if (rate <= 0) {
            return false;
        }
        if (rate >= 1) {
            return true;
        }
        double expectedAfter = rate * (served + 1);
        if (goldServed + 1 <= Math.floor(expectedAfter) - 1) {
            return true;
        }
        if (goldServed >= Math.ceil(expectedAfter) + 1) {
            return false;
        }
        return draw < rate;
    }
}
