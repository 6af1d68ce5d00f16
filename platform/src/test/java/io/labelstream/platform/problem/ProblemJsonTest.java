package io.labelstream.platform.problem;

import io.labelstream.platform.PlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

@QuarkusTest
class ProblemJsonTest extends PlatformTestResource {

    @Test
    void malformedJsonIsA400NamingTheBody() {
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", ")
                .when().post("/probe")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(400))
                .body("errors.field", hasItem("body"));
    }

    @Test
    void aWrongTypeIsA400NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"box\": {\"width\": \"wide\", \"height\": 2}}")
                .when().post("/probe")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("box.width"))
                .body("errors.reason", hasItem("expected a number"));
    }

    @Test
    void aConstraintViolationIsA422NamingEveryField() {
        given().contentType(ContentType.JSON).body("{\"name\": \"\", \"box\": {\"width\": 0, \"height\": 2}}")
                .when().post("/probe")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("box.width"));
    }

    @Test
    void aMissingBodyIsRefused() {
        given().contentType(ContentType.JSON)
                .when().post("/probe")
                .then().statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void anUnsupportedMediaTypeIsA415() {
        given().contentType(ContentType.XML).body("<probe/>")
                .when().post("/probe")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void aRefusalKeepsItsStatusAndDetail() {
        given().when().post("/probe/refuse")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already decided"));
    }

    @Test
    void anUnexpectedFailureIsA500ThatHidesItsCause() {
        given().when().post("/probe/crash")
                .then().statusCode(500)
                .contentType("application/problem+json")
                .body("detail", containsString("incident"))
                .body("detail", not(containsString("secret")));
    }

    @Test
    void aPoolWithNoFreeConnectionInTimeIsA503WithRetryAfter() {
        // the real pool, held whole by the probe: a client may send the request again, so this is no fault
        given().when().post("/probe/exhaust-pool")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("type", org.hamcrest.Matchers.equalTo("urn:labelstream:problem:unavailable"))
                .body("detail", not(containsString("incident")));
    }
}
