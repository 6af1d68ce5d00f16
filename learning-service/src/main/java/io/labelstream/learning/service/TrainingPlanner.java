package io.labelstream.learning.service;

import io.labelstream.learning.config.LearningConfig;
import io.labelstream.learning.domain.LearnableProject;
import io.labelstream.learning.domain.RetrainSchedule;
import io.labelstream.learning.repository.LatestModelRepository;
import io.labelstream.learning.repository.LearningItemRepository;
import io.labelstream.platform.project.ProjectDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Optional;
import java.util.UUID;

/** Whether a project's next training is due, by its learning policy and {@link RetrainSchedule}. */
@ApplicationScoped
public class TrainingPlanner {

    private final ProjectDirectory projects;
    private final LearningItemRepository items;
    private final LatestModelRepository latestModels;
    private final LearningConfig config;

    public TrainingPlanner(ProjectDirectory projects, LearningItemRepository items, LatestModelRepository latestModels,
                           LearningConfig config) {
        this.projects = projects;
        this.items = items;
        this.latestModels = latestModels;
        this.config = config;
    }

    @Transactional
    public boolean due(UUID projectId) {
        Optional<LearnableProject> project = projects.find(projectId).flatMap(LearnableProject::of);
        if (project.isEmpty()) {
            return false;
        }
        int trainedOn = latestModels.of(projectId).map(LatestModelRepository.LatestModel::trainingLabels).orElse(0);
        int seedItems = project.get().policy().seedItems();
        int goldLabels = items.goldCountUpTo(projectId, RetrainSchedule.enoughGold(seedItems));
        return RetrainSchedule.due(trainedOn, items.changes(projectId), goldLabels,
                project.get().policy().retrainEvery(), seedItems,
                config.retrainGrowth(), config.retrainMinimumStep());
    }
}
