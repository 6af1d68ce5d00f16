package io.labelstream.learning.domain;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained softmax-linear model as weights alone: one row per output label, one column per feature and a last
 * column for the bias. It predicts exactly as the Tribuo model it was taken from (the same sums in the same order,
 * then the same exponential normalisation) and is stored as its label names, feature names and weights.
 *
 * <p>Tribuo's own protobuf writer serialises a model's feature map one feature at a time through reflection; for
 * the character n-grams of a few hundred texts that took longer than the training and its cross-validation
 * together, once per model version. These weights are written in a small fraction of that time and space.
 */
public final class LinearModel {

    private final List<String> outputs;
    // feature name -> its column
    private final Map<String, Integer> columns;
    private final double[][] weights;

    /**
     * @param outputs  the label of each row
     * @param features the feature of each column but the last, the bias
     * @param weights  outputs × (features + 1)
     */
    public LinearModel(List<String> outputs, List<String> features, double[][] weights) {
        if (weights.length != outputs.size()) {
            throw new IllegalArgumentException(weights.length + " rows of weights for " + outputs.size() + " labels");
        }
        for (double[] row : weights) {
            if (row.length != features.size() + 1) {
                throw new IllegalArgumentException(row.length + " weights in a row for " + features.size()
                        + " features and the bias");
            }
        }
        this.outputs = List.copyOf(outputs);
        this.columns = new HashMap<>(features.size() * 2);
        for (int column = 0; column < features.size(); column++) {
            columns.put(features.get(column), column);
        }
        this.weights = weights;
    }

    /**
     * The probability of each label for a text's features: the features the model does not know count for nothing.
     * The features are summed in column order, then the bias, as Tribuo sums them, so the scores equal its own to
     * the last bit.
     */
    public Map<String, Double> predict(Map<String, Double> features) {
        int[] known = new int[features.size()];
        double[] values = new double[features.size()];
        int count = 0;
        for (Map.Entry<String, Double> feature : features.entrySet()) {
            Integer column = columns.get(feature.getKey());
            if (column != null) {
                known[count] = column;
                values[count++] = feature.getValue();
            }
        }
        int[] order = sortedByColumn(known, count);
        int bias = columns.size();
        double[] scores = new double[outputs.size()];
        for (int output = 0; output < scores.length; output++) {
            double[] row = weights[output];
            double sum = 0.0;
            for (int i : order) {
                sum += row[known[i]] * values[i];
            }
            scores[output] = sum + row[bias];
        }
        normalise(scores);
        Map<String, Double> distribution = new LinkedHashMap<>();
        for (int output = 0; output < scores.length; output++) {
            distribution.put(outputs.get(output), scores[output]);
        }
        return distribution;
    }

    private static int[] sortedByColumn(int[] columns, int count) {
        long[] keyed = new long[count];
        for (int i = 0; i < count; i++) {
            keyed[i] = ((long) columns[i] << 32) | i;
        }
        Arrays.sort(keyed);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = (int) keyed[i];
        }
        return order;
    }

    /** Exponentials of the scores less their maximum, over their sum: Tribuo's normalisation, step for step. */
    private static void normalise(double[] scores) {
        double max = -Double.MAX_VALUE;
        for (double score : scores) {
            if (max < score) {
                max = score;
            }
        }
        double sum = 0.0;
        for (int i = 0; i < scores.length; i++) {
            scores[i] = Math.exp(scores[i] - max);
            sum += scores[i];
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] /= sum;
        }
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeInt(outputs.size());
        for (String output : outputs) {
            out.writeUTF(output);
        }
        String[] features = new String[columns.size()];
        columns.forEach((feature, column) -> features[column] = feature);
        out.writeInt(features.length);
        for (String feature : features) {
            out.writeUTF(feature);
        }
        for (double[] row : weights) {
            for (double weight : row) {
                out.writeDouble(weight);
            }
        }
    }

    public static LinearModel read(DataInputStream in) throws IOException {
        String[] outputs = new String[in.readInt()];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = in.readUTF();
        }
        String[] features = new String[in.readInt()];
        for (int i = 0; i < features.length; i++) {
            features[i] = in.readUTF();
        }
        double[][] weights = new double[outputs.length][features.length + 1];
        for (double[] row : weights) {
            for (int j = 0; j < row.length; j++) {
                row[j] = in.readDouble();
            }
        }
        return new LinearModel(List.of(outputs), List.of(features), weights);
    }
}
