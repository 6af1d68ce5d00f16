package io.labelstream.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The topics of the platform with the partitioning and cleanup each needs. */
public record TopicLayout(String name, int partitions, Map<String, String> configs) {

    private static final List<String> DEAD_LETTERED = List.of("labeling.raw-items", "labeling.projects",
            "labeling.items", "labeling.reference-answers", "labeling.assignments", "labeling.annotations",
            "labeling.item-quality", "labeling.annotator-quality", "labeling.project-quality", "labeling.predictions");
    private static final List<String> COMPACTED = List.of("labeling.projects", "labeling.project-quality");

    public static List<TopicLayout> all(int partitions) {
        Map<String, String> compacted = Map.of("cleanup.policy", "compact");
        Map<String, String> retained = Map.of("retention.ms", "-1");
        List<TopicLayout> topics = new ArrayList<>();
        topics.add(new TopicLayout("labeling.projects", 1, compacted));
        topics.add(new TopicLayout("labeling.gold", partitions, compacted));
        topics.add(new TopicLayout("labeling.project-quality", partitions, compacted));
        // the learner reads the gold topic: a record it cannot read goes here
        topics.add(new TopicLayout("labeling.gold.dlq", 1, retained));
        for (String name : DEAD_LETTERED) {
            if (!COMPACTED.contains(name)) {
                // the annotation log is the source of quality's replay: kept for good
                topics.add(new TopicLayout(name, partitions, retained));
            }
            topics.add(new TopicLayout(name + ".dlq", 1, retained));
        }
        return topics;
    }
}
