package io.labelstream.ingestion.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;

import java.util.List;

/**
 * A new project as a manager defines it. {@code policies} may name only the values that differ from the
 * defaults; the guidelines' version is assigned by the service.
 */
public record ProjectDraft(
        String name,
        String description,
        LabelingSchema schema,
        Guidelines guidelines,
        JsonNode policies,
        List<ProjectMember> members) {
}
