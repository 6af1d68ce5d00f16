package io.labelstream.assignment;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.Topics;
import io.labelstream.contracts.events.ItemDecision;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.labelstream.assignment.TaskPoolFixture.annotators;
import static io.labelstream.assignment.TaskPoolFixture.assessed;
import static io.labelstream.assignment.TaskPoolFixture.awaitApplied;
import static io.labelstream.assignment.TaskPoolFixture.awaitPool;
import static io.labelstream.assignment.TaskPoolFixture.next;
import static io.labelstream.assignment.TaskPoolFixture.policies;
import static io.labelstream.assignment.TaskPoolFixture.project;
import static io.labelstream.assignment.TaskPoolFixture.publish;
import static io.labelstream.assignment.TaskPoolFixture.release;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A claim goes on from where the annotator's last claim left the pool, past the items they already had; an item
 * that becomes claimable again behind that place (a skipped slot of a full item, a raised overlap) is still
 * served first, in rank order.
 */
@QuarkusTest
class ClaimCursorResumeTest {

    private final AgroalDataSource dataSource;

    ClaimCursorResumeTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void aSlotFreedBehindTheCursorIsServedBeforeLaterItems() {
        Pool pool = new Pool(2, 2, 5);
        Response firstOfB = pool.fillFirstItem();
        pool.walkPastTheFirstItem();

        release(firstOfB, pool.b);

        assertThat(next(pool.projectId, pool.a).then().statusCode(200).extract().<String>path("itemId"))
                .isEqualTo(pool.items.get(0).itemId().toString());
    }

    @Test
    void aRaisedOverlapBehindTheCursorIsServedBeforeLaterItems() {
        Pool pool = new Pool(2, 3, 5);
        pool.fillFirstItem();
        pool.walkPastTheFirstItem();

        awaitApplied(dataSource, publish(Topics.ITEM_QUALITY,
                assessed(pool.items.get(0), ItemDecision.NEEDS_MORE_LABELS)));

        assertThat(next(pool.projectId, pool.a).then().statusCode(200).extract().<String>path("itemId"))
                .isEqualTo(pool.items.get(0).itemId().toString());
    }

    @Test
    void anAnnotatorWhoHadEveryOpenItemIsToldSoAndServedWhatArrivesLater() {
        Pool pool = new Pool(2, 2, 3);
        for (int i = 0; i < 3; i++) {
            next(pool.projectId, pool.a).then().statusCode(200);
        }
        next(pool.projectId, pool.a).then().statusCode(204).header("Labelstream-Reason", "none-left");
        next(pool.projectId, pool.a).then().statusCode(204).header("Labelstream-Reason", "none-left");

        ItemIngested later = pool.item(10);
        publish(Topics.ITEMS, later);
        awaitPool(dataSource, pool.projectId, 4);
        // and an item that arrives ranked before those the annotator passed
        ItemIngested earlier = pool.item(-10);
        publish(Topics.ITEMS, earlier);
        awaitPool(dataSource, pool.projectId, 5);

        assertThat(next(pool.projectId, pool.a).then().statusCode(200).extract().<String>path("itemId"))
                .isEqualTo(earlier.itemId().toString());
        assertThat(next(pool.projectId, pool.a).then().statusCode(200).extract().<String>path("itemId"))
                .isEqualTo(later.itemId().toString());
    }

    /** A project of k = {@code k} (cap {@code max}) with items ranked one second apart, and three annotators. */
    private final class Pool {

        final UUID projectId = UUID.randomUUID();
        final String a = "a-" + UUID.randomUUID();
        final String b = "b-" + UUID.randomUUID();
        final String c = "c-" + UUID.randomUUID();
        final Instant start = Instant.parse("2026-01-01T00:00:00Z");
        final List<ItemIngested> items = new ArrayList<>();

        Pool(int k, int max, int count) {
            publish(Topics.PROJECTS, project(projectId, ProjectState.ACTIVE, policies(k, max, 0, 0, 600), 1,
                    annotators(a, b, c)));
            for (int i = 0; i < count; i++) {
                ItemIngested item = item(i);
                items.add(item);
                publish(Topics.ITEMS, item);
            }
            awaitPool(dataSource, projectId, count);
        }

        ItemIngested item(int second) {
            UUID itemId = UUID.randomUUID();
            JsonNode data = EventCodec.mapper().valueToTree(Map.of("text", "sentence " + itemId));
            return new ItemIngested(itemId, projectId, "ext-" + itemId, ItemKind.REGULAR, false, false, data, null,
                    "hash-" + itemId, 2, start.plusSeconds(second));
        }

        /** b and c take the first item, which is then full (k = 2); returns b's lease. */
        Response fillFirstItem() {
            Response ofB = next(projectId, b).then().statusCode(200).extract().response();
            next(projectId, c).then().statusCode(200);
            assertThat(ofB.<String>path("itemId")).isEqualTo(items.get(0).itemId().toString());
            return ofB;
        }

        /** a takes the second, third and fourth items: its cursor passes the full first item. */
        void walkPastTheFirstItem() {
            for (int i = 1; i <= 3; i++) {
                assertThat(next(projectId, a).then().statusCode(200).extract().<String>path("itemId"))
                        .isEqualTo(items.get(i).itemId().toString());
            }
        }
    }
}
