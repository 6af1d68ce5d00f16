package io.labelstream.contracts.project;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelstream.contracts.EventCodec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectPoliciesTest {

    @Test
    void policiesWrittenBeforeCalibrationExistedReadWithItsDefaults() throws Exception {
        ObjectNode older = EventCodec.mapper().valueToTree(ProjectPolicies.defaults());
        older.remove("calibrationTargetKappa");
        older.remove("calibrationMinItems");

        ProjectPolicies read = EventCodec.mapper().treeToValue(older, ProjectPolicies.class);

        assertThat(read.calibrationTargetKappa()).isEqualTo(0.8);
        assertThat(read.calibrationMinItems()).isEqualTo(20);
        assertThat(read).isEqualTo(ProjectPolicies.defaults());
    }
}
