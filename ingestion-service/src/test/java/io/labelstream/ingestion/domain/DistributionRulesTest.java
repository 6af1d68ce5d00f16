package io.labelstream.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectRole;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules for an item's own overlap and its assignees, in a project of k = 2 with a cap of 3. */
class DistributionRulesTest {

    private static final ProjectPolicies POLICIES = policies(2, 3);
    private static final List<ProjectMember> MEMBERS = List.of(
            new ProjectMember("ann", ProjectRole.ANNOTATOR, false),
            new ProjectMember("bea", ProjectRole.ANNOTATOR, true),
            new ProjectMember("cid", ProjectRole.ANNOTATOR, false),
            new ProjectMember("rev", ProjectRole.REVIEWER, false),
            // one user, two roles: the ANNOTATOR role is what counts
            new ProjectMember("max", ProjectRole.MANAGER, false),
            new ProjectMember("max", ProjectRole.ANNOTATOR, false));
    private static final DistributionRules RULES = new DistributionRules(POLICIES, MEMBERS);

    @Test
    void anItemWithoutEitherFieldFollowsTheProject() {
        ItemSubmission item = item("{\"data\": {\"text\": \"x\"}}");
        assertThat(RULES.validate(item)).isEmpty();
        assertThat(item.ownAnnotatorsPerItem()).isNull();
        assertThat(item.assigneeIds()).isEmpty();
        assertThat(RULES.validate(item("{\"annotatorsPerItem\": null, \"assignees\": null}"))).isEmpty();
        assertThat(RULES.validate(item("{\"assignees\": []}"))).isEmpty();
    }

    @Test
    void validValuesAreReadAsSent() {
        ItemSubmission item = item("{\"annotatorsPerItem\": 3, \"assignees\": [\"ann\", \"max\", \"bea\"]}");
        assertThat(RULES.validate(item)).isEmpty();
        assertThat(item.ownAnnotatorsPerItem()).isEqualTo(3);
        assertThat(item.assigneeIds()).containsExactly("ann", "max", "bea");
        ItemSubmission wholeDouble = item("{\"annotatorsPerItem\": 1.0}");
        assertThat(RULES.validate(wholeDouble)).isEmpty();
        assertThat(wholeDouble.ownAnnotatorsPerItem()).isEqualTo(1);
        assertThat(RULES.validate(item("{\"assignees\": [\"ann\", \"cid\"]}"))).isEmpty();
    }

    @Test
    void annotatorsPerItemMustBeAnIntegerFromOneToTheCap() {
        assertThat(RULES.validate(item("{\"annotatorsPerItem\": 0}")))
                .containsExactly(new Violation("annotatorsPerItem", "must be >= 1"));
        assertThat(RULES.validate(item("{\"annotatorsPerItem\": -99999999999999999999}")))
                .containsExactly(new Violation("annotatorsPerItem", "must be >= 1"));
        assertThat(RULES.validate(item("{\"annotatorsPerItem\": 4}")))
                .containsExactly(new Violation("annotatorsPerItem", "must be <= 3, the project's maxAnnotatorsPerItem"));
        assertThat(RULES.validate(item("{\"annotatorsPerItem\": 99999999999999999999}")))
                .extracting(Violation::reason).containsExactly("must be <= 3, the project's maxAnnotatorsPerItem");
        for (String notAnInteger : List.of("2.5", "\"2\"", "true", "[2]", "{}")) {
            assertThat(RULES.validate(item("{\"annotatorsPerItem\": " + notAnInteger + "}"))).as(notAnInteger)
                    .containsExactly(new Violation("annotatorsPerItem", "must be an integer"));
        }
    }

    @Test
    void assigneesMustBeDistinctAnnotatorsOfTheProject() {
        assertThat(RULES.validate(item("{\"assignees\": \"ann\"}")))
                .containsExactly(new Violation("assignees", "must be an array of user ids"));
        assertThat(RULES.validate(item("{\"assignees\": [\"ann\", 7]}")))
                .containsExactly(new Violation("assignees[1]", "must be a user id (a non-empty string)"));
        assertThat(RULES.validate(item("{\"assignees\": [\"\"]}")))
                .containsExactly(new Violation("assignees[0]", "must be a user id (a non-empty string)"));
        assertThat(RULES.validate(item("{\"assignees\": [\"ann\", \"ann\"]}")))
                .containsExactly(new Violation("assignees[1]", "'ann' is named twice; assignees must be distinct"));
        assertThat(RULES.validate(item("{\"assignees\": [\"zoe\"]}")))
                .containsExactly(new Violation("assignees[0]", "'zoe' is not a member of the project"));
        assertThat(RULES.validate(item("{\"assignees\": [\"ann\", \"rev\"]}")))
                .containsExactly(new Violation("assignees[1]", "'rev' is not an ANNOTATOR of the project"));
    }

    @Test
    void assigneesFitTheItemsK() {
        assertThat(RULES.validate(item("{\"assignees\": [\"ann\", \"bea\", \"cid\"]}"))).containsExactly(new Violation(
                "assignees", "must name at most 2 annotators, the item's k (the project's annotatorsPerItem), but names 3"));
        assertThat(RULES.validate(item("{\"annotatorsPerItem\": 1, \"assignees\": [\"ann\", \"bea\"]}"))).containsExactly(
                new Violation("assignees", "must name at most 1 annotators, the item's k (its annotatorsPerItem), but names 2"));
        // an invalid k is reported once: the list is not also blamed for a size rule nobody can know
        assertThat(RULES.validate(item("{\"annotatorsPerItem\": 9, \"assignees\": [\"ann\", \"bea\", \"cid\"]}")))
                .extracting(Violation::field).containsExactly("annotatorsPerItem");
        assertThat(RULES.validate(item("{\"annotatorsPerItem\": 0, \"assignees\": [\"zoe\"]}")))
                .extracting(Violation::field).containsExactly("annotatorsPerItem", "assignees[0]");
    }

    @Test
    void goldAndPilotItemsTakeNoAssignees() {
        assertThat(RULES.validate(item("{\"assignees\": [\"ann\"], \"referenceAnswer\": {\"choice\": \"a\"}}")))
                .containsExactly(new Violation("assignees",
                        "not allowed on a gold item: gold items are served at the project's goldRate"));
        assertThat(RULES.validate(item("{\"assignees\": [\"ann\"], \"pilot\": true}")))
                .containsExactly(new Violation("assignees", "not allowed on a pilot item: every pilot annotator labels it"));
        // their own overlap is allowed, and so is an empty list
        assertThat(RULES.validate(item("{\"annotatorsPerItem\": 3, \"assignees\": [], \"pilot\": true}"))).isEmpty();
        assertThat(RULES.validate(item("{\"annotatorsPerItem\": 1, \"referenceAnswer\": {\"choice\": \"a\"}}"))).isEmpty();
    }

    private static ItemSubmission item(String json) {
        try {
            return EventCodec.mapper().readValue(json, ItemSubmission.class);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ProjectPolicies policies(int k, int cap) {
        ProjectPolicies d = ProjectPolicies.defaults();
        return new ProjectPolicies(k, cap, d.goldRate(), d.qualificationItems(), d.qualificationMinAccuracy(),
                d.quarantineAccuracy(), d.autoAcceptConfidence(), d.spotCheckRate(), d.targetAgreement(),
                d.leaseSeconds(), d.revisionGraceSeconds(), d.modelAssisted(), d.contentHashDedup(), d.hourlyRate(),
                d.weight(), d.aggregation());
    }
}
