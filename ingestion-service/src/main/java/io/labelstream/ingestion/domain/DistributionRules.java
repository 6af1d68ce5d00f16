package io.labelstream.ingestion.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectRole;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How an item may be shared among annotators: its own overlap {@code annotatorsPerItem} (1 up to the
 * project's dynamic-overlap cap {@code maxAnnotatorsPerItem}) and the {@code assignees} it is reserved for
 * (distinct ANNOTATOR members of the project, no more than the item's k). Gold and pilot items take no
 * assignees: the gold rate and the pilot phase decide who sees them.
 *
 * <p>One instance serves every item of a batch checked against one revision of the project, on one
 * thread, so the members are indexed once, and only if some item names assignees: the bulk path pays
 * nothing for items without them.
 */
public final class DistributionRules {

    static final String ANNOTATORS_PER_ITEM = "annotatorsPerItem";
    static final String ASSIGNEES = "assignees";

    private final ProjectPolicies policies;
    private final List<ProjectMember> members;
    private Set<String> memberIds;
    private Set<String> annotatorIds;

    public DistributionRules(ProjectPolicies policies, List<ProjectMember> members) {
        this.policies = policies;
        this.members = members == null ? List.of() : members;
    }

    public List<Violation> validate(ItemSubmission item) {
        JsonNode ownK = item.annotatorsPerItem();
        JsonNode assignees = item.assignees();
        boolean hasOwnK = !ItemSubmission.absent(ownK);
        if (!hasOwnK && ItemSubmission.absent(assignees)) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>(1);
        Violation badK = hasOwnK ? annotatorsPerItemViolation(ownK) : null;
        if (badK != null) {
            violations.add(badK);
        }
        if (!ItemSubmission.absent(assignees)) {
            Slots slots = badK != null ? null : hasOwnK ? new Slots(ownK.intValue(), "its annotatorsPerItem")
                    : new Slots(policies.annotatorsPerItem(), "the project's annotatorsPerItem");
            assigneeViolations(item, assignees, slots, violations);
        }
        return violations;
    }

    /** The k of an item and where it comes from; null while the item's own k is invalid. */
    private record Slots(int count, String source) {
    }

    private Violation annotatorsPerItemViolation(JsonNode k) {
        if (!k.isNumber() || !k.canConvertToExactIntegral()) {
            return new Violation(ANNOTATORS_PER_ITEM, "must be an integer");
        }
        BigDecimal value = k.decimalValue();
        if (value.compareTo(BigDecimal.ONE) < 0) {
            return new Violation(ANNOTATORS_PER_ITEM, "must be >= 1");
        }
        int cap = policies.maxAnnotatorsPerItem();
        if (value.compareTo(BigDecimal.valueOf(cap)) > 0) {
            return new Violation(ANNOTATORS_PER_ITEM, "must be <= " + cap + ", the project's maxAnnotatorsPerItem");
        }
        return null;
    }

    private void assigneeViolations(ItemSubmission item, JsonNode assignees, Slots slots, List<Violation> violations) {
        if (!assignees.isArray()) {
            violations.add(new Violation(ASSIGNEES, "must be an array of user ids"));
            return;
        }
        if (assignees.isEmpty()) {
            return;
        }
        if (item.gold()) {
            violations.add(new Violation(ASSIGNEES,
                    "not allowed on a gold item: gold items are served at the project's goldRate"));
            return;
        }
        if (item.pilot()) {
            violations.add(new Violation(ASSIGNEES, "not allowed on a pilot item: every pilot annotator labels it"));
            return;
        }
        // with the item's k unknown there is no size rule to report, but the cap still bounds the work on the list
        int most = slots == null ? policies.maxAnnotatorsPerItem() : slots.count();
        if (assignees.size() > most) {
            if (slots != null) {
                violations.add(new Violation(ASSIGNEES, "must name at most " + slots.count() + " annotators, the item's k ("
                        + slots.source() + "), but names " + assignees.size()));
            }
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < assignees.size(); i++) {
            JsonNode id = assignees.get(i);
            String field = ASSIGNEES + "[" + i + "]";
            if (!id.isTextual() || id.textValue().isBlank()) {
                violations.add(new Violation(field, "must be a user id (a non-empty string)"));
            } else if (!seen.add(id.textValue())) {
                violations.add(new Violation(field, "'" + id.textValue() + "' is named twice; assignees must be distinct"));
            } else if (!members().contains(id.textValue())) {
                violations.add(new Violation(field, "'" + id.textValue() + "' is not a member of the project"));
            } else if (!annotators().contains(id.textValue())) {
                violations.add(new Violation(field, "'" + id.textValue() + "' is not an ANNOTATOR of the project"));
            }
        }
    }

    private Set<String> members() {
        if (memberIds == null) {
            index();
        }
        return memberIds;
    }

    private Set<String> annotators() {
        if (annotatorIds == null) {
            index();
        }
        return annotatorIds;
    }

    private void index() {
        Set<String> all = new HashSet<>();
        Set<String> annotators = new HashSet<>();
        for (ProjectMember member : members) {
            all.add(member.userId());
            if (member.role() == ProjectRole.ANNOTATOR) {
                annotators.add(member.userId());
            }
        }
        memberIds = all;
        annotatorIds = annotators;
    }
}
