package io.labelstream.adjudication;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.events.ItemDecision;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The gold set as an NDJSON stream, and releases that never change. */
@QuarkusTest
class DatasetExportTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void exportStreamsTheCurrentGoldSetAndFiltersByVersion() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        List<UUID> items = goldItems(project, 3);
        correct(project, items.get(0), "neg");
        await().atMost(WAIT).until(() -> lines(export(project, Map.of())).stream()
                .anyMatch(l -> l.path("version").asInt() == 2));

        byte[] body = export(project, Map.of());
        List<JsonNode> lines = lines(body);
        assertThat(lines).extracting(l -> l.path("itemId").asText())
                .containsExactlyElementsOf(items.stream().map(UUID::toString).sorted().toList());
        assertThat(lines).allSatisfy(l -> assertThat(l.path("projectId").asText()).isEqualTo(project.id().toString()));
        assertThat(lines(export(project, Map.of("minVersion", "2"))))
                .singleElement().satisfies(l -> {
                    assertThat(l.path("itemId").asText()).isEqualTo(items.get(0).toString());
                    assertThat(l.path("label").path("choice").asText()).isEqualTo("neg");
                });
        assertThat(lines(export(project, Map.of("decidedFrom", "2999-01-01T00:00:00Z")))).isEmpty();

        given().auth().oauth2(project.reviewerToken()).queryParam("decidedFrom", "yesterday")
                .get("/projects/{p}/dataset", project.id())
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("decidedFrom"));
    }

    @Test
    void releaseDownloadedAfterLaterCorrectionsIsByteIdentical() throws Exception {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        List<UUID> items = goldItems(project, 3);

        var created = given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body(Map.of("name", "v1.0", "description", "first cut"))
                .post("/projects/{p}/releases", project.id())
                .then().statusCode(201)
                .body("labelCount", equalTo(3))
                .body("versionCounts.1", equalTo(3))
                .extract();
        String checksum = created.path("sha256");
        byte[] first = download(project, "v1.0");
        assertThat(sha256(first)).isEqualTo(checksum);
        assertThat(lines(first)).hasSize(3);

        correct(project, items.get(1), "neg");
        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON).body(Map.of("note", "duplicate"))
                .post("/projects/{p}/gold/{i}/invalidation", project.id(), items.get(2))
                .then().statusCode(204);
        await().atMost(WAIT).until(() -> lines(export(project, Map.of())).size() == 2);

        byte[] second = download(project, "v1.0");
        assertThat(second).isEqualTo(first);
        given().auth().oauth2(Fixtures.token(project.manager(), "manager")).get("/projects/{p}/releases", project.id())
                .then().statusCode(200).body("name", equalTo(List.of("v1.0"))).body("[0].sha256", equalTo(checksum));

        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON).body(Map.of("name", "v1.1"))
                .post("/projects/{p}/releases", project.id())
                .then().statusCode(201).body("labelCount", equalTo(2))
                .body("versionCounts.1", equalTo(1)).body("versionCounts.2", equalTo(1));
    }

    @Test
    void releaseNamesAreUniqueAndWellFormed() {
        Fixtures.Project project = Fixtures.project(0.8, 0.0);
        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON).body(Map.of("name", "empty"))
                .post("/projects/{p}/releases", project.id())
                .then().statusCode(201).body("labelCount", equalTo(0));
        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON).body(Map.of("name", "empty"))
                .post("/projects/{p}/releases", project.id())
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON).body(Map.of("name", "../etc"))
                .post("/projects/{p}/releases", project.id())
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString("name")));
        given().auth().oauth2(project.reviewerToken()).get("/projects/{p}/releases/{n}", project.id(), "missing")
                .then().statusCode(404).contentType("application/problem+json");
    }

    private static List<UUID> goldItems(Fixtures.Project project, int count) {
        List<UUID> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID itemId = Fixtures.item(project.id(), "ext-ds-" + i);
            Fixtures.assessed(project.id(), itemId, ItemDecision.RESOLVED, "pos", 0.9, List.of());
            items.add(itemId);
        }
        await().atMost(WAIT).until(() -> lines(export(project, Map.of())).size() == count);
        return items;
    }

    private static void correct(Fixtures.Project project, UUID itemId, String label) {
        given().auth().oauth2(project.reviewerToken()).contentType(ContentType.JSON)
                .body(Map.of("label", Map.of("choice", label)))
                .post("/projects/{p}/gold/{i}/corrections", project.id(), itemId)
                .then().statusCode(200);
    }

    private static byte[] export(Fixtures.Project project, Map<String, String> query) {
        return given().auth().oauth2(project.reviewerToken()).queryParams(query)
                .get("/projects/{p}/dataset", project.id())
                .then().statusCode(200).contentType("application/x-ndjson").extract().asByteArray();
    }

    private static byte[] download(Fixtures.Project project, String release) {
        return given().auth().oauth2(project.reviewerToken())
                .get("/projects/{p}/releases/{n}/data", project.id(), release)
                .then().statusCode(200).extract().asByteArray();
    }

    static List<JsonNode> lines(byte[] ndjson) {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : new String(ndjson, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                try {
                    lines.add(EventCodec.mapper().readTree(line));
                } catch (Exception e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        return lines;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
