package io.labelstream.ingestion.domain;

import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;

import java.util.ArrayList;
import java.util.List;

/**
 * The documented size limits of a project's free-text fields. A project travels whole in every
 * ProjectDefined/ProjectUpdated event and in every service's copy of it, so each field is bounded; a user id
 * is also an index key in several services, and PostgreSQL refuses index rows above a few kilobytes.
 */
public final class ProjectLimits {

    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MAX_USER_ID = 256;
    public static final int MAX_MEMBERS = 10_000;
    public static final int MAX_LABEL_NAME = 200;
    public static final int MAX_LABEL_DESCRIPTION = 2_000;
    public static final int MAX_LABEL_COLOUR = 64;
    public static final int MAX_GUIDELINE_TEXT = 200_000;
    public static final int MAX_GUIDELINE_ENTRIES = 500;
    public static final int MAX_EXPLANATION = 10_000;
    public static final int MAX_EDGE_CASE = 10_000;

    private ProjectLimits() {
    }

    /** Every field of the given parts longer than its limit; null parts are not checked. */
    public static List<Violation> check(String description, LabelingSchema schema, Guidelines guidelines,
                                        List<ProjectMember> members) {
        List<Violation> violations = new ArrayList<>();
        longer("description", description, MAX_DESCRIPTION, violations);
        if (schema != null && schema.labels() != null) {
            for (int i = 0; i < schema.labels().size(); i++) {
                LabelDefinition label = schema.labels().get(i);
                if (label != null) {
                    longer("schema.labels[" + i + "].name", label.name(), MAX_LABEL_NAME, violations);
                    longer("schema.labels[" + i + "].description", label.description(), MAX_LABEL_DESCRIPTION,
                            violations);
                    longer("schema.labels[" + i + "].colour", label.colour(), MAX_LABEL_COLOUR, violations);
                }
            }
        }
        if (guidelines != null) {
            longer("guidelines.text", guidelines.text(), MAX_GUIDELINE_TEXT, violations);
            many("guidelines.examples", guidelines.examples(), violations);
            many("guidelines.edgeCases", guidelines.edgeCases(), violations);
            if (guidelines.examples() != null) {
                for (int i = 0; i < guidelines.examples().size(); i++) {
                    Guidelines.Example example = guidelines.examples().get(i);
                    if (example != null) {
                        longer("guidelines.examples[" + i + "].explanation", example.explanation(), MAX_EXPLANATION,
                                violations);
                    }
                }
            }
            if (guidelines.edgeCases() != null) {
                for (int i = 0; i < guidelines.edgeCases().size(); i++) {
                    longer("guidelines.edgeCases[" + i + "]", guidelines.edgeCases().get(i), MAX_EDGE_CASE, violations);
                }
            }
        }
        if (members != null) {
            if (members.size() > MAX_MEMBERS) {
                violations.add(new Violation("members", "at most " + MAX_MEMBERS + " members"));
            }
            for (int i = 0; i < members.size(); i++) {
                ProjectMember member = members.get(i);
                if (member != null) {
                    longer("members[" + i + "].userId", member.userId(), MAX_USER_ID, violations);
                }
            }
        }
        return violations;
    }

    private static void longer(String field, String value, int max, List<Violation> violations) {
        if (value != null && value.length() > max) {
            violations.add(new Violation(field, "at most " + max + " characters"));
        }
    }

    private static void many(String field, List<?> entries, List<Violation> violations) {
        if (entries != null && entries.size() > MAX_GUIDELINE_ENTRIES) {
            violations.add(new Violation(field, "at most " + MAX_GUIDELINE_ENTRIES + " entries"));
        }
    }
}
