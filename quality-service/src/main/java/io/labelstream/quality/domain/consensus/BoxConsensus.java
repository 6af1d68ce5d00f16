package io.labelstream.quality.domain.consensus;

import io.labelstream.quality.domain.structured.Box;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Consensus boxes by IoU clustering. Annotators are visited in the given order and their boxes by decreasing
 * area; a box joins the cluster of the same label whose current mean box overlaps it most, provided that IoU
 * reaches the threshold and the cluster has no box from the same annotator yet; otherwise it starts a cluster.
 * A cluster with at least {@code quorum} annotators becomes a consensus box with the mean coordinates of its
 * members (the usual crowd box aggregate, e.g. in the COCO and Open Images annotation pipelines).
 */
public final class BoxConsensus {

    /** A consensus box, the number of annotators behind it, and their mean IoU with it. */
    public record ConsensusBox(Box box, int votes, double meanIou) {
    }

    private static final class Cluster {
        final String label;
        final List<Box> members = new ArrayList<>();
        final Set<Integer> annotators = new HashSet<>();
        Box mean;

        Cluster(String label) {
            this.label = label;
        }

        void add(Box box, int annotator) {
            members.add(box);
            annotators.add(annotator);
            double x = 0;
            double y = 0;
            double w = 0;
            double h = 0;
            for (Box b : members) {
                x += b.x();
                y += b.y();
                w += b.width();
                h += b.height();
            }
            int n = members.size();
            mean = new Box(x / n, y / n, w / n, h / n, label);
        }
    }

    private BoxConsensus() {
    }

    public static List<ConsensusBox> consensus(List<? extends List<Box>> boxesByAnnotator, double iouThreshold, int quorum) {
        if (!(iouThreshold > 0 && iouThreshold <= 1) || quorum < 1) {
            throw new IllegalArgumentException("need 0 < IoU threshold <= 1 and quorum >= 1");
        }
        List<Cluster> clusters = new ArrayList<>();
        for (int annotator = 0; annotator < boxesByAnnotator.size(); annotator++) {
            List<Box> boxes = new ArrayList<>(boxesByAnnotator.get(annotator));
            boxes.sort(Comparator.comparingDouble(Box::area).reversed());
            for (Box box : boxes) {
                Cluster best = null;
                double bestIou = iouThreshold;
                for (Cluster cluster : clusters) {
                    if (!cluster.label.equals(box.label()) || cluster.annotators.contains(annotator)) {
                        continue;
                    }
                    double iou = cluster.mean.iou(box);
                    if (iou >= bestIou && (best == null || iou > bestIou)) {
                        best = cluster;
                        bestIou = iou;
                    }
                }
                if (best == null) {
                    best = new Cluster(box.label());
                    clusters.add(best);
                }
                best.add(box, annotator);
            }
        }
        List<ConsensusBox> result = new ArrayList<>();
        for (Cluster cluster : clusters) {
            if (cluster.annotators.size() >= quorum) {
                double iouSum = 0;
                for (Box b : cluster.members) {
                    iouSum += b.iou(cluster.mean);
                }
                result.add(new ConsensusBox(cluster.mean, cluster.annotators.size(), iouSum / cluster.members.size()));
            }
        }
        result.sort(Comparator.comparingInt(ConsensusBox::votes).reversed()
                .thenComparingDouble(c -> c.box().x())
                .thenComparingDouble(c -> c.box().y()));
        return result;
    }
}
