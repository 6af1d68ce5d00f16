package io.labelstream.ingestion;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.Topics;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static io.labelstream.ingestion.Fixtures.as;
import static io.labelstream.ingestion.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ProjectConcurrencyTest {

    private static final int WRITERS = 8;

    @Test
    void concurrentChangesOfOneRevisionApplyOnceAndTheRestConflict() throws Exception {
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);

        List<Integer> statuses;
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<CompletableFuture<Integer>> changes = IntStream.range(0, WRITERS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> as(manager, "manager")
                            .body("{\"name\": \"renamed " + i + "\", \"expectedRevision\": 1}")
                            .patch("/projects/" + projectId).statusCode(), pool))
                    .toList();
            statuses = changes.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
        as(manager, "manager").get("/projects/" + projectId).then().statusCode(200).body("revision", equalTo(2));
        List<ConsumerRecord<String, String>> records = Fixtures.awaitRecords(Topics.PROJECTS,
                r -> r.key().equals(projectId), 2);
        assertThat(records.stream().map(r -> EventCodec.read(r.value()).payload().get("revision").asLong()))
                .containsExactly(1L, 2L);
    }

    @Test
    void schemaVersionsKeepTheSchemaAndGuidelinesAsJson() throws Exception {
        String manager = user("manager");
        String projectId = Fixtures.singleLabelProject(manager);
        as(manager, "manager").body("{\"guidelines\": {\"text\": \"Say why\"}, \"expectedRevision\": 1}")
                .patch("/projects/" + projectId).then().statusCode(200).body("schemaVersion", equalTo(2));

        List<String> guidelines = as(manager, "manager").get("/projects/" + projectId + "/versions")
                .then().statusCode(200)
                .body("schemaVersion", equalTo(List.of(1, 2)))
                .body("createdBy", equalTo(List.of(manager, manager)))
                .extract().path("guidelines");

        assertThat(EventCodec.mapper().readTree(guidelines.get(1)).get("text").asText()).isEqualTo("Say why");
        assertThat(EventCodec.mapper().readTree(guidelines.get(1)).get("version").asInt()).isEqualTo(2);
    }
}
