package io.labelstream.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;

import java.util.List;

/**
 * A partial update of a project: absent fields stay as they are; {@code policies} is merged field by
 * field; {@code members} replaces the member list. With {@code expectedRevision} the update is refused
 * when someone else changed the project in between.
 */
public record ProjectChanges(
        String name,
        String description,
        LabelingSchema schema,
        Guidelines guidelines,
        JsonNode policies,
        List<ProjectMember> members,
        Long expectedRevision) {
}
