package io.labelstream.contracts.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.labelstream.contracts.EventPayload;
import io.labelstream.contracts.project.CalibrationOverride;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectState;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * ProjectDefined / ProjectUpdated on the compacted {@code labeling.projects} topic. Each record carries
 * the whole project, so the latest record per project is all a consumer needs.
 *
 * @param schemaVersion increases with every change of the labeling schema or the guidelines; every later
 *                      event about the project's items carries it
 * @param revision      increases with every change of any kind; consumers ignore stale revisions
 * @param calibrationOverride the reason a manager gave for moving the project to ACTIVE without a passed
 *                      calibration; null when the pilot passed or the project never needed it
 */
public record ProjectEvent(
        UUID projectId,
        String name,
        String description,
        ProjectState state,
        int schemaVersion,
        long revision,
        LabelingSchema schema,
        Guidelines guidelines,
        ProjectPolicies policies,
        List<ProjectMember> members,
        Instant changedAt,
        boolean created,
        CalibrationOverride calibrationOverride) implements EventPayload {

    public static final String DEFINED = "ProjectDefined";
    public static final String UPDATED = "ProjectUpdated";

    /** A project without a calibration override. */
    public ProjectEvent(UUID projectId, String name, String description, ProjectState state, int schemaVersion,
                        long revision, LabelingSchema schema, Guidelines guidelines, ProjectPolicies policies,
                        List<ProjectMember> members, Instant changedAt, boolean created) {
        this(projectId, name, description, state, schemaVersion, revision, schema, guidelines, policies, members,
                changedAt, created, null);
    }

    /** The version of the guidelines annotators follow now; 0 when the project has none. */
    @JsonIgnore
    public int guidelineVersion() {
        return guidelines == null ? 0 : guidelines.version();
    }

    @Override
    public String key() {
        return projectId.toString();
    }

    @Override
    public String type() {
        return created ? DEFINED : UPDATED;
    }
}
