package io.labelstream.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The messaging contract of the services as designed. The checks use it for every service whose
 * application.properties does not exist yet (or declares no incoming Kafka channel), and its topics are
 * always expected to exist as KafkaTopics.
 */
final class Design {

    private Design() {
    }

    static final String NAMESPACE = "labelstream";
    static final String KAFKA_CLUSTER = "labelstream";
    static final String KAFKA_BOOTSTRAP = KAFKA_CLUSTER + "-kafka-bootstrap." + NAMESPACE + ".svc:9092";

    /** Every topic the services publish or consume, including the ones only ML pipelines read. */
    static final List<String> TOPICS = List.of(
            "labeling.raw-items",
            "labeling.projects",
            "labeling.items",
            "labeling.reference-answers",
            "labeling.assignments",
            "labeling.annotations",
            "labeling.item-quality",
            "labeling.annotator-quality",
            "labeling.project-quality",
            "labeling.predictions",
            "labeling.gold");

    static final Set<String> COMPACTED_TOPICS = Set.of("labeling.projects", "labeling.gold",
            "labeling.project-quality");

    /** Service (= its consumer group) to the topics it consumes. */
    static final Map<String, List<String>> CONSUMES = consumes();

    /** Services that serve REST requests and must therefore also scale on CPU. */
    static final Set<String> REST_BOUND = Set.of(
            "ingestion-service", "assignment-service", "annotation-service", "adjudication-service", "learning-service");

    /**
     * Workloads that own no data: no database, no migration Job, no consumer group. The console serves the
     * web pages and forwards their calls to the services.
     */
    static final Set<String> WITHOUT_DATABASE = Set.of("console");

    /** Services that read the assignment-token HMAC key. */
    static final Set<String> ASSIGNMENT_TOKEN_USERS = Set.of("assignment-service", "annotation-service");

    static final String DLQ_SUFFIX = ".dlq";

    private static Map<String, List<String>> consumes() {
        Map<String, List<String>> consumes = new LinkedHashMap<>();
        consumes.put("ingestion-service", List.of("labeling.raw-items", "labeling.project-quality"));
        consumes.put("assignment-service", List.of("labeling.projects", "labeling.items", "labeling.annotations",
                "labeling.item-quality", "labeling.annotator-quality", "labeling.predictions", "labeling.gold"));
        consumes.put("annotation-service", List.of("labeling.projects", "labeling.items", "labeling.predictions",
                "labeling.assignments"));
        // quality takes what it needs of a task from the annotation itself, so it reads no assignment events
        consumes.put("quality-service", List.of("labeling.projects", "labeling.items", "labeling.reference-answers",
                "labeling.annotations"));
        consumes.put("adjudication-service", List.of("labeling.projects", "labeling.items", "labeling.annotations",
                "labeling.item-quality", "labeling.predictions", "labeling.annotator-quality"));
        consumes.put("learning-service", List.of("labeling.projects", "labeling.items", "labeling.gold"));
        return Map.copyOf(consumes);
    }

    /** The designed dead-letter topics: one per consumed topic. */
    static Set<String> deadLetterTopics() {
        Set<String> topics = new TreeSet<>();
        CONSUMES.values().forEach(list -> list.forEach(topic -> topics.add(topic + DLQ_SUFFIX)));
        return topics;
    }

    /** The schema (and database) a service owns: its name without "-service". */
    static String schemaOf(String service) {
        return service.endsWith("-service") ? service.substring(0, service.length() - "-service".length()) : service;
    }
}
