package io.labelstream.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.ReferenceAnswerSet;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.devstack.DevTokens;
import io.labelstream.platform.security.Roles;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** A fresh single-label project with its members, and the events a test sends about it. */
final class QualityFixtures {

    final UUID projectId = UUID.randomUUID();
    final String manager = "manager-" + UUID.randomUUID();
    final String reviewer = "reviewer-" + UUID.randomUUID();
    final List<String> annotators = new ArrayList<>();
    private final ProjectPolicies policies;
    private List<String> labels = List.of("pos", "neg", "neu");
    private Instant clock = Instant.parse("2026-01-01T00:00:00Z");

    QualityFixtures(ProjectPolicies policies, int annotatorCount) {
        this.policies = policies;
        for (int i = 0; i < annotatorCount; i++) {
            annotators.add("annotator-" + i + "-" + UUID.randomUUID());
        }
    }

    /** k = 3, cap 5, majority vote, no qualification. */
    static ProjectPolicies majority() {
        return policies(3, 5, 0, "MAJORITY");
    }

    static ProjectPolicies policies(int k, int max, int qualificationItems, String aggregation) {
        return new ProjectPolicies(k, max, 0.1, qualificationItems, 0.8, 0.6, 0.8, 0.05, 0.6, 1800, 600,
                false, false, 30.0, 1.0, aggregation);
    }

    /**
     * k = 3, cap 5, majority vote, and an auto-accept confidence of 0: every consensus resolves once the item
     * has its k labels, so a NEEDS_MORE_LABELS can only mean "fewer than k".
     */
    static ProjectPolicies acceptingEveryConsensus() {
        return new ProjectPolicies(3, 5, 0.1, 0, 0.8, 0.6, 0.0, 0.05, 0.6, 1800, 600,
                false, false, 30.0, 1.0, "MAJORITY");
    }

    /** The schema's labels, instead of pos, neg and neu. */
    QualityFixtures withLabels(List<String> names) {
        labels = List.copyOf(names);
        return this;
    }

    /** Publishes the project and waits until quality knows it. */
    QualityFixtures defined() {
        KafkaTopics.send(Topics.PROJECTS, project(ProjectState.ACTIVE, 1, true));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(token(manager, Roles.MANAGER))
                .get("/projects/{p}/quality/progress", projectId).statusCode() == 200);
        return this;
    }

    /** Publishes the project's ProjectUpdated that completes it, as the manager's completion does. */
    void completed() {
        KafkaTopics.send(Topics.PROJECTS, project(ProjectState.COMPLETED, 2, false));
    }

    private ProjectEvent project(ProjectState state, long revision, boolean created) {
        List<ProjectMember> members = new ArrayList<>();
        members.add(new ProjectMember(manager, ProjectRole.MANAGER, false));
        members.add(new ProjectMember(reviewer, ProjectRole.REVIEWER, false));
        annotators.forEach(a -> members.add(new ProjectMember(a, ProjectRole.ANNOTATOR, false)));
        LabelingSchema schema = new LabelingSchema(TaskType.SINGLE_LABEL,
                labels.stream().map(name -> new LabelDefinition(name, null, null)).toList(), SchemaConstraints.none());
        return new ProjectEvent(projectId, "quality test", null, state, 1, revision, schema,
                new Guidelines(1, "label the sentiment", List.of(), List.of()), policies, members, Instant.now(),
                created);
    }

    UUID item(ItemKind kind) {
        UUID itemId = UUID.randomUUID();
        ingest(itemId, kind, null);
        return itemId;
    }

    /**
     * A regular item with its own overlap k, returned once quality has recorded it: labels sent afterwards
     * cannot overtake it and be judged by the project's k.
     */
    UUID itemWithOwnK(int annotatorsPerItem) {
        UUID itemId = UUID.randomUUID();
        ingest(itemId, ItemKind.REGULAR, annotatorsPerItem);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            var response = given().auth().oauth2(token(manager, Roles.MANAGER))
                    .get("/projects/{p}/quality/items/{i}", projectId, itemId);
            return response.statusCode() == 200
                    && Integer.valueOf(annotatorsPerItem).equals(response.path("annotatorsPerItem"));
        });
        return itemId;
    }

    /** Sends the item's ItemIngested; a null k leaves the item to the project's. */
    void ingest(UUID itemId, ItemKind kind, Integer annotatorsPerItem) {
        KafkaTopics.send(Topics.ITEMS, itemIngested(itemId, kind, annotatorsPerItem));
    }

    ItemIngested itemIngested(UUID itemId, ItemKind kind, Integer annotatorsPerItem) {
        return new ItemIngested(itemId, projectId, "ext-" + itemId, kind, false, false,
                JsonNodeFactory.instance.objectNode().put("text", "some text"), null, "hash-" + itemId, 1, Instant.now(),
                annotatorsPerItem, List.of());
    }

    void reference(UUID itemId, String choice) {
        KafkaTopics.send(Topics.REFERENCE_ANSWERS, new ReferenceAnswerSet(itemId, projectId, choice(choice), 1));
    }

    /** An annotation submitted a few seconds after the previous one. */
    AnnotationSubmitted annotation(UUID itemId, String annotator, String choice) {
        return annotation(itemId, annotator, choice, 6_500L);
    }

    /**
     * An annotation submitted a few seconds after the previous one, that took the server-measured time (the
     * client measured half a second less).
     */
    AnnotationSubmitted annotation(UUID itemId, String annotator, String choice, long serverDurationMs) {
        clock = clock.plusSeconds(7);
        return new AnnotationSubmitted(UUID.randomUUID(), UUID.randomUUID(), itemId, projectId, annotator,
                choice(choice), serverDurationMs - 500, serverDurationMs, 1, 1, 0, clock);
    }

    /** The annotation's next revision, with another choice, submitted a little later. */
    static AnnotationSubmitted revised(AnnotationSubmitted annotation, String choice) {
        return new AnnotationSubmitted(annotation.annotationId(), annotation.assignmentId(), annotation.itemId(),
                annotation.projectId(), annotation.annotatorId(), choice(choice), annotation.clientDurationMs(),
                annotation.serverDurationMs(), annotation.schemaVersion(), annotation.guidelineVersion(),
                annotation.revision() + 1, annotation.submittedAt().plusSeconds(3));
    }

    AnnotationSubmitted label(UUID itemId, String annotator, String choice) {
        AnnotationSubmitted annotation = annotation(itemId, annotator, choice);
        KafkaTopics.send(Topics.ANNOTATIONS, annotation);
        return annotation;
    }

    static JsonNode choice(String choice) {
        return JsonNodeFactory.instance.objectNode().put("choice", choice);
    }

    static String token(String user, String... roles) {
        return DevTokens.mint(user, roles);
    }
}
