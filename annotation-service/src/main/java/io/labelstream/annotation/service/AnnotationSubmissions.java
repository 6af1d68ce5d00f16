package io.labelstream.annotation.service;

import io.labelstream.annotation.config.AnnotationConfig;
import io.labelstream.annotation.domain.Annotation;
import io.labelstream.annotation.domain.RevisionWindow;
import io.labelstream.annotation.domain.StoredSchema;
import io.labelstream.annotation.repository.AnnotationRepository;
import io.labelstream.annotation.repository.ReferenceDataRepository;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.labels.LabelValidator;
import io.labelstream.contracts.labels.LabelValidators;
import io.labelstream.contracts.labels.LabelViolation;
import io.labelstream.platform.outbox.Outbox;
import io.labelstream.platform.problem.Problem;
import io.labelstream.platform.problem.ProblemException;
import io.labelstream.platform.token.AssignmentToken;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores a label once per assignment and publishes it. A repeat of the stored label is answered with
 * the stored annotation; a different label is a conflict unless sent as a revision inside the revision
 * window. Nothing is stored when any check fails.
 */
@ApplicationScoped
public class AnnotationSubmissions {

    private final AnnotationRepository annotations;
    private final ReferenceDataRepository references;
    private final Outbox outbox;
    private final AnnotationConfig config;
    private final LabelValidators validators = new LabelValidators();
    private final Clock clock = Clock.systemUTC();

    public AnnotationSubmissions(AnnotationRepository annotations, ReferenceDataRepository references, Outbox outbox,
                                 AnnotationConfig config) {
        this.annotations = annotations;
        this.references = references;
        this.outbox = outbox;
        this.config = config;
    }

    public SubmissionOutcome submit(Submission submission) {
        // PostgreSQL keeps microseconds: an answer must not differ from what a later read returns
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!submission.revision() && !now.isAfter(submission.token().expiresAt())) {
            Optional<SubmissionOutcome> first = storeFirstLabel(submission, now);
            if (first.isPresent()) {
                return first.get();
            }
        }
        return QuarkusTransaction.requiringNew().call(() -> submitInTransaction(submission, now));
    }

    private SubmissionOutcome submitInTransaction(Submission submission, Instant now) {
        UUID assignmentId = submission.token().assignmentId();
        if (submission.revision()) {
            Optional<Annotation> existing = annotations.lockByAssignment(assignmentId);
            if (existing.isPresent()) {
                return resubmit(existing.get(), submission, now);
            }
            requireNotReleased(assignmentId);
        } else {
            AnnotationRepository.SubmissionState state = annotations.submissionState(assignmentId);
            if (state.stored().isPresent()) {
                return resubmit(state.stored().get(), submission, now);
            }
            if (state.released()) {
                throw released(assignmentId);
            }
        }
        AssignmentToken token = submission.token();
        if (now.isAfter(token.expiresAt())) {
            throw ProblemException.gone("the lease of assignment " + assignmentId + " expired at " + token.expiresAt());
        }
        StoredSchema schema = validate(token, submission);
        Annotation annotation = firstAnnotation(submission, schema, now);
        if (!storeWithEvent(annotation, now)) {
            if (references.isReleased(assignmentId)) {
                throw released(assignmentId);
            }
            // a concurrent submission for the same assignment committed first: answer as its repeat would be
            Annotation stored = (submission.revision()
                    ? annotations.lockByAssignment(assignmentId)
                    : annotations.findByAssignment(assignmentId))
                    .orElseThrow(() -> new IllegalStateException("annotation of " + assignmentId + " vanished"));
            return resubmit(stored, submission, now);
        }
        return new SubmissionOutcome(annotation, SubmissionOutcome.Kind.CREATED);
    }

    /**
     * The common case in one round trip and no transaction: a valid first label for a live lease is
     * stored with its event by one atomic statement. Empty, and nothing stored, when the label is invalid,
     * already stored or the assignment released; the caller then reads the assignment's state in a
     * transaction and answers exactly as it would have without this shortcut.
     */
    private Optional<SubmissionOutcome> storeFirstLabel(Submission submission, Instant now) {
        AssignmentToken token = submission.token();
        StoredSchema schema = schemaOf(token, submission.project());
        if (!violations(token, submission, schema).isEmpty()) {
            return Optional.empty();
        }
        Annotation annotation = firstAnnotation(submission, schema, now);
        if (!storeWithEvent(annotation, now)) {
            return Optional.empty();
        }
        return Optional.of(new SubmissionOutcome(annotation, SubmissionOutcome.Kind.CREATED));
    }

    /**
     * Stores a first label and its AnnotationSubmitted in one statement: atomic on its own outside a
     * transaction, and part of the caller's when there is one. False, and nothing stored, when the
     * assignment already has a label or was released.
     */
    private boolean storeWithEvent(Annotation annotation, Instant now) {
        if (!annotations.insertFirst(annotation, outbox.prepare(config.topic(), submitted(annotation, now)))) {
            return false;
        }
        outbox.written();
        return true;
    }

    private Annotation firstAnnotation(Submission submission, StoredSchema schema, Instant now) {
        AssignmentToken token = submission.token();
        return new Annotation(UUID.randomUUID(), token.assignmentId(), token.itemId(), token.projectId(),
                token.annotatorId(), submission.label(), submission.clientDurationMs(), serverDuration(token, now),
                token.schemaVersion(), schema.guidelineVersion(), 0, token.expiresAt(), now, null);
    }

    private SubmissionOutcome resubmit(Annotation stored, Submission submission, Instant now) {
        if (stored.hasLabel(submission.label())) {
            return new SubmissionOutcome(stored, SubmissionOutcome.Kind.REPEATED);
        }
        if (!submission.revision()) {
            throw ProblemException.conflict("assignment " + stored.assignmentId()
                    + " already has a different label (revision " + stored.revision()
                    + "); send it with \"revision\": true to change it");
        }
        requireNotReleased(stored.assignmentId());
        RevisionWindow window = new RevisionWindow(submission.token().expiresAt(),
                Duration.ofSeconds(submission.project().policies().revisionGraceSeconds()));
        if (!window.isOpenAt(now)) {
            throw ProblemException.gone("assignment " + stored.assignmentId() + " can no longer be revised: the window"
                    + " closed at " + window.closesAt());
        }
        validate(submission.token(), submission);
        Annotation revised = stored.revisedTo(submission.label(), submission.clientDurationMs(),
                serverDuration(submission.token(), now), now);
        annotations.updateRevision(stored, revised);
        publish(revised, now);
        return new SubmissionOutcome(revised, SubmissionOutcome.Kind.REVISED);
    }

    private StoredSchema validate(AssignmentToken token, Submission submission) {
        StoredSchema schema = schemaOf(token, submission.project());
        List<LabelViolation> violations = violations(token, submission, schema);
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations.stream()
                    .map(v -> new Problem.FieldError(v.field(), v.reason())).toList());
        }
        return schema;
    }

    private List<LabelViolation> violations(AssignmentToken token, Submission submission, StoredSchema schema) {
        LabelValidator validator = validators.forType(schema.schema().taskType());
        var itemData = validator.needsItemData()
                ? references.findItemData(token.itemId())
                .orElseThrow(() -> new NotYetKnownException("item " + token.itemId()))
                : null;
        return validator.validate(submission.label(), schema.schema(), itemData);
    }

    /**
     * The schema the token was issued under: the project's current one when the versions match (the
     * common case, already in memory), else the stored version.
     */
    private StoredSchema schemaOf(AssignmentToken token, ProjectEvent project) {
        if (project.schemaVersion() == token.schemaVersion() && project.schema() != null) {
            return new StoredSchema(project.schema(),
                    project.guidelines() == null ? 0 : project.guidelines().version());
        }
        return references.findSchema(token.projectId(), token.schemaVersion())
                .orElseThrow(() -> new NotYetKnownException(
                        "schema version " + token.schemaVersion() + " of project " + token.projectId()));
    }

    private void requireNotReleased(UUID assignmentId) {
        if (references.isReleased(assignmentId)) {
            throw released(assignmentId);
        }
    }

    private static ProblemException released(UUID assignmentId) {
        return ProblemException.gone("assignment " + assignmentId + " was released (skipped or expired)");
    }

    private static long serverDuration(AssignmentToken token, Instant now) {
        return Math.max(0, Duration.between(token.leasedAt(), now).toMillis());
    }

    private void publish(Annotation annotation, Instant at) {
        outbox.publish(config.topic(), submitted(annotation, at));
    }

    private static AnnotationSubmitted submitted(Annotation annotation, Instant at) {
        return new AnnotationSubmitted(annotation.annotationId(), annotation.assignmentId(),
                annotation.itemId(), annotation.projectId(), annotation.annotatorId(), annotation.label(),
                annotation.clientDurationMs(), annotation.serverDurationMs(), annotation.schemaVersion(),
                annotation.guidelineVersion(), annotation.revision(), at);
    }
}
