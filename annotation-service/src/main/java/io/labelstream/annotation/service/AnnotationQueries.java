package io.labelstream.annotation.service;

import io.labelstream.annotation.config.AnnotationConfig;
import io.labelstream.annotation.domain.Annotation;
import io.labelstream.annotation.repository.AnnotationRepository;
import io.labelstream.annotation.repository.ReferenceDataRepository;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.project.ProjectAccess;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads of annotations: an annotator's own history; the annotations of an item for its reviewers and managers. */
@ApplicationScoped
public class AnnotationQueries {

    private final AnnotationRepository annotations;
    private final ReferenceDataRepository references;
    private final ProjectAccess access;
    private final AnnotationConfig config;

    public AnnotationQueries(AnnotationRepository annotations, ReferenceDataRepository references,
                             ProjectAccess access, AnnotationConfig config) {
        this.annotations = annotations;
        this.references = references;
        this.access = access;
        this.config = config;
    }

    /** The caller's own annotations, newest first; never anybody else's. */
    public List<Annotation> history(UUID projectId, Instant before, Integer limit) {
        int size = limit == null ? config.defaultPageSize() : limit;
        if (size < 1 || size > config.maxPageSize()) {
            throw ProblemException.invalid("limit", "must be between 1 and " + config.maxPageSize());
        }
        return annotations.findByAnnotator(access.callerId(), projectId, before, size);
    }

    /** Every annotation of an item, for reviewers and managers of its project. */
    public List<Annotation> ofItem(UUID itemId) {
        List<Annotation> found = annotations.findByItem(itemId);
        UUID projectId = references.findItemProject(itemId)
                .or(() -> found.stream().map(Annotation::projectId).findFirst())
                .orElseThrow(() -> ProblemException.notFound("item " + itemId));
        access.requireMember(projectId, ProjectRole.REVIEWER, ProjectRole.MANAGER);
        return found;
    }
}
