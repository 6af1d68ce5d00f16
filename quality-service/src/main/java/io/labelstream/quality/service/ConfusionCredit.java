package io.labelstream.quality.service;

import io.labelstream.quality.repository.LabelRow;
import io.labelstream.quality.repository.QualityAnnotatorRepository.ConfusionDelta;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The credit an item's labels give their annotators' soft confusion counts: each label credits its
 * annotator's row of the item's posterior under the category the label gave. An item re-assessed moves its
 * labels' credit from what they credited before to what they credit now; its own evidence excludes what
 * the item itself credited, so an item's labels are not counted twice as evidence of their annotators.
 *
 * @param changedAnnotation       the annotation the step revised, or null
 * @param changedPreviousCategory the category that annotation had before the revision, or null
 */
record ConfusionCredit(UUID changedAnnotation, String changedPreviousCategory) {

    /** A step that revised no annotation. */
    static ConfusionCredit unchanged() {
        return new ConfusionCredit(null, null);
    }

    /**
     * The category under which a label's earlier credit sits in its annotator's confusion counts: the one it
     * had when it was credited, which for a just-revised annotation is its previous one.
     */
    String creditedCategory(LabelRow label) {
        return label.annotationId().equals(changedAnnotation) ? changedPreviousCategory : label.category();
    }

    /**
     * The moves that take a label's credit in its annotator's confusion counts from what it credited before
     * (under the category it had then) to {@code credit} (under its current category), one net change per cell.
     */
    List<ConfusionDelta> moves(LabelRow label, Map<String, Double> credit) {
        String oldGiven = creditedCategory(label);
        Map<ConfusionCell, Double> net = new LinkedHashMap<>();
        if (oldGiven != null) {
            new TreeMap<>(label.credited()).forEach((truth, mass) ->
                    net.merge(new ConfusionCell(truth, oldGiven), -mass, Double::sum));
        }
        if (label.category() != null) {
            new TreeMap<>(credit).forEach((truth, mass) ->
                    net.merge(new ConfusionCell(truth, label.category()), mass, Double::sum));
        }
        List<ConfusionDelta> moves = new ArrayList<>();
        net.forEach((cell, delta) -> {
            if (delta != 0) {
                moves.add(new ConfusionDelta(label.annotatorId(), cell.truth(), cell.given(), delta));
            }
        });
        return moves;
    }

    /**
     * Takes out of {@code confusion} (annotator, truth, given → mass, changed in place) what the item's own
     * counted labels credited, leaving the evidence the rest of the project gives about their annotators.
     */
    void withoutOwnCredit(Map<String, Map<String, Map<String, Double>>> confusion, List<LabelRow> counted) {
        for (LabelRow label : counted) {
            String given = creditedCategory(label);
            Map<String, Map<String, Double>> rows = confusion.get(label.annotatorId());
            if (given == null || rows == null) {
                continue;
            }
            label.credited().forEach((truth, mass) -> {
                Map<String, Double> row = rows.get(truth);
                if (row != null) {
                    row.computeIfPresent(given, (cell, n) -> n - mass);
                }
            });
        }
    }

    private record ConfusionCell(String truth, String given) {
    }
}
