package io.labelstream.quality.service;

import io.labelstream.contracts.events.ProjectEvent;
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

    @Transactional
    public void apply(UUID eventId, ProjectEvent project) {
        if (!inbox.firstDelivery(CONSUMER, eventId)) {
            return;
        }
        EventChecks.require(project.projectId(), "projectId");
        EventChecks.require(project.state(), "state");
        EventChecks.require(project.members(), "members");
        directory.apply(project);
    }
}
