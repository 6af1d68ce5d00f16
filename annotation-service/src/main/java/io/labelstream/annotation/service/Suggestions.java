package io.labelstream.annotation.service;

import io.labelstream.annotation.domain.Suggestion;
import io.labelstream.annotation.repository.ReferenceDataRepository;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.token.AssignmentToken;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;

/** Model-assisted labeling: the latest prediction for the item of a live assignment, where the project allows it. */
@ApplicationScoped
public class Suggestions {

    private final ReferenceDataRepository references;
    private final Clock clock = Clock.systemUTC();

    public Suggestions(ReferenceDataRepository references) {
        this.references = references;
    }

    public Suggestion forAssignment(AssignmentToken token, ProjectEvent project) {
        if (project.policies() == null || !project.policies().modelAssisted()) {
            throw ProblemException.forbidden("project " + project.projectId() + " does not offer model suggestions");
        }
        if (references.isReleased(token.assignmentId())) {
            throw ProblemException.gone("assignment " + token.assignmentId() + " was released (skipped or expired)");
        }
        if (clock.instant().isAfter(token.expiresAt())) {
            throw ProblemException.gone("the lease of assignment " + token.assignmentId() + " expired at "
                    + token.expiresAt());
        }
        return references.findSuggestion(token.itemId())
                .orElseThrow(() -> ProblemException.notFound("a model prediction for item " + token.itemId()));
    }
}
