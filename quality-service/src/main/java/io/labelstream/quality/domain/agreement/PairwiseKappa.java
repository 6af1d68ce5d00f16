package io.labelstream.quality.domain.agreement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Cohen's kappa (Cohen 1960) of every pair of annotators over the items both labelled, and for ordered categories
 * the weighted kappa (Cohen 1968) with linear and quadratic weights.
 * <p>
 * Each item adds one count to the contingency table of every pair of its annotators, so the cost is the sum over
 * items of their annotators squared and only pairs that share an item ever get a table: a project of 1,000
 * annotators with three labels per item holds three tables per item at most, never the 499,500 of all pairs.
 */
public final class PairwiseKappa {

    /** Weighted kappa of a pair under the two usual weightings; a value is null where kappa is undefined. */
    public record WeightedKappa(Double linear, Double quadratic) {
    }

    /**
     * One pair of annotators, {@code annotatorA} &lt; {@code annotatorB}.
     *
     * @param cohenKappa    null when undefined (both always gave one and the same category)
     * @param weightedKappa null unless the categories are ordered
     */
    public record Pair(String annotatorA, String annotatorB, int commonItems, double observedAgreement,
                       Double cohenKappa, WeightedKappa weightedKappa) {

        public boolean involves(String annotator) {
            return annotatorA.equals(annotator) || annotatorB.equals(annotator);
        }
    }

    private PairwiseKappa() {
    }

    /**
     * @param labelsByItem   each item's labels, annotator to category (one label per annotator and item)
     * @param categories     every category in order; its order is the scale when {@code ordered}
     * @param ordered        whether the categories form a scale, so that weighted kappa applies
     * @param minCommonItems pairs with fewer items in common are left out
     * @return the pairs ordered by Cohen's kappa, lowest first (undefined last), then by annotators
     */
    public static List<Pair> of(Map<String, ? extends Map<String, String>> labelsByItem, List<String> categories,
                                boolean ordered, int minCommonItems) {
        Map<String, Integer> categoryIndex = new LinkedHashMap<>();
        for (String category : categories) {
            categoryIndex.putIfAbsent(category, categoryIndex.size());
        }
        int k = categoryIndex.size();
        Map<List<String>, long[][]> tables = new HashMap<>();
        for (Map<String, String> labels : labelsByItem.values()) {
            List<Map.Entry<String, String>> given = new ArrayList<>(new TreeMap<>(labels).entrySet());
            for (int a = 0; a < given.size(); a++) {
                int row = indexOf(categoryIndex, given.get(a).getValue());
                for (int b = a + 1; b < given.size(); b++) {
                    int column = indexOf(categoryIndex, given.get(b).getValue());
                    tables.computeIfAbsent(List.of(given.get(a).getKey(), given.get(b).getKey()),
                            pair -> new long[k][k])[row][column]++;
                }
            }
        }
        List<String> order = List.copyOf(categoryIndex.keySet());
        List<Pair> pairs = new ArrayList<>();
        tables.forEach((annotators, counts) -> {
            ContingencyTable table = new ContingencyTable(order, counts);
            long common = table.total();
            if (common >= Math.max(1, minCommonItems)) {
                pairs.add(pair(annotators.get(0), annotators.get(1), table, ordered));
            }
        });
        pairs.sort(Comparator.comparing((Pair p) -> p.cohenKappa() == null ? Double.POSITIVE_INFINITY : p.cohenKappa())
                .thenComparing(Pair::annotatorA).thenComparing(Pair::annotatorB));
        return pairs;
    }

    /** The mean of the pairs' defined Cohen's kappa; null when no pair has one. */
    public static Double meanKappa(List<Pair> pairs) {
        return pairs.stream().map(Pair::cohenKappa).filter(Objects::nonNull)
                .mapToDouble(Double::doubleValue).average().stream().boxed().findFirst().orElse(null);
    }

    private static Pair pair(String a, String b, ContingencyTable table, boolean ordered) {
        KappaResult plain = CohenKappa.unweighted(table);
        WeightedKappa weighted = ordered
                ? new WeightedKappa(defined(CohenKappa.weighted(table, AgreementWeights.LINEAR).kappa()),
                        defined(CohenKappa.weighted(table, AgreementWeights.QUADRATIC).kappa()))
                : null;
        return new Pair(a, b, (int) table.total(), plain.observedAgreement(), defined(plain.kappa()), weighted);
    }

    private static int indexOf(Map<String, Integer> index, String category) {
        Integer i = index.get(category);
        if (i == null) {
            throw new IllegalArgumentException("label not among the categories: " + category);
        }
        return i;
    }

    private static Double defined(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
