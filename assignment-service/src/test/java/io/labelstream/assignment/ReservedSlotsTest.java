package io.labelstream.assignment;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.labelstream.assignment.TaskPoolFixture.annotatorAssessed;
import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.assessed;
import static io.labelstream.assignment.TaskPoolFixture.awaitApplied;
import static io.labelstream.assignment.TaskPoolFixture.awaitEvent;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.drain;
import static io.labelstream.assignment.TaskPoolFixture.item;
import static io.labelstream.assignment.TaskPoolFixture.next;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.queryInt;
import static io.labelstream.assignment.TaskPoolFixture.regular;
import static io.labelstream.assignment.TaskPoolFixture.release;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Items reserved for annotators at ingestion: each assignee holds one of the item's k slots until leasing it. */
@QuarkusTest
class ReservedSlotsTest {

    private final AgroalDataSource dataSource;

    ReservedSlotsTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void aReservedItemGoesOnlyToItsAssigneesAndBeforeOlderPoolItems() throws SQLException {
        UUID projectId = UUID.randomUUID();
        String first = "assignee-a-" + UUID.randomUUID();
        String second = "assignee-b-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(2, 3, 0, 0, 600), 1,
                annotators(first, second, other)));
        ItemIngested older = olderByAMinute(regular(projectId));
        publish(Topics.ITEMS, older);
        ItemIngested reserved = regular(projectId, null, first, second);
        publish(Topics.ITEMS, reserved);
        awaitPool(dataSource, projectId, 2);

        // both of the reserved item's slots are held: the pool never offers it
        assertThat(drain(projectId, other)).containsExactly(older.itemId().toString());
        assertThat(drain(projectId, first)).containsExactly(reserved.itemId().toString(), older.itemId().toString());
        assertThat(drain(projectId, second)).containsExactly(reserved.itemId().toString());
        assertThat(slots(reserved)).isEqualTo("taken=2 reserved=0 required=2");
        assertThat(queryInt(dataSource, "select count(*) from reservation where item_id = ?", reserved.itemId()))
                .isZero();
    }

    @Test
    void anItemWithOverlapThreeAndOneAssigneeGoesToTwoPoolAnnotatorsAndTheAssigneeOnly() throws SQLException {
        UUID projectId = UUID.randomUUID();
        String assignee = "assignee-" + UUID.randomUUID();
        List<String> pool = List.of("p1-" + UUID.randomUUID(), "p2-" + UUID.randomUUID(), "p3-" + UUID.randomUUID());
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(2, 3, 0, 0, 600), 1,
                annotators(assignee, pool.get(0), pool.get(1), pool.get(2))));
        ItemIngested item = regular(projectId, 3, assignee);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);

        next(projectId, pool.get(0)).then().statusCode(200);
        next(projectId, pool.get(1)).then().statusCode(200);
        next(projectId, pool.get(2)).then().statusCode(204).header("Labelstream-Reason", "none-left");
        next(projectId, assignee).then().statusCode(200);
        next(projectId, pool.get(2)).then().statusCode(204).header("Labelstream-Reason", "none-left");

        assertThat(queryInt(dataSource, "select count(distinct annotator_id) from assignment where item_id = ?",
                item.itemId())).isEqualTo(3);
        assertThat(slots(item)).isEqualTo("taken=3 reserved=0 required=3");
    }

    @Test
    void anAssigneeWhoSkipsGivesTheSlotBackToThePoolAndNeverGetsTheItemAgain() {
        UUID projectId = UUID.randomUUID();
        String assignee = "assignee-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 600), 1,
                annotators(assignee, other)));
        ItemIngested item = regular(projectId, null, assignee);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);
        next(projectId, other).then().statusCode(204);

        Response lease = next(projectId, assignee).then().statusCode(200).extract().response();
        release(lease, assignee);

        next(projectId, assignee).then().statusCode(204).header("Labelstream-Reason", "none-left");
        assertThat(next(projectId, other).then().statusCode(200).extract().<String>path("itemId"))
                .isEqualTo(item.itemId().toString());
    }

    @Test
    void anExpiredLeaseOfAnAssigneeKeepsTheItemReservedForThem() throws SQLException {
        UUID projectId = UUID.randomUUID();
        String assignee = "assignee-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 1), 1,
                annotators(assignee, other)));
        ItemIngested item = regular(projectId, null, assignee);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);

        Response lease = next(projectId, assignee).then().statusCode(200).extract().response();
        awaitEvent(Topics.ASSIGNMENTS, e -> e.type().equals("TaskReleased")
                && e.payload().get("assignmentId").asText().equals(lease.path("assignmentId")));

        // the lost lease produced no label: the slot is the assignee's again, not the pool's
        assertThat(slots(item)).isEqualTo("taken=0 reserved=1 required=1");
        next(projectId, other).then().statusCode(204).header("Labelstream-Reason", "none-left");
        Response again = next(projectId, assignee).then().statusCode(200).extract().response();
        assertThat(again.<String>path("itemId")).isEqualTo(item.itemId().toString());
        assertThat(again.<String>path("assignmentId")).isNotEqualTo(lease.path("assignmentId"));
        assertThat(slots(item)).isEqualTo("taken=1 reserved=0 required=1");
    }

    @Test
    void anExpiredLeaseOfAQuarantinedAssigneeGivesTheSlotBackToThePool() {
        UUID projectId = UUID.randomUUID();
        String assignee = "assignee-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 2), 1,
                annotators(assignee, other)));
        ItemIngested item = regular(projectId, null, assignee);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);

        Response lease = next(projectId, assignee).then().statusCode(200).extract().response();
        awaitApplied(dataSource, publish(Topics.ANNOTATOR_QUALITY,
                annotatorAssessed(projectId, assignee, AnnotatorStatus.QUARANTINED)));
        awaitEvent(Topics.ASSIGNMENTS, e -> e.type().equals("TaskReleased")
                && e.payload().get("assignmentId").asText().equals(lease.path("assignmentId")));

        await().atMost(Duration.ofSeconds(10)).until(() -> next(projectId, other).statusCode() == 200);
        next(projectId, assignee).then().statusCode(204).header("Labelstream-Reason", "quarantined");
    }

    @Test
    void aQuarantinedAssigneeGetsNothingAndTheirSlotsGoBackToThePool() {
        UUID projectId = UUID.randomUUID();
        String assignee = "assignee-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 0, 600), 1,
                annotators(assignee, other)));
        ItemIngested before = regular(projectId, null, assignee);
        publish(Topics.ITEMS, before);
        awaitPool(dataSource, projectId, 1);
        next(projectId, other).then().statusCode(204);

        awaitApplied(dataSource, publish(Topics.ANNOTATOR_QUALITY,
                annotatorAssessed(projectId, assignee, AnnotatorStatus.QUARANTINED)));
        // an item reserved for them after the verdict does not hold a slot either
        ItemIngested after = regular(projectId, null, assignee);
        awaitApplied(dataSource, publish(Topics.ITEMS, after));

        next(projectId, assignee).then().statusCode(204).header("Labelstream-Reason", "quarantined");
        assertThat(drain(projectId, other)).containsExactly(before.itemId().toString(), after.itemId().toString());
    }

    @Test
    void anAssigneeWhoHasNotQualifiedGetsQualificationItemsFirst() {
        UUID projectId = UUID.randomUUID();
        String assignee = "assignee-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 0, 1, 600), 1,
                annotators(assignee)));
        ItemIngested qualification = item(projectId, ItemKind.GOLD, false, true);
        ItemIngested reserved = regular(projectId, null, assignee);
        publish(Topics.ITEMS, qualification);
        publish(Topics.ITEMS, reserved);
        awaitPool(dataSource, projectId, 2);

        assertThat(next(projectId, assignee).then().statusCode(200).extract().<String>path("itemId"))
                .isEqualTo(qualification.itemId().toString());
        next(projectId, assignee).then().statusCode(204).header("Labelstream-Reason", "not-qualified");

        awaitApplied(dataSource, publish(Topics.ANNOTATOR_QUALITY,
                annotatorAssessed(projectId, assignee, AnnotatorStatus.QUALIFIED)));
        assertThat(next(projectId, assignee).then().statusCode(200).extract().<String>path("itemId"))
                .isEqualTo(reserved.itemId().toString());
    }

    @Test
    void aPilotProjectServesItsPilotItemsOnlyEvenToAnAssignee() {
        UUID projectId = UUID.randomUUID();
        String assignee = "assignee-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.PILOT, policies(1, 1, 0, 0, 600), 1,
                List.of(new ProjectMember(assignee, ProjectRole.ANNOTATOR, true))));
        ItemIngested pilot = item(projectId, ItemKind.REGULAR, true, false);
        publish(Topics.ITEMS, pilot);
        publish(Topics.ITEMS, regular(projectId, null, assignee));
        awaitPool(dataSource, projectId, 2);

        assertThat(drain(projectId, assignee)).containsExactly(pilot.itemId().toString());
    }

    @Test
    void goldIsStillInjectedBeforeReservedItems() {
        UUID projectId = UUID.randomUUID();
        String assignee = "assignee-" + UUID.randomUUID();
        // gold rate 1: every draw is gold while gold is left
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 1, 1.0, 0, 600), 1,
                annotators(assignee)));
        ItemIngested gold = item(projectId, ItemKind.GOLD, false, false);
        ItemIngested reserved = regular(projectId, null, assignee);
        publish(Topics.ITEMS, gold);
        publish(Topics.ITEMS, reserved);
        awaitPool(dataSource, projectId, 2);

        assertThat(drain(projectId, assignee)).containsExactly(gold.itemId().toString(), reserved.itemId().toString());
    }

    @Test
    void aReservedItemArrivingBeforeItsProjectIsServedOnceTheProjectIsKnown() {
        UUID projectId = UUID.randomUUID();
        String assignee = "assignee-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        String third = "third-" + UUID.randomUUID();
        ItemIngested item = regular(projectId, 2, assignee);
        publish(Topics.ITEMS, item);
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 2, 0, 0, 600), 1,
                annotators(assignee, other, third)));
        awaitPool(dataSource, projectId, 1);

        assertThat(drain(projectId, other)).containsExactly(item.itemId().toString());
        assertThat(drain(projectId, third)).isEmpty();
        assertThat(drain(projectId, assignee)).containsExactly(item.itemId().toString());
    }

    @Test
    void aResolvedReservedItemIsNotServed() {
        UUID projectId = UUID.randomUUID();
        String assignee = "assignee-" + UUID.randomUUID();
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(2, 3, 0, 0, 600), 1,
                annotators(assignee)));
        ItemIngested item = regular(projectId, null, assignee);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);

        awaitApplied(dataSource, publish(Topics.ITEM_QUALITY, assessed(item, ItemDecision.RESOLVED)));

        next(projectId, assignee).then().statusCode(204).header("Labelstream-Reason", "none-left");
    }

    private static ItemIngested olderByAMinute(ItemIngested item) {
        return new ItemIngested(item.itemId(), item.projectId(), item.externalId(), item.kind(), item.pilot(),
                item.qualification(), item.data(), item.metadata(), item.contentHash(), item.schemaVersion(),
                item.ingestedAt().minusSeconds(60), item.annotatorsPerItem(), item.assignees());
    }

    private String slots(ItemIngested item) throws SQLException {
        return "taken=" + column(item, "taken") + " reserved=" + column(item, "reserved") + " required="
                + column(item, "required");
    }

    private int column(ItemIngested item, String name) throws SQLException {
        return queryInt(dataSource, "select " + name + " from pool_item where item_id = ?", item.itemId());
    }
}
