package io.labelstream.adjudication.rest;

import io.labelstream.adjudication.domain.DatasetRelease;
import io.labelstream.adjudication.domain.ExportFilter;
import io.labelstream.adjudication.service.DatasetService;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.platform.project.ProjectAccess;
import io.labelstream.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * The gold dataset of a project: the current set as an NDJSON stream (one GoldLabel per line, ordered by
 * item id) and immutable named releases.
 */
@Path("/projects/{projectId}")
@RolesAllowed({Roles.REVIEWER, Roles.MANAGER})
public class DatasetResource {

    static final String NDJSON = "application/x-ndjson";

    private final DatasetService datasets;
    private final ProjectAccess access;

    public DatasetResource(DatasetService datasets, ProjectAccess access) {
        this.datasets = datasets;
        this.access = access;
    }

    @GET
    @Path("/dataset")
    @Produces(NDJSON)
    public Response export(@PathParam("projectId") UUID projectId,
                           @QueryParam("minVersion") String minVersion, @QueryParam("maxVersion") String maxVersion,
                           @QueryParam("decidedFrom") String decidedFrom,
                           @QueryParam("decidedBefore") String decidedBefore) {
        requireMember(projectId);
        ExportFilter filter = new ExportFilter(QueryParameters.optionalInt("minVersion", minVersion),
                QueryParameters.optionalInt("maxVersion", maxVersion),
                QueryParameters.optionalInstant("decidedFrom", decidedFrom),
                QueryParameters.optionalInstant("decidedBefore", decidedBefore));
        StreamingOutput body = out -> datasets.exportCurrent(projectId, filter, out);
        return Response.ok(body, NDJSON).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("/releases")
    @Produces(MediaType.APPLICATION_JSON)
    public Response createRelease(@PathParam("projectId") UUID projectId, @Valid @NotNull ReleaseRequest body) {
        requireMember(projectId);
        DatasetRelease release = datasets.createRelease(projectId, body.name(), body.description(), body.filter(),
                access.callerId());
        return Response.created(URI.create("/projects/" + projectId + "/releases/" + release.name()))
                .entity(release).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/releases")
    @Produces(MediaType.APPLICATION_JSON)
    public List<DatasetRelease> releases(@PathParam("projectId") UUID projectId) {
        requireMember(projectId);
        return datasets.releases(projectId);
    }

    @GET
    @Path("/releases/{name}")
    @Produces(MediaType.APPLICATION_JSON)
    public DatasetRelease release(@PathParam("projectId") UUID projectId, @PathParam("name") String name) {
        requireMember(projectId);
        return datasets.release(projectId, name);
    }

    /** The release's bytes; the same on every download, and their SHA-256 is the release's checksum. */
    @GET
    @Path("/releases/{name}/data")
    @Produces(NDJSON)
    public Response download(@PathParam("projectId") UUID projectId, @PathParam("name") String name) {
        requireMember(projectId);
        DatasetRelease release = datasets.release(projectId, name);
        StreamingOutput body = out -> datasets.downloadRelease(release, out);
        return Response.ok(body, NDJSON)
                .header("Content-Disposition", "attachment; filename=\"" + release.name() + ".ndjson\"")
                .header("Digest", "sha-256=" + release.sha256())
                .build();
    }

    private void requireMember(UUID projectId) {
        access.requireMember(projectId, ProjectRole.REVIEWER, ProjectRole.MANAGER);
    }
}
