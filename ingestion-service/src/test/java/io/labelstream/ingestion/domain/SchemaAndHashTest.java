package io.labelstream.ingestion.domain;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.SchemaConstraints;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaAndHashTest {

    @Test
    void contentHashIgnoresKeyOrderAndNumberSpelling() throws Exception {
        String a = ContentHash.of(EventCodec.mapper().readTree("{\"text\": \"x\", \"n\": 1, \"m\": {\"b\": 2, \"a\": 1}}"));
        String b = ContentHash.of(EventCodec.mapper().readTree("{\"m\": {\"a\": 1, \"b\": 2.0}, \"n\": 1, \"text\": \"x\"}"));
        String c = ContentHash.of(EventCodec.mapper().readTree("{\"text\": \"y\", \"n\": 1, \"m\": {\"b\": 2, \"a\": 1}}"));
        assertThat(a).isEqualTo(b).isNotEqualTo(c).hasSize(64);
    }

    @Test
    void schemaRulesPerTaskType() {
        assertThat(SchemaValidator.validate(new LabelingSchema(TaskType.RANKING, null, null))).isEmpty();
        assertThat(SchemaValidator.validate(new LabelingSchema(TaskType.BOXES, List.of(), null)))
                .extracting(Violation::field).containsExactly("schema.labels");
        assertThat(SchemaValidator.validate(new LabelingSchema(TaskType.RATING, null,
                new SchemaConstraints(null, null, null, null, null, null, 5.0, 1.0, null, null, null))))
                .extracting(Violation::field).containsExactly("schema.constraints.scaleMin");
        assertThat(SchemaValidator.validate(new LabelingSchema(TaskType.MULTI_LABEL,
                List.of(new LabelDefinition("a", null, null), new LabelDefinition("b", null, null)),
                new SchemaConstraints(1, 2, List.of(List.of("a", "z")), null, null, null, null, null, null, null, null))))
                .extracting(Violation::field).containsExactly("schema.constraints.exclusiveGroups[0]");
    }

    @Test
    void defaultPoliciesAreValidAndBrokenOnesNamed() {
        assertThat(PolicyValidator.validate(ProjectPolicies.defaults())).isEmpty();
        ProjectPolicies d = ProjectPolicies.defaults();
        ProjectPolicies broken = new ProjectPolicies(4, 3, d.goldRate(), d.qualificationItems(), d.qualificationMinAccuracy(),
                d.quarantineAccuracy(), d.autoAcceptConfidence(), 2.0, d.targetAgreement(), d.leaseSeconds(),
                d.revisionGraceSeconds(), d.modelAssisted(), d.contentHashDedup(), d.hourlyRate(), d.weight(), "VOTE");
        assertThat(PolicyValidator.validate(broken)).extracting(Violation::field).containsExactlyInAnyOrder(
                "policies.maxAnnotatorsPerItem", "policies.spotCheckRate", "policies.aggregation");
    }
}
