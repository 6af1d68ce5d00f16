package io.labelstream.quality.service;

import io.labelstream.contracts.MalformedEventException;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ReferenceAnswerSet;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.quality.repository.JournalStep;
import io.labelstream.quality.repository.StepJournal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/**
 * Takes live annotations and reference answers in: the checks of the event, the project's shared lock, the step
 * itself ({@link QualitySteps}), its journal entry and the publishing of what it changed, in one transaction. The
 * caller hands the effects to {@link QuarantineFollowUp} once it has committed.
 * <p>
 * An annotation needs no inbox: its label row holds its id and revision, written in the step's transaction, and
 * a step whose annotation is stored at the same or a later revision changes nothing. So a redelivery changes
 * nothing, whatever event id it comes under, and the step writes no row per event to recognise one. A reference
 * answer has no such record of its own and goes through the inbox.
 * <p>
 * Each live step is journalled ({@link StepJournal}) once it holds its locks, with the inputs it read outside
 * them ({@link StepInputs}); a rebuild applies the journalled steps again in that order through
 * {@link QualitySteps}, without journalling them a second time and without their follow-ups, which are
 * journalled steps of their own.
 */
@ApplicationScoped
public class AnnotationIntake {

    static final String REFERENCE_CONSUMER = "quality-service.reference-answers";

    private final Inbox inbox;
    private final ProjectLock projectLock;
    private final QualitySteps steps;
    private final StepJournal journal;
    private final StepPublisher publisher;

    public AnnotationIntake(Inbox inbox, ProjectLock projectLock, QualitySteps steps, StepJournal journal,
                            StepPublisher publisher) {
        this.inbox = inbox;
        this.projectLock = projectLock;
        this.steps = steps;
        this.journal = journal;
        this.publisher = publisher;
    }

    /** A live AnnotationSubmitted or AnnotationRevised, in a transaction of its own. */
    @Transactional
    public StepEffects submitted(AnnotationSubmitted annotation) {
        validate(annotation);
        projectLock.shared(annotation.projectId());
        StepEffects effects = applyAndJournal(annotation);
        publisher.publish(effects);
        return effects;
    }

    /**
     * Applies an annotation as a new step and journals it if it changed anything (a revision no newer than the
     * stored one changes nothing). The live path, and a rebuild's for annotations the journal does not hold yet.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StepEffects applyAndJournal(AnnotationSubmitted annotation) {
        Applied applied = apply(annotation);
        if (applied.entry() != null) {
            // last: the step holds every lock it takes, so a conflicting step that commits later gets a later seq
            journal.record(annotation.projectId(), applied.entry());
        }
        return applied.effects();
    }

    /** What an annotation's step changed, and its journal entry: null if it changed nothing. */
    record Applied(StepEffects effects, JournalStep entry) {
    }

    /** Applies an annotation as a new step; the caller journals it, as a batch journals all of its steps at once. */
    @Transactional(Transactional.TxType.MANDATORY)
    Applied apply(AnnotationSubmitted annotation) {
        StepInputs inputs = StepInputs.live();
        StepEffects effects = steps.apply(annotation, inputs);
        JournalStep entry = !effects.changedState() ? null : JournalStep.annotation(annotation.itemId(),
                annotation.annotationId(), annotation.revision(), inputs.givenSubmissionTime(),
                inputs.projectMedianSeconds());
        return new Applied(effects, entry);
    }

    /** A gold item's known answer: the item needs no consensus, its labels score their annotators. */
    @Transactional
    public StepEffects referenceAnswerSet(UUID eventId, ReferenceAnswerSet reference) {
        if (!inbox.firstDelivery(REFERENCE_CONSUMER, eventId)) {
            return StepEffects.none();
        }
        EventChecks.require(reference.itemId(), "itemId");
        EventChecks.require(reference.projectId(), "projectId");
        EventChecks.require(reference.answer(), "answer");
        projectLock.shared(reference.projectId());
        StepInputs inputs = StepInputs.live();
        StepEffects effects = steps.referenceArrived(reference.itemId(), reference.projectId(), reference.answer(),
                inputs);
        journal.record(reference.projectId(), JournalStep.reference(reference.itemId(), reference.answer(),
                inputs.projectMedianSeconds()));
        publisher.publish(effects);
        return effects;
    }

    /** Re-assesses an item as a new step, journalled if the item had labels to assess. */
    @Transactional(Transactional.TxType.MANDATORY)
    public StepEffects reassessAndJournal(UUID itemId, UUID projectId) {
        StepInputs inputs = StepInputs.live();
        StepEffects effects = steps.reassess(itemId, projectId, inputs);
        if (effects.changedState()) {
            journal.record(projectId, JournalStep.reassess(itemId, inputs.projectMedianSeconds()));
        }
        return effects;
    }

    /** The checks an annotation passes before it is applied; one that fails is a poison record. */
    static void validate(AnnotationSubmitted annotation) {
        EventChecks.require(annotation.annotationId(), "annotationId");
        EventChecks.require(annotation.itemId(), "itemId");
        EventChecks.require(annotation.projectId(), "projectId");
        EventChecks.require(annotation.annotatorId(), "annotatorId");
        EventChecks.require(annotation.label(), "label");
        if (!annotation.label().isObject()) {
            throw new MalformedEventException("label is not a JSON object");
        }
    }
}
