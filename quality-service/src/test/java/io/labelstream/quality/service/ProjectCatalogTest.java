package io.labelstream.quality.service;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectState;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which applied project event completes a project, so that its crowd model gets its last fit once: the first
 * delivery of the newest revision that moves it to COMPLETED, or that is the first this service sees of it.
 */
@QuarkusTest
class ProjectCatalogTest {

    private final ProjectCatalog catalog;

    ProjectCatalogTest(ProjectCatalog catalog) {
        this.catalog = catalog;
    }

    @Test
    void onlyTheFirstDeliveryOfTheNewestRevisionThatMovesTheProjectToCompletedCompletesIt() {
        UUID projectId = UUID.randomUUID();
        assertThat(catalog.apply(UUID.randomUUID(), project(projectId, ProjectState.ACTIVE, 1, true))).isFalse();
        assertThat(catalog.apply(UUID.randomUUID(), project(projectId, ProjectState.PAUSED, 3, false))).isFalse();
        assertThat(catalog.apply(UUID.randomUUID(), project(projectId, ProjectState.COMPLETED, 2, false)))
                .as("a stale revision").isFalse();

        UUID completion = UUID.randomUUID();
        assertThat(catalog.apply(completion, project(projectId, ProjectState.COMPLETED, 4, false))).isTrue();
        assertThat(catalog.apply(completion, project(projectId, ProjectState.COMPLETED, 4, false)))
                .as("the same event delivered again").isFalse();
        assertThat(catalog.apply(UUID.randomUUID(), project(projectId, ProjectState.COMPLETED, 5, false)))
                .as("a later change of the completed project").isFalse();
    }

    @Test
    void aProjectFirstSeenCompletedIsCompletedByThatEvent() {
        assertThat(catalog.apply(UUID.randomUUID(), project(UUID.randomUUID(), ProjectState.COMPLETED, 7, false)))
                .isTrue();
    }

    private static ProjectEvent project(UUID projectId, ProjectState state, long revision, boolean created) {
        return new ProjectEvent(projectId, "catalog test", null, state, 1, revision, null, null, null, List.of(),
                Instant.now(), created);
    }
}
