package io.labelstream.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.MalformedEventException;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.UUID;

/** The terms a project's labels are judged by, as this service knows the project, and whether a label fits them. */
@ApplicationScoped
public class ProjectTerms {

    private final ProjectDirectory directory;
    private final ItemConsensus consensus;

    public ProjectTerms(ProjectDirectory directory, ItemConsensus consensus) {
        this.directory = directory;
        this.consensus = consensus;
    }

    AssessedProject of(UUID projectId, JsonNode sampleLabel) {
        Optional<ProjectEvent> known = directory.find(projectId);
        if (known.isPresent() && known.get().schema() != null && known.get().policies() != null) {
            ProjectEvent event = known.get();
            return new AssessedProject(projectId, event.schema().taskType(), event.policies(), event.schemaVersion());
        }
        // annotations may overtake their project on another topic: judge by the label's shape and the
        // platform's default policies until the project arrives
        return new AssessedProject(projectId, LabelShapes.taskTypeOf(sampleLabel), ProjectPolicies.defaults(), 0);
    }

    /**
     * Whether the annotation's label fits its project's task type; one that does not is a poison record. Asked
     * outside any transactional method, so a rebuild skipping it does not mark its transaction for rollback.
     */
    public boolean fitsProject(AnnotationSubmitted annotation) {
        try {
            checkShape(of(annotation.projectId(), annotation.label()).taskType(), annotation.label());
            return true;
        } catch (MalformedEventException poison) {
            return false;
        }
    }

    /** A label the task type's measures cannot read is a poison record; found before anything is written. */
    void checkShape(TaskType type, JsonNode label) {
        try {
            consensus.goldScore(type, label, label);
        } catch (RuntimeException e) {
            throw new MalformedEventException("label does not fit task type " + type + ": " + e.getMessage(), e);
        }
    }

    /** The schema version of the project as this service knows it. */
    public int schemaVersion(UUID projectId) {
        return directory.find(projectId).map(ProjectEvent::schemaVersion).orElse(0);
    }
}
