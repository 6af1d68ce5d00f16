package io.labelstream.console.passthrough;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What the console answers itself, without the local launcher and with no service reachable: the
 * production sign-in (no demo users), refused paths and an unreachable service, each as a problem naming
 * its field.
 */
@QuarkusTest
class PassThroughRefusalsTest {

    @Test
    void withoutTheLocalLauncherThereAreNoDemoUsers() {
        given().when().get("/console/demo-users")
                .then().statusCode(404).contentType("application/problem+json")
                .body("errors[0].field", equalTo("demoUsers"));
    }

    @Test
    void managementEndpointsAreNotForwarded() {
        given().when().get("/api/ingestion/q/metrics")
                .then().statusCode(404).contentType("application/problem+json")
                .body("errors[0].field", equalTo("path"));
    }

    @Test
    void anUnknownServiceIsNamed() {
        given().when().get("/api/billing/projects")
                .then().statusCode(404).contentType("application/problem+json")
                .body("errors[0].field", equalTo("service"))
                .body("detail", containsString("billing"));
    }

    @Test
    void anUnreachableServiceIsA502NamingIt() {
        given().header("Authorization", "Bearer not-checked-here").when().get("/api/ingestion/projects")
                .then().statusCode(502).contentType("application/problem+json")
                .body("errors[0].field", equalTo("service"));
    }

    @Test
    void theProjectListNeedsAVerifiedToken() {
        given().when().get("/console/projects").then().statusCode(401);
        given().header("Authorization", "Bearer not.a.token").when().get("/console/projects").then().statusCode(401);
    }
}
