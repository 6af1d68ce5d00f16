package io.labelstream.quality.domain.agreement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Square cross-tabulation of two raters' labels over the same items: rows are rater A, columns rater B.
 */
public record ContingencyTable(List<String> categories, long[][] counts) {

    public ContingencyTable {
        categories = List.copyOf(categories);
        counts = copySquare(counts, categories.size());
    }

    public static ContingencyTable of(long[][] counts) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            names.add(Integer.toString(i));
        }
        return new ContingencyTable(names, counts);
    }

    /**
     * Builds the table from paired labels. Categories are the sorted union of both raters' labels unless given;
     * pass an explicit order when the categories are ordinal and weighted kappa is wanted.
     */
    public static ContingencyTable fromPairs(List<String> raterA, List<String> raterB, List<String> categoryOrder) {
        if (raterA.size() != raterB.size()) {
            throw new IllegalArgumentException("raters must label the same items: " + raterA.size() + " vs " + raterB.size());
        }
        List<String> categories = categoryOrder;
        if (categories == null) {
            TreeSet<String> all = new TreeSet<>(raterA);
            all.addAll(raterB);
            categories = new ArrayList<>(all);
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String c : categories) {
            index.put(c, index.size());
        }
        long[][] counts = new long[categories.size()][categories.size()];
        for (int i = 0; i < raterA.size(); i++) {
            counts[indexOf(index, raterA.get(i))][indexOf(index, raterB.get(i))]++;
        }
        return new ContingencyTable(categories, counts);
    }

    public static ContingencyTable fromPairs(List<String> raterA, List<String> raterB) {
        return fromPairs(raterA, raterB, null);
    }

    @Override
    public long[][] counts() {
        return copySquare(counts, categories.size());
    }

    public int size() {
        return categories.size();
    }

    public long total() {
        long n = 0;
        for (long[] row : counts) {
            for (long c : row) {
                n += c;
            }
        }
        return n;
    }

    double[][] proportions() {
        double n = total();
        double[][] p = new double[size()][size()];
        for (int i = 0; i < size(); i++) {
            for (int j = 0; j < size(); j++) {
                p[i][j] = counts[i][j] / n;
            }
        }
        return p;
    }

    private static int indexOf(Map<String, Integer> index, String label) {
        Integer i = index.get(label);
        if (i == null) {
            throw new IllegalArgumentException("label not among the categories: " + label);
        }
        return i;
    }

    private static long[][] copySquare(long[][] counts, int k) {
        if (counts.length != k) {
            throw new IllegalArgumentException("table must be " + k + "x" + k);
        }
        long[][] copy = new long[k][];
        for (int i = 0; i < k; i++) {
            if (counts[i].length != k) {
                throw new IllegalArgumentException("table must be square");
            }
            for (long c : counts[i]) {
                if (c < 0) {
                    throw new IllegalArgumentException("counts must be non-negative");
                }
            }
            copy[i] = counts[i].clone();
        }
        return copy;
    }
}
