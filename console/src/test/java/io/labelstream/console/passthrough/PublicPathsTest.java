package io.labelstream.console.passthrough;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PublicPathsTest {

    private static final String PROJECT = "6f1c2a9e-0b7d-4e55-9a51-3f0e8d2c4b10";
    private static final String ITEM = "0a8f3c1e-55d2-4f6b-8e0c-1d2e3f4a5b6c";

    @Test
    void forwardsTheAnnotatorsCallsWithTheirMethods() {
        assertThat(PublicPaths.allows("assignment", "POST", "/projects/" + PROJECT + "/tasks/next")).isTrue();
        assertThat(PublicPaths.allows("annotation", "POST", "/assignments/" + ITEM + "/annotation")).isTrue();
        assertThat(PublicPaths.allows("annotation", "GET", "/assignments/" + ITEM + "/suggestion")).isTrue();
        assertThat(PublicPaths.allows("quality", "GET", "/projects/" + PROJECT + "/quality/annotators/me")).isTrue();
        assertThat(PublicPaths.allows("adjudication", "POST", "/projects/" + PROJECT + "/reviews/" + ITEM + "/decision")).isTrue();
    }

    @Test
    void refusesAMethodThePathDoesNotTake() {
        assertThat(PublicPaths.allows("assignment", "GET", "/projects/" + PROJECT + "/tasks/next")).isFalse();
        assertThat(PublicPaths.allows("annotation", "DELETE", "/assignments/" + ITEM + "/annotation")).isFalse();
    }

    @Test
    void neverForwardsManagementEndpointsOrUnknownServices() {
        assertThat(PublicPaths.allows("ingestion", "GET", "/q/metrics")).isFalse();
        assertThat(PublicPaths.allows("ingestion", "GET", "/q/health/ready")).isFalse();
        assertThat(PublicPaths.allows("quality", "POST", "/projects/" + PROJECT + "/quality/replays")).isFalse();
        assertThat(PublicPaths.allows("kafka", "GET", "/projects")).isFalse();
    }

    @Test
    void refusesPathsThatClimbOrHideAnotherPath() {
        assertThat(PublicPaths.allows("ingestion", "GET", "/projects/" + PROJECT + "/../../q/metrics")).isFalse();
        assertThat(PublicPaths.allows("ingestion", "GET", "/projects//items")).isFalse();
        assertThat(PublicPaths.allows("ingestion", "GET", "/projects/not-an-id")).isFalse();
    }
}
