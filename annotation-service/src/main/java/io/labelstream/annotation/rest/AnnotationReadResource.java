package io.labelstream.annotation.rest;

import io.labelstream.annotation.domain.Annotation;
import io.labelstream.annotation.service.AnnotationQueries;
import io.labelstream.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads: an annotator's own history; the annotations of an item for the project's reviewers and managers. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AnnotationReadResource {

    private final AnnotationQueries queries;

    public AnnotationReadResource(AnnotationQueries queries) {
        this.queries = queries;
    }

    /** The caller's annotations, newest first; page with {@code before} = the last one's submittedAt. */
    @GET
    @Path("annotations/mine")
    @RolesAllowed(Roles.ANNOTATOR)
    public List<Annotation> mine(@QueryParam("projectId") UUID projectId, @QueryParam("before") Instant before,
                                 @QueryParam("limit") Integer limit) {
        return queries.history(projectId, before, limit);
    }

    @GET
    @Path("items/{itemId}/annotations")
    @RolesAllowed({Roles.REVIEWER, Roles.MANAGER})
    public List<Annotation> ofItem(@PathParam("itemId") UUID itemId) {
        return queries.ofItem(itemId);
    }
}
