package io.labelstream.quality.service;

import io.labelstream.contracts.events.CalibrationAssessed;
import io.labelstream.contracts.events.CalibrationState;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.ProjectMember;
import io.labelstream.contracts.project.ProjectRole;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.quality.domain.agreement.ConfusedPairs;
import io.labelstream.quality.domain.agreement.FleissKappa;
import io.labelstream.quality.domain.agreement.KrippendorffAlpha;
import io.labelstream.quality.domain.agreement.PairwiseKappa;
import io.labelstream.quality.domain.policy.CalibrationRule;
import io.labelstream.quality.repository.PilotLabelRepository;
import io.labelstream.quality.repository.PilotLabelRepository.PilotLabel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Calibration: how alike the pilot annotators label the pilot items under each guideline version. A pilot is small
 * (tens to hundreds of items, a handful of annotators), so the report is computed from the stored labels on read.
 */
@ApplicationScoped
public class PilotCalibration {

    private static final int CONFUSED_PAIRS = 10;

    private final PilotLabelRepository pilotLabels;

    public PilotCalibration(PilotLabelRepository pilotLabels) {
        this.pilotLabels = pilotLabels;
    }

    @Transactional
    public CalibrationReport report(ProjectEvent project) {
        Map<Integer, List<PilotLabel>> byVersion = byVersion(pilotLabels.ofProject(project.projectId()));
        int current = project.guidelineVersion();
        List<CalibrationReport.VersionVerdict> versions = new ArrayList<>();
        Set<Integer> all = new TreeSet<>(byVersion.keySet());
        all.add(current);
        Pilot currentPilot = null;
        for (int version : all) {
            Pilot pilot = new Pilot(project, byVersion.getOrDefault(version, List.of()));
            if (version == current) {
                currentPilot = pilot;
            }
            versions.add(new CalibrationReport.VersionVerdict(version, pilot.completeItems.size(), pilot.labels(),
                    pilot.meanKappa, pilot.state()));
        }
        return Objects.requireNonNull(currentPilot).report(current, versions);
    }

    /** The verdict under the current guideline version, as published on labeling.project-quality. */
    @Transactional
    public CalibrationAssessed verdict(ProjectEvent project, Instant at) {
        int current = project.guidelineVersion();
        Pilot pilot = new Pilot(project, byVersion(pilotLabels.ofProject(project.projectId()))
                .getOrDefault(current, List.of()));
        return new CalibrationAssessed(project.projectId(), current, pilot.state(), pilot.completeItems.size(),
                pilot.labels(), pilot.annotators.size(), pilot.meanKappa,
                project.policies().calibrationTargetKappa(), project.policies().calibrationMinItems(), at);
    }

    private static Map<Integer, List<PilotLabel>> byVersion(List<PilotLabel> labels) {
        Map<Integer, List<PilotLabel>> byVersion = new TreeMap<>();
        for (PilotLabel label : labels) {
            if (label.guidelineVersion() != null) {
                byVersion.computeIfAbsent(label.guidelineVersion(), v -> new ArrayList<>()).add(label);
            }
        }
        return byVersion;
    }

    /** The pilot under one guideline version: its complete items and the pairs of its annotators over them. */
    private static final class Pilot {

        private final ProjectEvent project;
        private final List<PilotLabel> given;
        private final Set<String> annotators;
        private final Map<String, Map<String, String>> completeItems = new TreeMap<>();
        private final List<String> categories;
        private final List<PairwiseKappa.Pair> pairs;
        private final Double meanKappa;

        Pilot(ProjectEvent project, List<PilotLabel> given) {
            this.project = project;
            this.given = given;
            this.annotators = pilotAnnotators(project, given);
            Map<String, Map<String, String>> byItem = new TreeMap<>();
            for (PilotLabel label : given) {
                if (annotators.contains(label.annotatorId())) {
                    byItem.computeIfAbsent(label.itemId().toString(), id -> new TreeMap<>())
                            .put(label.annotatorId(), label.category());
                }
            }
            byItem.forEach((item, labels) -> {
                if (labels.size() == annotators.size()) {
                    completeItems.put(item, labels);
                }
            });
            Set<String> used = new TreeSet<>();
            completeItems.values().forEach(labels -> used.addAll(labels.values()));
            this.categories = rating() ? RatingScale.of(project.schema()).categories(used) : List.copyOf(used);
            this.pairs = PairwiseKappa.of(completeItems, categories, rating(), 1);
            this.meanKappa = PairwiseKappa.meanKappa(pairs);
        }

        long labels() {
            return (long) completeItems.size() * annotators.size();
        }

        CalibrationState state() {
            return CalibrationRule.judge(completeItems.size(), annotators.size(), meanKappa,
                    project.policies().calibrationTargetKappa(), project.policies().calibrationMinItems());
        }

        CalibrationReport report(int version, List<CalibrationReport.VersionVerdict> versions) {
            Map<String, List<String>> labelsByItem = new TreeMap<>();
            completeItems.forEach((item, labels) -> labelsByItem.put(item, List.copyOf(labels.values())));
            Double fleiss = null;
            List<AgreementReport.LabelAgreementValue> perLabel = new ArrayList<>();
            if (annotators.size() >= 2 && !labelsByItem.isEmpty()) {
                FleissKappa.Result result = FleissKappa.ofLabels(labelsByItem);
                fleiss = ProjectAgreement.defined(result.kappa());
                List<String> sorted = labelsByItem.values().stream().flatMap(List::stream).distinct().sorted().toList();
                for (int c = 0; c < sorted.size(); c++) {
                    perLabel.add(new AgreementReport.LabelAgreementValue(sorted.get(c),
                            ProjectAgreement.defined(result.categoryKappa().get(c)), result.categoryProportions().get(c)));
                }
            }
            Double alpha = ProjectAgreement.defined(KrippendorffAlpha.nominal(labelsByItem.values()).alpha());
            Double alphaInterval = rating() ? ProjectAgreement.scaledAlpha(RatingScale.of(project.schema()),
                    labelsByItem, KrippendorffAlpha.Metric.INTERVAL) : null;
            List<AgreementReport.ConfusedPair> confused = ConfusedPairs.rank(labelsByItem, CONFUSED_PAIRS).stream()
                    .map(p -> new AgreementReport.ConfusedPair(p.first(), p.second(), p.count(), p.shareOfDisagreements()))
                    .toList();
            double target = project.policies().calibrationTargetKappa();
            List<CalibrationReport.AnnotatorCalibration> perAnnotator = annotators.stream()
                    .map(this::annotator).toList();
            List<String> below = perAnnotator.stream()
                    .filter(a -> a.meanKappa() == null || a.meanKappa() < target)
                    .filter(a -> target > 0 && !pairs.isEmpty())
                    .map(CalibrationReport.AnnotatorCalibration::annotatorId).toList();
            Set<String> labelledItems = new TreeSet<>();
            given.forEach(label -> labelledItems.add(label.itemId().toString()));
            return new CalibrationReport(version, state(), target, project.policies().calibrationMinItems(),
                    List.copyOf(annotators), labelledItems.size(), completeItems.size(), labels(), fleiss, alpha,
                    alphaInterval, meanKappa, pairs, perLabel, confused, perAnnotator, below, versions);
        }

        private CalibrationReport.AnnotatorCalibration annotator(String annotatorId) {
            List<Double> kappas = pairs.stream().filter(p -> p.involves(annotatorId))
                    .map(PairwiseKappa.Pair::cohenKappa).filter(Objects::nonNull).toList();
            Double mean = kappas.isEmpty() ? null
                    : kappas.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            long labels = completeItems.values().stream().filter(l -> l.containsKey(annotatorId)).count();
            List<Double> reference = given.stream()
                    .filter(l -> l.annotatorId().equals(annotatorId) && l.goldScore() != null)
                    .map(PilotLabel::goldScore).toList();
            Double accuracy = reference.isEmpty() ? null
                    : reference.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            return new CalibrationReport.AnnotatorCalibration(annotatorId, labels, mean, reference.size(), accuracy);
        }

        private boolean rating() {
            return project.schema().taskType() == TaskType.RATING;
        }

        private static Set<String> pilotAnnotators(ProjectEvent project, List<PilotLabel> given) {
            Set<String> marked = new TreeSet<>();
            for (ProjectMember member : project.members()) {
                if (member.role() == ProjectRole.ANNOTATOR && member.pilot()) {
                    marked.add(member.userId());
                }
            }
            if (!marked.isEmpty()) {
                return marked;
            }
            Set<String> labelled = new TreeSet<>();
            given.forEach(label -> labelled.add(label.annotatorId()));
            return labelled;
        }
    }
}
