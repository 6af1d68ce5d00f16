package io.labelstream.ingestion.service;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.project.ProjectAccess;
import io.labelstream.platform.project.ProjectDirectory;
import io.labelstream.platform.security.Caller;
import io.labelstream.platform.security.Roles;
import jakarta.enterprise.context.RequestScoped;

import java.util.UUID;

/**
 * Who may touch a project's items: ingestors (pipelines) in every project, managers in the projects they
 * manage.
 */
@RequestScoped
public class IngestAccess {

    private final ProjectDirectory directory;
    private final ProjectAccess access;
    private final Caller caller;

    public IngestAccess(ProjectDirectory directory, ProjectAccess access, Caller caller) {
        this.directory = directory;
        this.access = access;
        this.caller = caller;
    }

    /** The project, if the caller may read its items. */
    public ProjectEvent requireReader(UUID projectId) {
        if (caller.hasRole(Roles.INGESTOR)) {
            return directory.find(projectId).orElseThrow(() -> ProblemException.notFound("project " + projectId));
        }
        return access.requireMember(projectId, ProjectRole.MANAGER);
    }

    /** The project, if the caller may add items to it and it still accepts items. */
    public ProjectEvent requireIngestible(UUID projectId) {
        ProjectEvent project = requireReader(projectId);
        requireAcceptsItems(project);
        return project;
    }

    public String callerId() {
        return caller.userId();
    }

    static void requireAcceptsItems(ProjectEvent project) {
        if (!project.state().acceptsItems()) {
            throw ProblemException.conflict("project " + project.projectId() + " is " + project.state()
                    + " and accepts no more items");
        }
    }
}
