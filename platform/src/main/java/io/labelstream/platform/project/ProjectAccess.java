package io.labelstream.platform.project;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.security.Caller;
import jakarta.enterprise.context.RequestScoped;

import java.util.Arrays;
import java.util.UUID;

/**
 * Per-project authorisation: the token's role says what kind of user the caller is, membership says
 * in which projects. An unknown project is 404; a known one the caller is not a member of, in one of
 * the required roles, is 403.
 */
@RequestScoped
public class ProjectAccess {

    private final ProjectDirectory directory;
    private final Caller caller;

    public ProjectAccess(ProjectDirectory directory, Caller caller) {
        this.directory = directory;
        this.caller = caller;
    }

    /** The project, if the caller is a member in one of {@code roles}; else 404 or 403. */
    public ProjectEvent requireMember(UUID projectId, ProjectRole... roles) {
        ProjectEvent project = directory.find(projectId)
                .orElseThrow(() -> ProblemException.notFound("project " + projectId));
        String userId = caller.userId();
        boolean member = Arrays.stream(roles).anyMatch(role -> project.members().stream()
                .anyMatch(m -> m.userId().equals(userId) && m.role() == role));
        if (!member) {
            throw ProblemException.forbidden("you are not a " + describe(roles) + " of project " + projectId);
        }
        return project;
    }

    public String callerId() {
        return caller.userId();
    }

    private static String describe(ProjectRole... roles) {
        return String.join(" or ", Arrays.stream(roles).map(r -> r.name().toLowerCase()).toList());
    }
}
