package io.labelstream.platform.project;

import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.Guidelines;
import io.labelstream.contracts.project.LabelDefinition;
import io.labelstream.contracts.project.LabelingSchema;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.ProjectState;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.platform.PlatformTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@QuarkusTest
class ProjectDirectoryTest extends PlatformTestResource {

    @Inject
    ProjectDirectory directory;

    @Test
    void aChangeIsReadBackAtOnceEvenWhenAReadBeforeItsCommitCachedTheRevisionBefore() {
        UUID projectId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> directory.apply(revision(projectId, 1)));
        assertThat(directory.find(projectId)).hasValueSatisfying(p -> assertThat(p.revision()).isEqualTo(1));

        QuarkusTransaction.requiringNew().run(() -> {
            directory.apply(revision(projectId, 2));
            // another request reads while the change is not committed: it sees revision 1 and caches it
            ProjectEvent readMeanwhile = CompletableFuture.supplyAsync(() -> directory.find(projectId).orElseThrow()).join();
            assertThat(readMeanwhile.revision()).isEqualTo(1);
        });

        assertThat(directory.find(projectId)).hasValueSatisfying(p -> assertThat(p.revision()).isEqualTo(2));
    }

    @Test
    void aRolledBackChangeLeavesTheRevisionBefore() {
        UUID projectId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> directory.apply(revision(projectId, 1)));

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            directory.apply(revision(projectId, 2));
            throw new IllegalStateException("a later step of the change fails");
        })).hasMessageContaining("a later step of the change fails");

        assertThat(directory.find(projectId)).hasValueSatisfying(p -> assertThat(p.revision()).isEqualTo(1));
    }

    private static ProjectEvent revision(UUID projectId, long revision) {
        LabelingSchema schema = new LabelingSchema(TaskType.SINGLE_LABEL,
                List.of(new LabelDefinition("pos", null, null), new LabelDefinition("neg", null, null)), null);
        return new ProjectEvent(projectId, "revision " + revision, null, ProjectState.ACTIVE, 1, revision, schema,
                new Guidelines(1, "label the sentiment", List.of(), List.of()), ProjectPolicies.defaults(),
                List.of(new ProjectMember("manager", ProjectRole.MANAGER, false)), Instant.now(), revision == 1);
    }
}
