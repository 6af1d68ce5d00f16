package io.labelstream.quality.domain.inference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The fixed, ordered set of class labels a model works over; index order is also the final tie order. */
final class LabelSpace {

    private final List<String> labels;
    private final Map<String, Integer> index = new HashMap<>();

    LabelSpace(List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("at least one label is needed");
        }
        this.labels = List.copyOf(labels);
        for (String label : this.labels) {
            if (index.putIfAbsent(label, index.size()) != null) {
                throw new IllegalArgumentException("duplicate label: " + label);
            }
        }
    }

    static LabelSpace observedIn(Collection<Annotation> annotations) {
        TreeSet<String> labels = new TreeSet<>();
        for (Annotation a : annotations) {
            labels.add(a.label());
        }
        return new LabelSpace(new ArrayList<>(labels));
    }

    int size() {
        return labels.size();
    }

    String label(int i) {
        return labels.get(i);
    }

    List<String> labels() {
        return labels;
    }

    int indexOf(String label) {
        Integer i = index.get(label);
        if (i == null) {
            throw new IllegalArgumentException("label not in the label set " + labels + ": " + label);
        }
        return i;
    }

    Map<String, Double> distribution(double[] p) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int c = 0; c < p.length; c++) {
            map.put(labels.get(c), p[c]);
        }
        return map;
    }

    /** Highest probability wins; exact ties go to the earlier label in the label order. */
    InferredLabel best(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return new InferredLabel(labels.get(best), p[best], distribution(p));
    }
}
