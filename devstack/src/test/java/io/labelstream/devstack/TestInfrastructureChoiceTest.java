package io.labelstream.devstack;

import io.labelstream.devstack.TestInfrastructureChoice.Kind;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class TestInfrastructureChoiceTest {

    private static final BooleanSupplier ENGINE = () -> true;
    private static final BooleanSupplier NO_ENGINE = () -> false;
    private static final BooleanSupplier NOT_ASKED = () -> fail("the container engine was probed for the embedded choice");

    @Test
    void embeddedByDefaultWithoutAskingForAContainerEngine() {
        assertThat(choose(Map.of(), Map.of(), NOT_ASKED)).isEqualTo(Kind.EMBEDDED);
        assertThat(choose(Map.of(TestInfrastructureChoice.PROPERTY, " "), Map.of(), NOT_ASKED)).isEqualTo(Kind.EMBEDDED);
    }

    @Test
    void containersFromTheSystemProperty() {
        assertThat(choose(Map.of(TestInfrastructureChoice.PROPERTY, "containers"), Map.of(), ENGINE))
                .isEqualTo(Kind.CONTAINERS);
    }

    @Test
    void containersFromTheEnvironmentVariable() {
        assertThat(choose(Map.of(), Map.of(TestInfrastructureChoice.VARIABLE, "CONTAINERS"), ENGINE))
                .isEqualTo(Kind.CONTAINERS);
    }

    @Test
    void theSystemPropertyWinsOverTheEnvironmentVariable() {
        assertThat(choose(Map.of(TestInfrastructureChoice.PROPERTY, "embedded"),
                Map.of(TestInfrastructureChoice.VARIABLE, "containers"), NOT_ASKED)).isEqualTo(Kind.EMBEDDED);
    }

    @Test
    void anUnknownValueIsRefusedWithTheChoicesThereAre() {
        assertThatThrownBy(() -> choose(Map.of(TestInfrastructureChoice.PROPERTY, "docker"), Map.of(), ENGINE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-Dlabelstream.test-infra=docker")
                .hasMessageContaining("'embedded'")
                .hasMessageContaining("'containers'");
    }

    @Test
    void containersWithoutAnEngineFailAtOnceSayingSo() {
        assertThatThrownBy(() -> choose(Map.of(), Map.of(TestInfrastructureChoice.VARIABLE, "containers"), NO_ENGINE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("LABELSTREAM_TEST_INFRA=containers")
                .hasMessageContaining("no container engine");
    }

    /** The real probe of Testcontainers, where no container engine runs. */
    @Test
    void containersWithoutAnEngineFailThroughTheRealProbe() {
        assumeFalse(ContainerTestInfrastructure.engineAvailable(),
                "a container engine answers here, so the option would start containers instead of failing");

        assertThatThrownBy(() -> TestInfrastructureChoice.choose(Map.of(TestInfrastructureChoice.PROPERTY, "containers")::get,
                Map.<String, String>of()::get, ContainerTestInfrastructure::engineAvailable))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no container engine");
    }

    private static Kind choose(Map<String, String> properties, Map<String, String> environment, BooleanSupplier engine) {
        return TestInfrastructureChoice.choose(properties::get, environment::get, engine);
    }
}
