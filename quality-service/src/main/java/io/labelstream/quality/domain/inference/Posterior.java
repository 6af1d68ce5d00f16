package io.labelstream.quality.domain.inference;

/** Log-space scores to a probability vector, shifted by the maximum so products of many rates never underflow. */
final class Posterior {

    private Posterior() {
    }

    static double[] normalise(double[] logScores) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : logScores) {
            max = Math.max(max, s);
        }
        double[] p = new double[logScores.length];
        double sum = 0;
        for (int c = 0; c < p.length; c++) {
            p[c] = Math.exp(logScores[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < p.length; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
