package io.labelstream.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How sure a prediction is of its own label: what model pre-labelling compares with the project's bar. */
class ModelPredictionConfidenceTest {

    @Test
    void singleLabelIsTheProbabilityOfTheChosenLabel() {
        assertThat(prediction(Map.of("spam", 0.93, "ham", 0.07), "{\"choice\": \"spam\"}").confidence(TaskType.SINGLE_LABEL))
                .isEqualTo(0.93);
    }

    @Test
    void multiLabelIsTheLeastSureOfItsPerLabelCalls() {
        ModelPrediction p = prediction(Map.of("sports", 0.97, "politics", 0.10, "tech", 0.02), "{\"choices\": [\"sports\"]}");
        // politics left out with p = 0.10: sure of that call at 0.90, the least of 0.97, 0.90 and 0.98
        assertThat(p.confidence(TaskType.MULTI_LABEL)).isCloseTo(0.90, within(1e-12));
    }

    @Test
    void aLabelTheDistributionDoesNotCoverOrAnotherTaskTypeHasNone() {
        assertThat(prediction(Map.of("spam", 0.9, "ham", 0.1), "{\"choice\": \"eggs\"}").confidence(TaskType.SINGLE_LABEL))
                .isNull();
        assertThat(prediction(Map.of("a", 0.9), "{\"choices\": [\"b\"]}").confidence(TaskType.MULTI_LABEL)).isNull();
        assertThat(prediction(Map.of("spam", 0.9), "{\"choice\": \"spam\"}").confidence(TaskType.RATING)).isNull();
    }

    private static ModelPrediction prediction(Map<String, Double> distribution, String label) {
        try {
            JsonNode node = EventCodec.mapper().readTree(label);
            return new ModelPrediction(UUID.randomUUID(), UUID.randomUUID(), "m", distribution, node, Instant.now(), 0.95);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(label, e);
        }
    }
}
