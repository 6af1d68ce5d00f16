package io.labelstream.ingestion.service;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.project.ProjectAccess;
import io.labelstream.platform.security.Caller;
import io.labelstream.platform.security.Roles;
import jakarta.enterprise.context.RequestScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Who may touch a project's items: its managers, and its ingestors (pipeline accounts, members with role
 * INGESTOR). Each needs the token role that goes with the membership, so a manager's token does not act
 * as an ingestor's in a project it only ingests into, and the other way round.
 */
@RequestScoped
public class IngestAccess {

    private final ProjectAccess access;
    private final Caller caller;

    public IngestAccess(ProjectAccess access, Caller caller) {
        this.access = access;
        this.caller = caller;
    }

    /** The project, if the caller may read its items. */
    public ProjectEvent requireReader(UUID projectId) {
        List<ProjectRole> roles = new ArrayList<>(2);
        if (caller.hasRole(Roles.MANAGER)) {
            roles.add(ProjectRole.MANAGER);
        }
        if (caller.hasRole(Roles.INGESTOR)) {
            roles.add(ProjectRole.INGESTOR);
        }
        return access.requireMember(projectId, roles.toArray(ProjectRole[]::new));
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
