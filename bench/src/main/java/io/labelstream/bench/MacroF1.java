package io.labelstream.bench;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Macro-F1: the unweighted mean of each label's F1 (a label never predicted nor true is left out). */
final class MacroF1 {

    private MacroF1() {
    }

    static double of(List<String> truth, List<String> predicted) {
        if (truth.size() != predicted.size()) {
            throw new IllegalArgumentException(truth.size() + " truths for " + predicted.size() + " predictions");
        }
        Set<String> labels = new TreeSet<>(truth);
        labels.addAll(predicted);
        double sum = 0;
        for (String label : labels) {
            int truePositives = 0;
            int falsePositives = 0;
            int falseNegatives = 0;
            for (int i = 0; i < truth.size(); i++) {
                boolean isTrue = label.equals(truth.get(i));
                boolean isPredicted = label.equals(predicted.get(i));
                if (isTrue && isPredicted) {
                    truePositives++;
                } else if (isPredicted) {
                    falsePositives++;
                } else if (isTrue) {
                    falseNegatives++;
                }
            }
            sum += 2.0 * truePositives / (2.0 * truePositives + falsePositives + falseNegatives);
        }
        return labels.isEmpty() ? 0 : sum / labels.size();
    }
}
