package io.labelstream.quality.service;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.UUID;

/** Keeps this service's copy of the projects from labeling.projects. */
@ApplicationScoped
public class ProjectCatalog {

    static final String CONSUMER = "quality-service.projects";

    private final Inbox inbox;
    private final ProjectDirectory directory;

    public ProjectCatalog(Inbox inbox, ProjectDirectory directory) {
        this.inbox = inbox;
        this.directory = directory;
    }

    /**
     * Stores the project unless this event was applied before or a newer revision is already stored. The caller
     * passes a completion to {@link CompletedProjectRefit#afterCommit} once this transaction has committed.
     *
     * @return whether this event completed the project: moved it to COMPLETED from another state, or is the first
     * this service sees of it and it is completed
     */
    @Transactional
    public boolean apply(UUID eventId, ProjectEvent project) {
        if (!inbox.firstDelivery(CONSUMER, eventId)) {
            return false;
        }
        EventChecks.require(project.projectId(), "projectId");
        EventChecks.require(project.state(), "state");
        EventChecks.require(project.members(), "members");
        boolean completedAlready = storedAsCompleted(project.projectId());
        return directory.apply(project) && project.state() == ProjectState.COMPLETED && !completedAlready;
    }

    /** Whether the stored project is completed; not a cached read, since another replica may have stored it. */
    private boolean storedAsCompleted(UUID projectId) {
        directory.evict(projectId);
        return directory.find(projectId).map(stored -> stored.state() == ProjectState.COMPLETED).orElse(false);
    }
}
