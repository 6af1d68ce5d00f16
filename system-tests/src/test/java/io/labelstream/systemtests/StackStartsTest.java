package io.labelstream.systemtests;

import io.labelstream.devstack.LocalStack;
import io.labelstream.devstack.TestInfrastructureChoice;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
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

    /** An operator reads the local broker's log; debug and trace records would cost the broker CPU for each request. */
    @Test
    void theLocalBrokerLogsAtInfoAndNothingFiner() throws IOException {
        assumeThat(TestInfrastructureChoice.fromEnvironment()).as("a broker of the stack's own")
                .isEqualTo(TestInfrastructureChoice.Kind.EMBEDDED);
        List<String> lines = Files.readAllLines(RunningStack.dataDirectory().resolve("logs/kafka.log"));
        assertThat(lines).anyMatch(line ->
                line.matches("\\S+ \\S+ INFO  \\[kafka\\.server\\.KafkaRaftServer] .*Kafka Server started"));
        assertThat(lines).noneMatch(line -> line.matches("\\S+ \\S+ (DEBUG|TRACE|FINE|FINER|FINEST) .*"));
        assertThat(lines).noneMatch(line -> line.contains("LogManager accessed before"));
    }
}
