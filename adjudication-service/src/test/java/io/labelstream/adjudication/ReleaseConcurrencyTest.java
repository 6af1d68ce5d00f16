package io.labelstream.adjudication;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class ReleaseConcurrencyTest {

    private static final int WRITERS = 8;

    @Test
    void concurrentReleasesOfOneNameMakeOneReleaseAndConflicts() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);

        List<Integer> statuses;
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            List<CompletableFuture<Integer>> creations = IntStream.range(0, WRITERS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> given().auth().oauth2(project.reviewerToken())
                            .contentType(ContentType.JSON).body(Map.of("name", "race"))
                            .post("/projects/{p}/releases", project.id()).statusCode(), pool))
                    .toList();
            statuses = creations.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdown();
        }

        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(1);
        given().auth().oauth2(project.reviewerToken()).get("/projects/{p}/releases", project.id())
                .then().statusCode(200).body("name", equalTo(List.of("race")));
    }
}
