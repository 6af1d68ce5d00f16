package io.labelstream.adjudication.rest;

import io.labelstream.adjudication.service.ReviewService;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.platform.project.ProjectAccess;
import io.labelstream.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.UUID;

/** Corrections of gold labels outside the queue, by reviewers. */
@Path("/projects/{projectId}/gold/{itemId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.REVIEWER)
public class GoldResource {

    private final ReviewService reviews;
    private final ProjectAccess access;

    public GoldResource(ReviewService reviews, ProjectAccess access) {
        this.reviews = reviews;
        this.access = access;
    }

    /** Publishes the next version of the item with the reviewer's label. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/corrections")
    public GoldLabel correct(@PathParam("projectId") UUID projectId, @PathParam("itemId") UUID itemId,
                             @Valid @NotNull ReviewRequests.Correction body) {
        ProjectEvent project = access.requireMember(projectId, ProjectRole.REVIEWER);
        return reviews.correct(project, itemId, access.callerId(), body.label(), body.note());
    }

    /** Takes the item out of the dataset (a tombstone on the gold topic). */
    @POST
    @Path("/invalidation")
    public Response withdraw(@PathParam("projectId") UUID projectId, @PathParam("itemId") UUID itemId,
                             @Valid ReviewRequests.Withdrawal body) {
        access.requireMember(projectId, ProjectRole.REVIEWER);
        reviews.withdraw(projectId, itemId, access.callerId(), body == null ? null : body.note());
        return Response.noContent().build();
    }
}
