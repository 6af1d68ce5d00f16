package io.labelstream.adjudication.rest;

import io.labelstream.adjudication.service.OverturnReport;
import io.labelstream.adjudication.service.OverturnStatistics;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.platform.project.ProjectAccess;
import io.labelstream.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.UUID;

/** Overturn rates of consensus, for the project's reviewers and managers. */
@Path("/projects/{projectId}/overturns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.REVIEWER, Roles.MANAGER})
public class OverturnResource {

    private final OverturnStatistics statistics;
    private final ProjectAccess access;

    public OverturnResource(OverturnStatistics statistics, ProjectAccess access) {
        this.statistics = statistics;
        this.access = access;
    }

    @GET
    public OverturnReport get(@PathParam("projectId") UUID projectId) {
        access.requireMember(projectId, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        return statistics.of(projectId);
    }
}
