package io.labelstream.assignment;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.assessed;
import static io.labelstream.assignment.TaskPoolFixture.awaitApplied;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.drain;
import static io.labelstream.assignment.TaskPoolFixture.next;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.queryInt;
import static io.labelstream.assignment.TaskPoolFixture.regular;
import static org.assertj.core.api.Assertions.assertThat;

/** An item's own overlap replaces the project's k for that item, and survives changes of the project. */
@QuarkusTest
class PerItemOverlapTest {

    private final AgroalDataSource dataSource;

    PerItemOverlapTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void itemsWithTheirOwnOverlapGetExactlyThatManyDistinctAnnotators() throws SQLException {
        UUID projectId = UUID.randomUUID();
        List<String> people = people(5);
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 0, 0, 600), 1,
                annotators(people.toArray(String[]::new))));
        ItemIngested one = regular(projectId, 1);
        ItemIngested two = regular(projectId, 2);
        ItemIngested four = regular(projectId, 4);
        ItemIngested projects = regular(projectId, null);
        for (ItemIngested item : List.of(one, two, four, projects)) {
            publish(Topics.ITEMS, item);
        }
        awaitPool(dataSource, projectId, 4);

        for (String person : people) {
            drain(projectId, person);
        }

        assertThat(annotatorsOf(one)).isEqualTo(1);
        assertThat(annotatorsOf(two)).isEqualTo(2);
        assertThat(annotatorsOf(four)).isEqualTo(4);
        assertThat(annotatorsOf(projects)).isEqualTo(3);
    }

    @Test
    void aChangeOfTheProjectsKKeepsAnItemsOwnOverlap() throws SQLException {
        UUID projectId = UUID.randomUUID();
        List<String> people = people(3);
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 0, 0, 600), 1,
                annotators(people.toArray(String[]::new))));
        ItemIngested own = regular(projectId, 1);
        ItemIngested projects = regular(projectId, null);
        publish(Topics.ITEMS, own);
        publish(Topics.ITEMS, projects);
        awaitPool(dataSource, projectId, 2);

        awaitApplied(dataSource, publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE,
                policies(2, 5, 0, 0, 600), 2, annotators(people.toArray(String[]::new)))));

        assertThat(required(own)).isEqualTo(1);
        assertThat(required(projects)).isEqualTo(2);
        for (String person : people) {
            drain(projectId, person);
        }
        assertThat(annotatorsOf(own)).isEqualTo(1);
        assertThat(annotatorsOf(projects)).isEqualTo(2);
    }

    @Test
    void moreLabelsRaiseAnItemsOwnOverlapUpToTheProjectsCap() {
        UUID projectId = UUID.randomUUID();
        List<String> people = people(4);
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(1, 3, 0, 0, 600), 1,
                annotators(people.toArray(String[]::new))));
        ItemIngested item = regular(projectId, 2);
        publish(Topics.ITEMS, item);
        awaitPool(dataSource, projectId, 1);
        next(projectId, people.get(0)).then().statusCode(200);
        next(projectId, people.get(1)).then().statusCode(200);
        next(projectId, people.get(2)).then().statusCode(204);

        // from the item's own 2, not the project's 1: one more up to the cap (3), then no further
        awaitApplied(dataSource, publish(Topics.ITEM_QUALITY, assessed(item, ItemDecision.NEEDS_MORE_LABELS)));
        awaitApplied(dataSource, publish(Topics.ITEM_QUALITY, assessed(item, ItemDecision.NEEDS_MORE_LABELS)));

        next(projectId, people.get(2)).then().statusCode(200);
        next(projectId, people.get(3)).then().statusCode(204).header("Labelstream-Reason", "none-left");
    }

    @Test
    void anItemWithItsOwnOverlapMayArriveBeforeItsProject() throws SQLException {
        UUID projectId = UUID.randomUUID();
        List<String> people = people(3);
        ItemIngested item = regular(projectId, 1);
        publish(Topics.ITEMS, item);
        publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(3, 5, 0, 0, 600), 1,
                annotators(people.toArray(String[]::new))));
        awaitPool(dataSource, projectId, 1);

        for (String person : people) {
            drain(projectId, person);
        }
        assertThat(annotatorsOf(item)).isEqualTo(1);
    }

    private int annotatorsOf(ItemIngested item) throws SQLException {
        return queryInt(dataSource, "select count(distinct annotator_id) from assignment where item_id = ?",
                item.itemId());
    }

    private int required(ItemIngested item) throws SQLException {
        return queryInt(dataSource, "select required from pool_item where item_id = ?", item.itemId());
    }

    private static List<String> people(int count) {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            people.add("ann-" + i + "-" + UUID.randomUUID());
        }
        return people;
    }
}
