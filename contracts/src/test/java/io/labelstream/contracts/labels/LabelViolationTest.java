package io.labelstream.contracts.labels;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelViolationTest {

    @Test
    void rootedAtRenamesOnlyTheRoot() {
        assertThat(new LabelViolation("label.spans[0].text", "r").rootedAt("referenceAnswer"))
                .isEqualTo(new LabelViolation("referenceAnswer.spans[0].text", "r"));
        assertThat(new LabelViolation("label", "must be a JSON object").rootedAt("referenceAnswer"))
                .isEqualTo(new LabelViolation("referenceAnswer", "must be a JSON object"));
        assertThat(new LabelViolation("label.labels[1]", "r").rootedAt("gold"))
                .isEqualTo(new LabelViolation("gold.labels[1]", "r"));
    }
}
