package io.labelstream.devstack.demo;

import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * How a simulated annotator answers. With probability {@code reliability} they read the item and give
 * its true label; otherwise they guess, uniformly among all labels (so a guess is right by chance too).
 * One who always answers {@code fixedLabel} ignores the item altogether.
 *
 * <p>The answer to an item depends only on the seed, the annotator and the item, not on when the item
 * is served: concurrent runs with the same seed give every annotator the same answer to the same item.
 */
public record AnnotatorProfile(String annotatorId, String kind, double reliability, String fixedLabel) {

    public AnnotatorProfile {
        Objects.requireNonNull(annotatorId, "annotatorId");
        if (reliability < 0 || reliability > 1) {
            throw new IllegalArgumentException("reliability must be between 0 and 1: " + reliability);
        }
    }

    public static AnnotatorProfile reliable(String annotatorId, String kind, double reliability) {
        return new AnnotatorProfile(annotatorId, kind, reliability, null);
    }

    public static AnnotatorProfile alwaysAnswering(String annotatorId, String label) {
        return new AnnotatorProfile(annotatorId, "always '" + label + "'", 0, label);
    }

    /** The accuracy this profile is expected to reach on items whose label is one of {@code labelCount}. */
    public double expectedAccuracy(int labelCount) {
        return fixedLabel != null ? Double.NaN : reliability + (1 - reliability) / labelCount;
    }

    /** This annotator's answer to {@code itemKey}, whose true label is {@code truth}. */
    public String answer(long seed, String itemKey, String truth, List<String> labels) {
        if (fixedLabel != null) {
            return fixedLabel;
        }
        // SplittableRandom scrambles its seed: java.util.Random's first draws from neighbouring seeds (two
        // annotators whose names differ in one letter) are nearly equal, so they would err on the same items
        SplittableRandom random = new SplittableRandom(
                seed * 0x9E3779B97F4A7C15L ^ ((long) annotatorId.hashCode() << 32 | (itemKey.hashCode() & 0xFFFFFFFFL)));
        if (random.nextDouble() < reliability) {
            return truth;
        }
        return labels.get(random.nextInt(labels.size()));
    }
}
