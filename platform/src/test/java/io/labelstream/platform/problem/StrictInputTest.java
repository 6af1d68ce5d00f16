package io.labelstream.platform.problem;

import io.labelstream.platform.PlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The shared JSON policy and the refusals that used to escape problem+json or end in a 500. */
@QuarkusTest
class StrictInputTest extends PlatformTestResource {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void trailingTokensAfterTheBodyAreRefused() {
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"box\": {\"width\": 1, \"height\": 2}} garbage")
                .post("/probe")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("body"));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"box\": {\"width\": 1, \"height\": 2}} {}")
                .post("/probe")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("body"));
    }

    @Test
    void scalarsAreNotCoerced() {
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"box\": {\"width\": \"3\", \"height\": 2}}")
                .post("/probe")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("box.width"));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"box\": {\"width\": 1.5, \"height\": 2}}")
                .post("/probe")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("box.width"));
        given().contentType(ContentType.JSON).body("{\"name\": 12, \"box\": {\"width\": 1, \"height\": 2}}")
                .post("/probe")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
        // the natural shapes still read
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"box\": {\"width\": 3, \"height\": 2}}")
                .post("/probe")
                .then().statusCode(200).body("box.width", equalTo(3));
    }

    @Test
    void aNulCharacterIsA400NamingTheField() {
        given().contentType(ContentType.JSON).body("{\"name\": \"a\\u0000b\", \"data\": {}}")
                .post("/probe/tagged")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("name"))
                .body("errors.reason", hasItem(containsString("NUL")));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"data\": {\"meta\": [\"ok\", \"b\\u0000\"]}}")
                .post("/probe/tagged")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("data"))
                .body("errors.reason", hasItem(containsString("/meta/1")));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"data\": {\"k\\u0000\": 1}}")
                .post("/probe/tagged")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("data"));
        given().contentType(ContentType.JSON).body("{\"name\": \"\\ud800\", \"data\": {}}")
                .post("/probe/tagged")
                .then().statusCode(400).contentType(PROBLEM).body("errors.field", hasItem("name"));
        given().contentType(ContentType.JSON).body("{\"name\": \"caf\\u00e9 \\ud83d\\ude00\", \"data\": {\"t\": \"ok\"}}")
                .post("/probe/tagged")
                .then().statusCode(200).body("name", equalTo("café 😀"));
    }

    @Test
    void anUnreadableQueryParameterIsA400NamingIt() {
        given().queryParam("limit", "abc").get("/probe/list")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("limit")).body("errors.reason", hasItem("expected an integer"));
        given().queryParam("after", "notuuid").get("/probe/list")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("after")).body("errors.reason", hasItem("expected a UUID"));
        given().queryParam("decision", "BOGUS").get("/probe/list")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("decision")).body("errors.reason", hasItem(containsString("RESOLVED")));
        given().queryParam("limit", "5").queryParam("decision", "DISPUTED").get("/probe/list")
                .then().statusCode(200).body("[0]", equalTo("5")).body("[2]", equalTo("DISPUTED"));
    }

    @Test
    void aValueTheDatabaseRefusesIsA400NotA500() {
        given().urlEncodingEnabled(false).get("/probe/store?text=a%00b")
                .then().statusCode(400).contentType(PROBLEM).body("status", equalTo(400));
    }

    @Test
    void anUnknownPathIsStillA404() {
        given().get("/probe/nothing-here").then().statusCode(404);
    }
}
