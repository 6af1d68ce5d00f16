package io.labelstream.annotation.service;

import io.labelstream.annotation.repository.ReferenceDataRepository;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ModelPrediction;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.events.TaskReleased;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Applies other services' events to this service's copies, each exactly once (inbox in the same transaction). */
@ApplicationScoped
public class ReferenceDataUpdates {

    static final String PROJECTS = "annotation-service.projects";
    static final String ITEMS = "annotation-service.items";
    static final String PREDICTIONS = "annotation-service.predictions";
    static final String ASSIGNMENTS = "annotation-service.assignments";

    private final Inbox inbox;
    private final ProjectDirectory projects;
    private final ReferenceDataRepository references;

    public ReferenceDataUpdates(Inbox inbox, ProjectDirectory projects, ReferenceDataRepository references) {
        this.inbox = inbox;
        this.projects = projects;
        this.references = references;
    }

    /** The project for access checks, and its schema kept under its version for labels leased under it. */
    @Transactional
    public void applyProject(UUID eventId, ProjectEvent project) {
        if (!inbox.firstDelivery(PROJECTS, eventId)) {
            return;
        }
        projects.apply(project);
        if (project.schema() != null) {
            references.saveSchema(project);
        }
    }

    @Transactional
    public void applyItem(UUID eventId, ItemIngested item) {
        if (!inbox.firstDelivery(ITEMS, eventId)) {
            return;
        }
        references.saveItem(item);
    }

    @Transactional
    public void applyPrediction(UUID eventId, ModelPrediction prediction) {
        if (!inbox.firstDelivery(PREDICTIONS, eventId)) {
            return;
        }
        references.savePrediction(prediction);
    }

    @Transactional
    public void applyRelease(UUID eventId, TaskReleased released) {
        if (!inbox.firstDelivery(ASSIGNMENTS, eventId)) {
            return;
        }
        references.recordRelease(released);
    }
}
