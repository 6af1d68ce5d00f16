package io.labelstream.annotation.rest;

import io.labelstream.annotation.domain.Annotation;
import io.labelstream.annotation.domain.Suggestion;
import io.labelstream.annotation.service.AnnotationSubmissions;
import io.labelstream.annotation.service.AssignmentTokens;
import io.labelstream.annotation.service.NotYetKnownException;
import io.labelstream.annotation.service.Submission;
import io.labelstream.annotation.service.SubmissionOutcome;
import io.labelstream.annotation.service.Suggestions;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.project.ProjectAccess;
import io.labelstream.platform.project.ProjectDirectory;
import io.labelstream.platform.security.Roles;
import io.labelstream.platform.token.AssignmentToken;
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

import java.util.UUID;

/** An annotator's submission for the assignment their token names, and the model's suggestion for it. */
@Path("/assignments/{assignmentId}")
@Produces(MediaType.APPLICATION_JSON)
public class AnnotationSubmissionResource {

    private final AssignmentTokens tokens;
    private final ProjectAccess access;
    private final ProjectDirectory directory;
    private final AnnotationSubmissions submissions;
    private final Suggestions suggestions;

    public AnnotationSubmissionResource(AssignmentTokens tokens, ProjectAccess access, ProjectDirectory directory,
                                        AnnotationSubmissions submissions, Suggestions suggestions) {
        this.tokens = tokens;
        this.access = access;
        this.directory = directory;
        this.submissions = submissions;
        this.suggestions = suggestions;
    }

    /** 201 with the stored annotation; 200 for a repeat of the stored label or for a revision. */
    @POST
    @Path("/annotation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ANNOTATOR)
    public Response submit(@PathParam("assignmentId") UUID assignmentId,
                           @HeaderParam(AssignmentTokenHeader.NAME) String tokenHeader,
                           @Valid @NotNull SubmissionRequest request) {
        AssignmentToken token = verified(assignmentId, AssignmentTokenHeader.pick(tokenHeader, request.assignmentToken()));
        ProjectEvent project = projectOf(token);
        SubmissionOutcome outcome = submissions.submit(new Submission(token, project, request.label(),
                request.clientDurationMs(), Boolean.TRUE.equals(request.revision())));
        Annotation annotation = outcome.annotation();
        Response.Status status = outcome.kind() == SubmissionOutcome.Kind.CREATED
                ? Response.Status.CREATED : Response.Status.OK;
        return Response.status(status).entity(annotation).build();
    }

    @GET
    @Path("/suggestion")
    @RolesAllowed(Roles.ANNOTATOR)
    public Suggestion suggestion(@PathParam("assignmentId") UUID assignmentId,
                                 @HeaderParam(AssignmentTokenHeader.NAME) String tokenHeader) {
        AssignmentToken token = verified(assignmentId, tokenHeader);
        ProjectEvent project = projectOf(token);
        return suggestions.forAssignment(token, project);
    }

    /**
     * The token's project, if the caller is an annotator of it. A token we signed names a project that
     * exists; if its event has not reached this service yet, the client is asked to retry (503), not told
     * that the project does not exist.
     */
    private ProjectEvent projectOf(AssignmentToken token) {
        if (directory.find(token.projectId()).isEmpty()) {
            throw new NotYetKnownException("project " + token.projectId());
        }
        return access.requireMember(token.projectId(), ProjectRole.ANNOTATOR);
    }

    private AssignmentToken verified(UUID assignmentId, String token) {
        if (assignmentId == null) {
            throw ProblemException.notFound("assignment");
        }
        return tokens.verify(token, assignmentId, access.callerId());
    }
}
