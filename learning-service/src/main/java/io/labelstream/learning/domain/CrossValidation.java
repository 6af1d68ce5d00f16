package io.labelstream.learning.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * k-fold cross-validation of the {@link TextClassifier} on its own training set: each fold is held out once
 * while a model is trained on the others. Folds are stratified (examples sorted by label, then dealt round
 * robin after a seeded shuffle), so every fold sees every label as far as the counts allow.
 */
public final class CrossValidation {

    public static final int DEFAULT_FOLDS = 5;
    private static final long SEED = 42L;

    private CrossValidation() {
    }

    /** Macro-F1 and accuracy over the held-out predictions of {@code min(folds, n)} folds. */
    public static ModelMetrics evaluate(TaskShape shape, List<String> labelSet, List<LabeledText> examples, int folds) {
        return evaluate(shape, labelSet, examples, TextClassifier.features(examples), folds);
    }

    /**
     * {@link #evaluate(TaskShape, List, List, int)} on the examples' {@link TextFeatures} computed beforehand,
     * once for every fold's model and held-out prediction.
     */
    public static ModelMetrics evaluate(TaskShape shape, List<String> labelSet, List<LabeledText> examples,
                                        List<Map<String, Double>> features, int folds) {
        int k = Math.min(folds, examples.size());
        if (k < 2) {
            return new ModelMetrics(0.0, 0.0, 0);
        }
        // the examples' positions are shuffled and sorted, so that each keeps its features
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(SEED));
        order.sort(Comparator.comparing(i -> String.join("\u0000", new java.util.TreeSet<>(examples.get(i).labels()))));
        List<List<Integer>> parts = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            parts.add(new ArrayList<>());
        }
        for (int i = 0; i < order.size(); i++) {
            parts.get(i % k).add(order.get(i));
        }
        List<Set<String>> truth = new ArrayList<>();
        List<Set<String>> predicted = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<LabeledText> training = new ArrayList<>();
            List<Map<String, Double>> trainingFeatures = new ArrayList<>();
            for (int g = 0; g < k; g++) {
                if (g != f) {
                    for (int i : parts.get(g)) {
                        training.add(examples.get(i));
                        trainingFeatures.add(features.get(i));
                    }
                }
            }
            TextClassifier model = TextClassifier.train(shape, labelSet, training, trainingFeatures);
            for (int held : parts.get(f)) {
                truth.add(examples.get(held).labels());
                predicted.add(model.predictFeatures(features.get(held)).labels());
            }
        }
        return new ModelMetrics(macroF1(shape, labelSet, truth, predicted), accuracy(truth, predicted), k);
    }

    /**
     * The unweighted mean over labels of each label's F1 = 2·TP / (2·TP + FP + FN). Single label: over the
     * labels that occur in the truth or the predictions; multi label: over the project's label set.
     */
    static double macroF1(TaskShape shape, List<String> labelSet, List<Set<String>> truth, List<Set<String>> predicted) {
        Set<String> labels = new HashSet<>();
        if (shape == TaskShape.MULTI_LABEL) {
            labels.addAll(labelSet);
        } else {
            truth.forEach(labels::addAll);
            predicted.forEach(labels::addAll);
        }
        if (labels.isEmpty()) {
            return 0.0;
        }
        double sum = 0;
        for (String label : labels) {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < truth.size(); i++) {
                boolean isTrue = truth.get(i).contains(label);
                boolean isPredicted = predicted.get(i).contains(label);
                if (isTrue && isPredicted) {
                    tp++;
                } else if (isPredicted) {
                    fp++;
                } else if (isTrue) {
                    fn++;
                }
            }
            // a label never present and never predicted was handled perfectly
            sum += tp + fp + fn == 0 ? 1.0 : 2.0 * tp / (2.0 * tp + fp + fn);
        }
        return sum / labels.size();
    }

    /** Share of examples whose predicted label set equals the truth exactly (subset accuracy for multi label). */
    static double accuracy(List<Set<String>> truth, List<Set<String>> predicted) {
        int right = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i).equals(predicted.get(i))) {
                right++;
            }
        }
        return truth.isEmpty() ? 0.0 : (double) right / truth.size();
    }
}
