package io.labelstream.adjudication.rest;

import io.labelstream.adjudication.domain.ReviewItem;
import io.labelstream.adjudication.domain.ReviewState;
import io.labelstream.adjudication.service.ReviewCase;
import io.labelstream.adjudication.service.ReviewService;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.project.ProjectAccess;
import io.labelstream.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** The review queue of a project, for its reviewers. */
@Path("/projects/{projectId}/reviews")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.REVIEWER)
public class ReviewResource {

    static final int MAX_LIST = 500;

    private final ReviewService reviews;
    private final ProjectAccess access;

    public ReviewResource(ReviewService reviews, ProjectAccess access) {
        this.reviews = reviews;
        this.access = access;
    }

    /** Leases the next item to adjudicate: 200 with the case and its lease, 204 when the queue is empty. */
    @POST
    @Path("/lease")
    public Response leaseNext(@PathParam("projectId") UUID projectId) {
        access.requireMember(projectId, ProjectRole.REVIEWER);
        return reviews.leaseNext(projectId, access.callerId())
                .map(c -> Response.ok(c).build())
                .orElseGet(() -> Response.noContent().build());
    }

    /** Items of the queue in one state (PENDING by default; RETURNED lists the items sent back for more labels). */
    @GET
    public List<ReviewItem> list(@PathParam("projectId") UUID projectId,
                                 @QueryParam("state") @DefaultValue("PENDING") String state,
                                 @QueryParam("limit") @DefaultValue("100") String limit) {
        access.requireMember(projectId, ProjectRole.REVIEWER);
        return reviews.queue(projectId, parseState(state), QueryParameters.positiveInt("limit", limit, MAX_LIST));
    }

    @GET
    @Path("/{itemId}")
    public ReviewCase view(@PathParam("projectId") UUID projectId, @PathParam("itemId") UUID itemId) {
        access.requireMember(projectId, ProjectRole.REVIEWER);
        return reviews.view(projectId, itemId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{itemId}/decision")
    public GoldLabel decide(@PathParam("projectId") UUID projectId, @PathParam("itemId") UUID itemId,
                            @Valid @NotNull ReviewRequests.Decision body) {
        ProjectEvent project = access.requireMember(projectId, ProjectRole.REVIEWER);
        return reviews.decide(project, itemId, access.callerId(), body.leaseId(), body.label(), body.note());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{itemId}/return")
    public ReviewCase sendBack(@PathParam("projectId") UUID projectId, @PathParam("itemId") UUID itemId,
                               @Valid @NotNull ReviewRequests.LeasedAction body) {
        access.requireMember(projectId, ProjectRole.REVIEWER);
        reviews.sendBack(projectId, itemId, access.callerId(), body.leaseId(), body.note());
        return reviews.view(projectId, itemId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/{itemId}/invalidation")
    public ReviewCase invalidate(@PathParam("projectId") UUID projectId, @PathParam("itemId") UUID itemId,
                                 @Valid @NotNull ReviewRequests.LeasedAction body) {
        access.requireMember(projectId, ProjectRole.REVIEWER);
        reviews.invalidate(projectId, itemId, access.callerId(), body.leaseId(), body.note());
        return reviews.view(projectId, itemId);
    }

    private static ReviewState parseState(String state) {
        try {
            return ReviewState.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("state", "must be one of " + List.of(ReviewState.values()));
        }
    }
}
