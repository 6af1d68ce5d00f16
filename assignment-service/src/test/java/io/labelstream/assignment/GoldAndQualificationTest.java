package io.labelstream.assignment;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Header;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static io.labelstream.assignment.TaskPoolFixture.annotatorAssessed;
import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.awaitApplied;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.item;
import static io.labelstream.assignment.TaskPoolFixture.next;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.regular;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
class GoldAndQualificationTest {

    private final AgroalDataSource dataSource;

    GoldAndQualificationTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void goldAndRegularLeasesCannotBeToldApart() {
        UUID projectId = UUID.randomUUID();
        String ann = "ann-" + UUID.randomUUID();
        // gold rate 1: the gold item comes first, then regular work once no gold is left
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 1.0, 0, 600), 1,
                annotators(ann)));
        ItemIngested gold = item(projectId, ItemKind.GOLD, false, false);
        ItemIngested regular = regular(projectId);
        publish(Topics.ITEMS, gold);
        publish(Topics.ITEMS, regular);
        awaitPool(dataSource, projectId, 2);

        Response goldLease = next(projectId, ann).then().statusCode(200).extract().response();
        Response regularLease = next(projectId, ann).then().statusCode(200).extract().response();

        assertThat(goldLease.<String>path("itemId")).isEqualTo(gold.itemId().toString());
        assertThat(regularLease.<String>path("itemId")).isEqualTo(regular.itemId().toString());
        assertThat(fieldsOf(goldLease.as(Map.class))).isEqualTo(fieldsOf(regularLease.as(Map.class)));
        assertThat(headerNames(goldLease)).isEqualTo(headerNames(regularLease));
        assertThat(goldLease.contentType()).isEqualTo(regularLease.contentType());
        assertThat(goldLease.asString()).doesNotContainIgnoringCase("gold").doesNotContain("ext-");
        // the gold item was not served twice: nothing is left for this annotator
        next(projectId, ann).then().statusCode(204).header("Labelstream-Reason", "none-left");
    }

    @Test
    void aNewAnnotatorGetsQualificationItemsOnlyUntilQualified() {
        UUID projectId = UUID.randomUUID();
        String ann = "new-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 0, 2, 600), 1,
                annotators(ann)));
        List<String> qualificationIds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ItemIngested q = item(projectId, ItemKind.GOLD, false, true);
            qualificationIds.add(q.itemId().toString());
            publish(Topics.ITEMS, q);
        }
        ItemIngested work = regular(projectId);
        publish(Topics.ITEMS, work);
        awaitPool(dataSource, projectId, 4);

        String first = next(projectId, ann).then().statusCode(200).extract().path("itemId");
        String second = next(projectId, ann).then().statusCode(200).extract().path("itemId");
        assertThat(List.of(first, second)).allMatch(qualificationIds::contains).doesNotHaveDuplicates();
        next(projectId, ann).then().statusCode(204).header("Labelstream-Reason", "not-qualified");

        awaitApplied(dataSource, publish(Topics.ANNOTATOR_QUALITY,
                annotatorAssessed(projectId, ann, AnnotatorStatus.QUALIFIED)));

        String third = next(projectId, ann).then().statusCode(200).extract().path("itemId");
        assertThat(third).isEqualTo(work.itemId().toString());
    }

    @Test
    void aQuarantinedAnnotatorGetsNothingMore() {
        UUID projectId = UUID.randomUUID();
        String ann = "bad-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 0, 0, 600), 1,
                annotators(ann)));
        publish(Topics.ITEMS, regular(projectId));
        awaitPool(dataSource, projectId, 1);

        awaitApplied(dataSource, publish(Topics.ANNOTATOR_QUALITY,
                annotatorAssessed(projectId, ann, AnnotatorStatus.QUARANTINED)));

        next(projectId, ann).then().statusCode(204).header("Labelstream-Reason", "quarantined");
    }

    @Test
    void duringPilotEveryPilotAnnotatorGetsThePilotItemsAndNothingElse() {
        UUID projectId = UUID.randomUUID();
        String pilotA = "pa-" + UUID.randomUUID();
        String pilotB = "pb-" + UUID.randomUUID();
        String regularAnnotator = "r-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.PILOT, policies(1, 1, 0, 0, 600), 1, List.of(
                new ProjectMember(pilotA, ProjectRole.ANNOTATOR, true),
                new ProjectMember(pilotB, ProjectRole.ANNOTATOR, true),
                new ProjectMember(regularAnnotator, ProjectRole.ANNOTATOR, false))));
        ItemIngested pilotItem = item(projectId, ItemKind.REGULAR, true, false);
        publish(Topics.ITEMS, pilotItem);
        publish(Topics.ITEMS, regular(projectId));
        awaitPool(dataSource, projectId, 2);

        for (String pilot : List.of(pilotA, pilotB)) {
            assertThat(next(projectId, pilot).then().statusCode(200).extract().<String>path("itemId"))
                    .isEqualTo(pilotItem.itemId().toString());
            next(projectId, pilot).then().statusCode(204).header("Labelstream-Reason", "none-left");
        }
        next(projectId, regularAnnotator).then().statusCode(204).header("Labelstream-Reason", "not-in-pilot");
    }

    @Test
    void aPausedProjectServesNothing() {
        UUID projectId = UUID.randomUUID();
        String ann = "p-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.PAUSED, policies(3, 5, 0, 0, 600), 1,
                annotators(ann)));
        publish(Topics.ITEMS, regular(projectId));
        awaitPool(dataSource, projectId, 1);

        next(projectId, ann).then().statusCode(204).header("Labelstream-Reason", "project-paused");
    }

    private static Set<String> fieldsOf(Map<?, ?> json) {
        Set<String> fields = new TreeSet<>();
        json.forEach((key, value) -> {
            fields.add(String.valueOf(key));
            if (value instanceof Map<?, ?> nested) {
                fieldsOf(nested).forEach(f -> fields.add(key + "." + f));
            }
        });
        return fields;
    }

    private static Set<String> headerNames(Response response) {
        Set<String> names = new TreeSet<>();
        for (Header header : response.headers()) {
            names.add(header.getName().toLowerCase());
        }
        return names;
    }
}
