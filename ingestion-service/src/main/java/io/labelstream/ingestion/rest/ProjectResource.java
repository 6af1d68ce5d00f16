package io.labelstream.ingestion.rest;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.ingestion.repository.ProjectRepository;
import io.labelstream.ingestion.service.IngestAccess;
import io.labelstream.ingestion.service.ProjectChanges;
import io.labelstream.ingestion.service.ProjectDraft;
import io.labelstream.ingestion.service.ProjectService;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.project.ProjectAccess;
import io.labelstream.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.List;
import java.util.UUID;

@Path("/projects")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProjectResource {

    /**
     * Body of a state change.
     *
     * @param override the reason to move from PILOT to ACTIVE without a passed calibration; kept with the project
     */
    public record StateChange(ProjectState state, String override) {
    }

    private final ProjectService projects;
    private final ProjectAccess access;
    private final IngestAccess ingestAccess;

    public ProjectResource(ProjectService projects, ProjectAccess access, IngestAccess ingestAccess) {
        this.projects = projects;
        this.access = access;
        this.ingestAccess = ingestAccess;
    }

    @POST
    @RolesAllowed(Roles.MANAGER)
    public Response create(ProjectDraft draft, UriInfo uri) {
        if (draft == null) {
            throw ProblemException.badRequest("body", "a project is required");
        }
        ProjectEvent project = projects.create(access.callerId(), draft);
        return Response.created(uri.getAbsolutePathBuilder().path(project.projectId().toString()).build())
                .entity(project).build();
    }

    /** The projects the caller is a member of. */
    @GET
    @RolesAllowed(Roles.MANAGER)
    public List<ProjectEvent> list() {
        return projects.listFor(access.callerId());
    }

    @GET
    @Path("/{projectId}")
    @RolesAllowed({Roles.MANAGER, Roles.INGESTOR})
    public ProjectEvent get(@PathParam("projectId") UUID projectId) {
        return ingestAccess.requireReader(projectId);
    }

    @PATCH
    @Path("/{projectId}")
    @RolesAllowed(Roles.MANAGER)
    public ProjectEvent update(@PathParam("projectId") UUID projectId, ProjectChanges changes) {
        access.requireMember(projectId, ProjectRole.MANAGER);
        if (changes == null) {
            throw ProblemException.badRequest("body", "changes are required");
        }
        return projects.update(access.callerId(), projectId, changes);
    }

    @POST
    @Path("/{projectId}/state")
    @RolesAllowed(Roles.MANAGER)
    public ProjectEvent changeState(@PathParam("projectId") UUID projectId, StateChange change) {
        access.requireMember(projectId, ProjectRole.MANAGER);
        if (change == null) {
            throw ProblemException.invalid("state", "is required");
        }
        return projects.moveTo(access.callerId(), projectId, change.state(), change.override());
    }

    @GET
    @Path("/{projectId}/versions")
    @RolesAllowed(Roles.MANAGER)
    public List<ProjectRepository.SchemaVersion> versions(@PathParam("projectId") UUID projectId) {
        access.requireMember(projectId, ProjectRole.MANAGER);
        return projects.versions(projectId);
    }
}
