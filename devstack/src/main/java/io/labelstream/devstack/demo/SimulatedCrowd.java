package io.labelstream.devstack.demo;

import java.util.List;

/**
 * The annotators of the demo: a mix a labeling project meets in practice. Careful and average
 * annotators should qualify and stay; a careless one is right little more often than chance and the
 * gold items should catch them; one always gives the same label, which balanced gold items expose.
 */
public record SimulatedCrowd(List<AnnotatorProfile> annotators) {

    public static SimulatedCrowd standard(String alwaysLabel) {
        return new SimulatedCrowd(List.of(
                AnnotatorProfile.reliable("careful-1", "careful", 0.97),
                AnnotatorProfile.reliable("careful-2", "careful", 0.97),
                AnnotatorProfile.reliable("average-1", "average", 0.85),
                AnnotatorProfile.reliable("average-2", "average", 0.85),
                AnnotatorProfile.reliable("average-3", "average", 0.85),
                AnnotatorProfile.reliable("careless-1", "careless", 0.2),
                AnnotatorProfile.reliable("careless-2", "careless", 0.2),
                AnnotatorProfile.alwaysAnswering("constant-1", alwaysLabel)));
    }

    public List<String> annotatorIds() {
        return annotators.stream().map(AnnotatorProfile::annotatorId).toList();
    }
}
