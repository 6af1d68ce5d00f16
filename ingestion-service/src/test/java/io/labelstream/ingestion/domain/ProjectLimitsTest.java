package io.labelstream.ingestion.domain;

import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.TaskType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectLimitsTest {

    @Test
    void fieldsAtTheirLimitPass() {
        assertThat(ProjectLimits.check("d".repeat(ProjectLimits.MAX_DESCRIPTION),
                new LabelingSchema(TaskType.SINGLE_LABEL, List.of(new LabelDefinition("n".repeat(200), null, null)), null),
                new Guidelines(1, "g".repeat(ProjectLimits.MAX_GUIDELINE_TEXT), List.of(), List.of("e")),
                List.of(new ProjectMember("u".repeat(ProjectLimits.MAX_USER_ID), ProjectRole.ANNOTATOR, false))))
                .isEmpty();
        assertThat(ProjectLimits.check(null, null, null, null)).isEmpty();
    }

    @Test
    void eachFieldOverItsLimitIsNamed() {
        List<Violation> violations = ProjectLimits.check("d".repeat(ProjectLimits.MAX_DESCRIPTION + 1),
                new LabelingSchema(TaskType.SINGLE_LABEL, List.of(new LabelDefinition("ok", null, null),
                        new LabelDefinition("n".repeat(201), null, null)), null),
                new Guidelines(1, "g".repeat(ProjectLimits.MAX_GUIDELINE_TEXT + 1), List.of(),
                        List.of("fine", "e".repeat(ProjectLimits.MAX_EDGE_CASE + 1))),
                List.of(new ProjectMember("ok", ProjectRole.MANAGER, false),
                        new ProjectMember("u".repeat(1_000_000), ProjectRole.ANNOTATOR, false)));
        assertThat(violations).extracting(Violation::field).containsExactly("description", "schema.labels[1].name",
                "guidelines.text", "guidelines.edgeCases[1]", "members[1].userId");
    }
}
