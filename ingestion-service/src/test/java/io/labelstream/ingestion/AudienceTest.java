package io.labelstream.ingestion;

import io.labelstream.devstack.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.labelstream.ingestion.Fixtures.user;
import static io.restassured.RestAssured.given;

/**
 * With an audience configured, a token signed by the trusted issuer but minted for another application,
 * or for none, is refused with 401: it cannot read or create anything.
 */
@QuarkusTest
class AudienceTest {

    @Test
    void aTokenForAnotherAudienceOrNoneIsA401() {
        String manager = user("manager");
        given().auth().oauth2(DevTokens.mintForAudience("another-application", manager, "manager"))
                .get("/projects").then().statusCode(401);
        given().auth().oauth2(DevTokens.mintForAudience(null, manager, "manager"))
                .get("/projects").then().statusCode(401);
        given().auth().oauth2(DevTokens.mintForAudience("another-application", manager, "manager"))
                .contentType("application/json").body("""
                        {"name": "foreign", "schema": {"taskType": "SINGLE_LABEL",
                          "labels": [{"name": "a"}, {"name": "b"}]}}""")
                .post("/projects").then().statusCode(401);
        given().auth().oauth2(DevTokens.mintForAudience(DevTokens.AUDIENCE, manager, "manager"))
                .get("/projects").then().statusCode(200);
    }
}
