package io.labelstream.devstack.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

/**
 * Which messages the demo sends, and as what. Regular items are drawn at random (seeded), so they keep
 * the collection's share of each label. Gold items come from the rest and are balanced across labels:
 * with a skewed collection (most SMS are ham) an annotator who always answers the common label would
 * otherwise look accurate on gold. The first gold items are the qualification items.
 */
public record DemoSample(List<String> labels, List<DemoItem> regular, List<DemoItem> gold) {

    public enum Kind { REGULAR, GOLD, QUALIFICATION }

    /** One item to ingest: its external id, text, true label, and kind. */
    public record DemoItem(String externalId, String text, String truth, Kind kind) {
    }

    /**
     * @param regularCount       regular items
     * @param qualificationCount gold items flagged for qualification
     * @param goldCount          further gold items, injected among regular work
     */
    public static DemoSample draw(List<LabelledText> texts, int regularCount, int qualificationCount, int goldCount,
                                  long seed) {
        List<String> labels = List.copyOf(new TreeSet<>(texts.stream().map(LabelledText::label).toList()));
        int goldPerLabel = (int) Math.ceil((qualificationCount + goldCount) / (double) labels.size());
        if (regularCount < 1 || regularCount + goldPerLabel * labels.size() > texts.size()) {
            throw new IllegalArgumentException("the collection has " + texts.size() + " texts: " + regularCount
                    + " regular items and " + (qualificationCount + goldCount) + " gold items do not fit");
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));

        List<DemoItem> regular = new ArrayList<>();
        Map<String, List<Integer>> rest = new LinkedHashMap<>();
        labels.forEach(label -> rest.put(label, new ArrayList<>()));
        for (int index : order) {
            if (regular.size() < regularCount) {
                regular.add(item(texts, index, Kind.REGULAR));
            } else {
                rest.get(texts.get(index).label()).add(index);
            }
        }
        List<DemoItem> gold = new ArrayList<>();
        // labels take turns, so qualification items and gold items are each balanced as far as they can be
        for (int turn = 0; gold.size() < qualificationCount + goldCount; turn++) {
            String label = labels.get(turn % labels.size());
            List<Integer> candidates = rest.get(label);
            int drawn = turn / labels.size();
            if (drawn >= candidates.size()) {
                throw new IllegalArgumentException("too few '" + label + "' texts for balanced gold items");
            }
            gold.add(item(texts, candidates.get(drawn), gold.size() < qualificationCount ? Kind.QUALIFICATION : Kind.GOLD));
        }
        return new DemoSample(labels, List.copyOf(regular), List.copyOf(gold));
    }

    private static DemoItem item(List<LabelledText> texts, int index, Kind kind) {
        LabelledText text = texts.get(index);
        // the line number names the message in the collection, whatever the draw
        return new DemoItem("sms-" + (index + 1), text.text(), text.label(), kind);
    }

    public List<DemoItem> all() {
        List<DemoItem> all = new ArrayList<>(gold);
        all.addAll(regular);
        return all;
    }
}
