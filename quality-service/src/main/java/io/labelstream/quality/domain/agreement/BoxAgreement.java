package io.labelstream.quality.domain.agreement;

import io.labelstream.quality.domain.structured.Box;
import io.labelstream.quality.domain.structured.F1Score;

import java.util.List;

/**
 * Box agreement between two annotators as detection-style F1: boxes are paired one-to-one by a
 * maximum-total-IoU assignment (Hungarian method) among pairs with the same label, and a pair counts as a
 * match when its IoU is at least the threshold (0.5 is the PASCAL VOC convention). The optimal assignment
 * avoids the order dependence of greedy matching.
 */
public final class BoxAgreement {

    public record Result(F1Score score, double meanMatchedIou) {
    }

    private BoxAgreement() {
    }

    public static Result f1(List<Box> reference, List<Box> candidate, double iouThreshold) {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("IoU threshold must be in (0, 1]");
        }
        double[][] weight = new double[reference.size()][candidate.size()];
        for (int i = 0; i < reference.size(); i++) {
            for (int j = 0; j < candidate.size(); j++) {
                Box r = reference.get(i);
                Box c = candidate.get(j);
                double iou = r.label().equals(c.label()) ? r.iou(c) : 0.0;
                weight[i][j] = iou >= iouThreshold ? iou : 0.0;
            }
        }
        int[] assignment = MaximumWeightAssignment.solve(weight);
        int matched = 0;
        double iouSum = 0;
        for (int i = 0; i < assignment.length; i++) {
            if (assignment[i] >= 0 && weight[i][assignment[i]] > 0) {
                matched++;
                iouSum += weight[i][assignment[i]];
            }
        }
        return new Result(new F1Score(matched, reference.size(), candidate.size()),
                matched == 0 ? 0.0 : iouSum / matched);
    }
}
