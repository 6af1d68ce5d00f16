package io.labelstream.quality.service;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.platform.project.ProjectDirectory;
import io.labelstream.quality.repository.BatchMemory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Re-assesses many items of one project in the caller's transaction, as a crowd-model fit does with the items its
 * model decides differently. The items' rows, all of their labels, and the rows and counts of everyone who
 * labelled them are locked and read up front with one statement per table ({@link BatchMemory}); each item is then
 * assessed again in memory, exactly as on its own, and what changed is written back in bulk. That is a handful of
 * statements for the lot instead of some twenty per item, and on a busy machine each statement waits its turn for
 * a core while the project's live annotations wait for the fit that holds it. A rebuild's steps already work on
 * the whole project in memory, so there the items are assessed again in place.
 */
@ApplicationScoped
public class BatchReassessment {

    private final QualitySteps steps;
    private final BatchMemory memory;
    private final ProjectDirectory directory;
    private final AnnotatorStanding standing;

    public BatchReassessment(QualitySteps steps, BatchMemory memory, ProjectDirectory directory,
                             AnnotatorStanding standing) {
        this.steps = steps;
        this.memory = memory;
        this.directory = directory;
        this.standing = standing;
    }

    /**
     * Assesses each item again by its posterior under a fitted crowd model, in the order given; the caller
     * publishes the effects.
     *
     * @param fitted item -> the fit's posterior over its categories
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StepEffects byFittedPosteriors(UUID projectId, Map<UUID, Map<String, Double>> fitted, StepInputs inputs) {
        StepEffects effects = StepEffects.stateChanged();
        if (fitted.isEmpty()) {
            return effects;
        }
        if (!memory.canOpen()) {
            reassessEach(projectId, fitted, inputs, effects);
            return effects;
        }
        Map<UUID, UUID> projectOfItem = new TreeMap<>();
        fitted.keySet().forEach(itemId -> projectOfItem.put(itemId, projectId));
        try {
            memory.lockItems(projectOfItem, Map.of());
            memory.lockAnnotators(projectId, memory.labellersOf(projectId), standing.initialStatus(policies(projectId)));
            memory.enter(projectId);
            reassessEach(projectId, fitted, inputs, effects);
            memory.writeBack();
        } finally {
            // a step that failed leaves the rows unwritten: the caller's transaction rolls back
            memory.close();
        }
        return effects;
    }

    private void reassessEach(UUID projectId, Map<UUID, Map<String, Double>> fitted, StepInputs inputs,
                              StepEffects effects) {
        fitted.forEach((itemId, posterior) -> effects.include(steps.reassess(itemId, projectId, inputs, posterior)));
    }

    private ProjectPolicies policies(UUID projectId) {
        return directory.find(projectId).map(ProjectEvent::policies).orElseGet(ProjectPolicies::defaults);
    }
}
