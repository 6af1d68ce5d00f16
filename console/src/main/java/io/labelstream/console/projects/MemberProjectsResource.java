package io.labelstream.console.projects;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /console/projects}: the projects the caller is a member of, with their roles, schema and
 * guidelines. Any signed-in user ({@link Authenticated}, a verified bearer token); each sees only the
 * projects that name them as a member, and nothing of a project's items or answers.
 */
@Path("/console/projects")
@Authenticated
public class MemberProjectsResource {

    /** A project as its member sees it in the console. */
    public record MemberProject(UUID projectId, String name, String description, ProjectState state,
                                List<String> roles, LabelingSchema schema, Guidelines guidelines,
                                boolean modelAssisted, int revisionGraceSeconds) {
    }

    private final ProjectCatalog catalog;
    private final SecurityIdentity identity;

    public MemberProjectsResource(ProjectCatalog catalog, SecurityIdentity identity) {
        this.catalog = catalog;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<MemberProject> mine() {
        String user = identity.getPrincipal().getName();
        return catalog.all().stream()
                .map(project -> view(project, user))
                .filter(p -> !p.roles().isEmpty())
                .sorted(Comparator.comparing(MemberProject::name, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    private static MemberProject view(ProjectEvent project, String user) {
        List<String> roles = project.members() == null ? List.of() : project.members().stream()
                .filter(m -> user.equals(m.userId()))
                .map(ProjectMember::role).map(Enum::name).distinct().toList();
        boolean modelAssisted = project.policies() != null && project.policies().modelAssisted();
        int grace = project.policies() == null ? 0 : project.policies().revisionGraceSeconds();
        return new MemberProject(project.projectId(), project.name(), project.description(), project.state(), roles,
                project.schema(), project.guidelines(), modelAssisted, grace);
    }
}
