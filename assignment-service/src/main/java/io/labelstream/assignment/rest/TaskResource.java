package io.labelstream.assignment.rest;

import io.labelstream.assignment.domain.Assignment;
import io.labelstream.assignment.domain.NoTaskReason;
import io.labelstream.assignment.repository.AssignmentRepository;
import io.labelstream.assignment.service.AssignmentActions;
import io.labelstream.assignment.service.NextTask;
import io.labelstream.assignment.service.TaskLease;
import io.labelstream.assignment.service.TaskLeasing;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.platform.project.ProjectAccess;
import io.labelstream.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.UUID;

/**
 * The annotator's side of the task pool. Every call needs the annotator role and membership of the
 * project as ANNOTATOR; an assignment of someone else answers 404 like an unknown one.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ANNOTATOR)
public class TaskResource {

    private final TaskLeasing leasing;
    private final AssignmentActions actions;
    private final ProjectAccess access;

    public TaskResource(TaskLeasing leasing, AssignmentActions actions, ProjectAccess access) {
        this.leasing = leasing;
        this.actions = actions;
        this.access = access;
    }

    /**
     * Leases the next task: 200 with the lease, or 204 with the reason in {@value NoTaskReason#HEADER}. With
     * an {@value ClaimKey#HEADER} the caller used before in the project, the lease that claim made, while live.
     */
    @POST
    @Path("projects/{projectId}/tasks/next")
    public Response next(@PathParam("projectId") UUID projectId, @HeaderParam(ClaimKey.HEADER) String claimKey) {
        ProjectEvent project = access.requireMember(projectId, ProjectRole.ANNOTATOR);
        String key = ClaimKey.check(claimKey);
        NextTask next;
        try {
            next = leasing.next(project, access.callerId(), key, false);
        } catch (AssignmentRepository.ClaimKeyUsed used) {
            // a retried claim: the first try was rolled back whole, and the key's lease answers it
            next = leasing.next(project, access.callerId(), key, true);
        }
        if (next.lease() == null) {
            return Response.noContent().header(NoTaskReason.HEADER, next.reason().headerValue()).build();
        }
        return Response.ok(next.lease()).build();
    }

    /** The caller's live leases in the project, oldest first. */
    @GET
    @Path("projects/{projectId}/assignments")
    public List<TaskLease> mine(@PathParam("projectId") UUID projectId) {
        ProjectEvent project = access.requireMember(projectId, ProjectRole.ANNOTATOR);
        return actions.open(project, access.callerId());
    }

    @GET
    @Path("assignments/{assignmentId}")
    public TaskLease show(@PathParam("assignmentId") UUID assignmentId) {
        Assignment assignment = actions.mine(assignmentId, access.callerId());
        return actions.show(memberProject(assignment), assignment);
    }

    /** Skips the task; the item goes back to the pool, never to this annotator again. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("assignments/{assignmentId}/release")
    public Response release(@PathParam("assignmentId") UUID assignmentId, @Valid @NotNull ReleaseRequest request) {
        Assignment assignment = actions.mine(assignmentId, access.callerId());
        memberProject(assignment);
        actions.release(assignment, request.reason().strip());
        return Response.noContent().build();
    }

    /** Keeps the lease alive: a new expiry and a new token carrying it. */
    @POST
    @Path("assignments/{assignmentId}/heartbeat")
    public TaskLease heartbeat(@PathParam("assignmentId") UUID assignmentId) {
        Assignment assignment = actions.mine(assignmentId, access.callerId());
        return actions.heartbeat(memberProject(assignment), assignment);
    }

    private ProjectEvent memberProject(Assignment assignment) {
        return access.requireMember(assignment.projectId(), ProjectRole.ANNOTATOR);
    }
}
