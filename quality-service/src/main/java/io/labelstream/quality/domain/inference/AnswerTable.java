package io.labelstream.quality.domain.inference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Annotations interned to integer ids and grouped by item (compressed rows), the form the EM loops run on. */
final class AnswerTable {

    final LabelSpace labels;
    final List<String> itemIds;
    final List<String> annotatorIds;
    /** Answers of item i are positions itemStart[i] until itemStart[i + 1]. */
    final int[] itemStart;
    final int[] annotator;
    final int[] label;

    AnswerTable(LabelSpace labels, List<String> itemIds, List<String> annotatorIds,
                        int[] itemStart, int[] annotator, int[] label) {
        this.labels = labels;
        this.itemIds = itemIds;
        this.annotatorIds = annotatorIds;
        this.itemStart = itemStart;
        this.annotator = annotator;
        this.label = label;
    }

    static AnswerTable of(Collection<Annotation> annotations, LabelSpace labels) {
        Map<String, Integer> items = new HashMap<>();
        Map<String, Integer> annotators = new HashMap<>();
        List<String> itemIds = new ArrayList<>();
        List<String> annotatorIds = new ArrayList<>();
        int n = annotations.size();
        int[] itemOf = new int[n];
        int[] annotatorOf = new int[n];
        int[] labelOf = new int[n];
        int k = 0;
        for (Annotation a : annotations) {
            itemOf[k] = items.computeIfAbsent(a.item(), id -> {
                itemIds.add(id);
                return itemIds.size() - 1;
            });
            annotatorOf[k] = annotators.computeIfAbsent(a.annotator(), id -> {
                annotatorIds.add(id);
                return annotatorIds.size() - 1;
            });
            labelOf[k] = labels.indexOf(a.label());
            k++;
        }
        int[] start = new int[itemIds.size() + 1];
        for (int i : itemOf) {
            start[i + 1]++;
        }
        for (int i = 0; i < itemIds.size(); i++) {
            start[i + 1] += start[i];
        }
        int[] fill = start.clone();
        int[] annotator = new int[n];
        int[] label = new int[n];
        for (int j = 0; j < n; j++) {
            int pos = fill[itemOf[j]]++;
            annotator[pos] = annotatorOf[j];
            label[pos] = labelOf[j];
        }
        return new AnswerTable(labels, List.copyOf(itemIds), List.copyOf(annotatorIds), start, annotator, label);
    }

    int items() {
        return itemIds.size();
    }

    int annotators() {
        return annotatorIds.size();
    }

    int answers() {
        return annotator.length;
    }

    int classes() {
        return labels.size();
    }

    /** Each item's vote shares: the majority-vote starting point of EM. */
    double[][] voteShares() {
        int k = classes();
        double[][] shares = new double[items()][k];
        for (int i = 0; i < items(); i++) {
            int n = itemStart[i + 1] - itemStart[i];
            for (int j = itemStart[i]; j < itemStart[i + 1]; j++) {
                shares[i][label[j]] += 1.0 / n;
            }
        }
        return shares;
    }
}
