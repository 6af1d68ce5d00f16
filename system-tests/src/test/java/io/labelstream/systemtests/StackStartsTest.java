package io.labelstream.systemtests;

import io.labelstream.devstack.LocalStack;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

class StackStartsTest {

    @Test
    void everyServiceIsReadyWithItsDatabaseAndKafka() {
        for (String service : LocalStack.SERVICES.keySet()) {
            given().baseUri(RunningStack.url(service))
                    .when().get("/q/health/ready")
                    .then().statusCode(200)
                    .body("status", equalTo("UP"));
        }
    }
}
