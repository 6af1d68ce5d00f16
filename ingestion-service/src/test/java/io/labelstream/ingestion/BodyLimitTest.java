package io.labelstream.ingestion;

import io.labelstream.devstack.DevTokens;
import io.restassured.RestAssured;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static io.labelstream.ingestion.Fixtures.as;
import static io.labelstream.ingestion.Fixtures.singleLabelProject;
import static io.labelstream.ingestion.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * Each endpoint takes a body up to its own documented limit: a batch at most 16 MiB and 1,000 items, other
 * JSON bodies 10 MiB; a larger one is a 413 problem+json naming the limit, and nothing of it is stored.
 */
@QuarkusTest
class BodyLimitTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void aBatchDeclaringMoreThanItsLimitIsA413ProblemBeforeItsBodyIsRead() throws IOException {
        String manager = user("manager");
        String projectId = singleLabelProject(manager);
        String answer = sendHeadOnly("POST", "/projects/" + projectId + "/items/batch", manager,
                16L * 1024 * 1024 + 1);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("content-type: " + PROBLEM)
                .contains("\"field\":\"body\"").contains("more than 16777216 bytes");
        as(manager, "manager").get("/projects/" + projectId + "/items").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void aProjectBodyOverTheJsonLimitIsA413ProblemWhileUploadsTakeMore() throws IOException {
        String manager = user("manager");
        String projectId = singleLabelProject(manager);
        long overJsonLimit = 10L * 1024 * 1024 + 1;
        assertThat(sendHeadOnly("PATCH", "/projects/" + projectId, manager, overJsonLimit))
                .startsWith("HTTP/1.1 413").contains("content-type: " + PROBLEM)
                .contains("more than 10485760 bytes");
        // the upload's limit is the server's ceiling: the same length is read, not refused up front
        assertThat(sendHeadOnly("POST", "/projects/" + projectId + "/uploads", manager, overJsonLimit))
                .doesNotStartWith("HTTP/1.1 413");
    }

    @Test
    void aBatchOfMoreItemsThanItsLimitIsA413NamingTheLimitAndStoresNothing() {
        String manager = user("manager");
        String projectId = singleLabelProject(manager);
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"externalId\": \"x-").append(i)
                    .append("\", \"data\": {\"text\": \"t\"}}");
        }
        as(manager, "manager").body(batch.append("]").toString())
                .post("/projects/" + projectId + "/items/batch").then().statusCode(413).contentType(PROBLEM)
                .body("errors.field", hasItem("body")).body("errors.reason", hasItem("more than 1000 items"));
        as(manager, "manager").get("/projects/" + projectId + "/items").then().statusCode(200)
                .body("items", hasSize(0));
    }

    @Test
    void aBatchIsReadStrictly() {
        String manager = user("manager");
        String projectId = singleLabelProject(manager);
        as(manager, "manager").body("[{\"externalId\": \"a\", \"data\": {\"text\": \"t\"}}] []")
                .post("/projects/" + projectId + "/items/batch").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("body"));
        as(manager, "manager").body("{\"externalId\": \"a\", \"data\": {\"text\": \"t\"}}")
                .post("/projects/" + projectId + "/items/batch").then().statusCode(400).contentType(PROBLEM)
                .body("errors.reason", hasItem("must be a JSON array of items"));
        as(manager, "manager").body("[{\"externalId\": \"a\", \"data\": {\"text\": \"t\"}}")
                .post("/projects/" + projectId + "/items/batch").then().statusCode(400).contentType(PROBLEM);
        as(manager, "manager").body("[{\"externalId\": \"a\", \"data\": {\"text\": \"t\"}}]")
                .post("/projects/" + projectId + "/items/batch").then().statusCode(200).body("accepted", equalTo(1));
    }

    /**
     * Sends a request's head declaring {@code length} bytes and a first kilobyte of them, then reads the
     * answer: a client that sends a large body learns of a refusal without sending it all.
     */
    private static String sendHeadOnly(String method, String path, String manager, long length) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + DevTokens.mint(manager, "manager") + "\r\n"
                    + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write("[".repeat(1024).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            StringBuilder answer = new StringBuilder();
            try {
                int read;
                while ((read = in.read(buffer)) > 0) {
                    answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    if (answer.indexOf("\r\n\r\n") > 0 && answer.toString().contains("}")) {
                        break;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // a server still waiting for the body has not refused it
            }
            return answer.toString().toLowerCase().replace("http/1.1", "HTTP/1.1");
        }
    }
}
