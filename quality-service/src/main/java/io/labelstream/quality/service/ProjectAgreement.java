package io.labelstream.quality.service;

import io.labelstream.contracts.EventCodec;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.platform.project.ProjectDirectory;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.domain.agreement.ConfusedPairs;
import io.labelstream.quality.domain.agreement.FleissKappa;
import io.labelstream.quality.domain.agreement.KrippendorffAlpha;
import io.labelstream.quality.domain.agreement.PairwiseKappa;
import io.labelstream.quality.repository.LabelRow;
import io.labelstream.quality.repository.QualityLabelRepository;
import io.labelstream.quality.repository.SnapshotRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Project-level agreement. It reads the whole project, so it runs on dashboard reads and on the snapshot
 * schedule, never on the path of an annotation.
 */
@ApplicationScoped
public class ProjectAgreement {

    private static final Logger LOG = Logger.getLogger(ProjectAgreement.class);

    private final QualityLabelRepository labels;
    private final SnapshotRepository snapshots;
    private final ProjectDirectory directory;
    private final ProjectLock projectLock;
    private final QualityConfig config;
    private final Clock clock = Clock.systemUTC();

    public ProjectAgreement(QualityLabelRepository labels, SnapshotRepository snapshots, ProjectDirectory directory,
                            ProjectLock projectLock, QualityConfig config) {
        this.labels = labels;
        this.snapshots = snapshots;
        this.directory = directory;
        this.projectLock = projectLock;
        this.config = config;
    }

    @Transactional
    public AgreementReport current(ProjectEvent project, int confusedPairsLimit) {
        TaskType type = project.schema().taskType();
        Map<String, List<String>> byItem = new TreeMap<>();
        long annotations = 0;
        for (LabelRow label : labels.ofRegularItems(project.projectId())) {
            if (label.category() == null || label.annotatorStatus() == AnnotatorStatus.QUARANTINED) {
                continue;
            }
            annotations++;
            byItem.computeIfAbsent(label.itemId().toString(), id -> new ArrayList<>()).add(label.category());
        }
        Double alpha = defined(KrippendorffAlpha.nominal(byItem.values()).alpha());
        boolean rating = type == TaskType.RATING;
        RatingScale scale = rating ? RatingScale.of(project.schema()) : null;
        Double alphaOrdinal = rating ? scaledAlpha(scale, byItem, KrippendorffAlpha.Metric.ORDINAL) : null;
        Double alphaInterval = rating ? scaledAlpha(scale, byItem, KrippendorffAlpha.Metric.INTERVAL) : null;
        AgreementReport.Coverage alphaCoverage = coverage(byItem, 2);
        // Fleiss' kappa needs the same number of ratings on every item, so it takes the project's k even where an
        // item has its own: items with fewer labels than that count in alpha (any number per item) only
        int k = project.policies().annotatorsPerItem();
        Map<String, List<String>> firstK = new TreeMap<>();
        byItem.forEach((item, given) -> {
            if (given.size() >= k) {
                firstK.put(item, given.subList(0, k));
            }
        });
        Double kappa = null;
        List<AgreementReport.LabelAgreementValue> perLabel = new ArrayList<>();
        if (k >= 2 && !firstK.isEmpty()) {
            FleissKappa.Result fleiss = FleissKappa.ofLabels(firstK);
            kappa = defined(fleiss.kappa());
            List<String> categories = firstK.values().stream().flatMap(List::stream).distinct().sorted().toList();
            for (int c = 0; c < categories.size(); c++) {
                perLabel.add(new AgreementReport.LabelAgreementValue(categories.get(c),
                        defined(fleiss.categoryKappa().get(c)), fleiss.categoryProportions().get(c)));
            }
        }
        List<AgreementReport.ConfusedPair> pairs = ConfusedPairs.rank(byItem, confusedPairsLimit).stream()
                .map(p -> new AgreementReport.ConfusedPair(p.first(), p.second(), p.count(), p.shareOfDisagreements()))
                .toList();
        AgreementReport.Coverage kappaCoverage = new AgreementReport.Coverage(kappa == null ? 0 : firstK.size(),
                kappa == null ? 0 : (long) firstK.size() * k);
        return new AgreementReport(annotations, byItem.size(), alpha, alphaOrdinal, alphaInterval, alphaCoverage,
                kappa, kappaCoverage, perLabel, pairs);
    }

    /** Cohen's kappa of every pair of annotators with at least {@code minCommonItems} items in common. */
    @Transactional
    public PairwiseReport pairs(ProjectEvent project, int minCommonItems) {
        boolean rating = project.schema().taskType() == TaskType.RATING;
        Map<String, Map<String, String>> byItem = new TreeMap<>();
        for (LabelRow label : labels.ofRegularItems(project.projectId())) {
            if (label.category() != null && label.annotatorStatus() != AnnotatorStatus.QUARANTINED) {
                byItem.computeIfAbsent(label.itemId().toString(), id -> new TreeMap<>())
                        .put(label.annotatorId(), label.category());
            }
        }
        Set<String> used = new TreeSet<>();
        Set<String> annotators = new TreeSet<>();
        long items = 0;
        long labelCount = 0;
        for (Map<String, String> given : byItem.values()) {
            used.addAll(given.values());
            if (given.size() >= 2) {
                items++;
                labelCount += given.size();
                annotators.addAll(given.keySet());
            }
        }
        List<String> categories = rating ? RatingScale.of(project.schema()).categories(used) : List.copyOf(used);
        List<PairwiseKappa.Pair> pairs = PairwiseKappa.of(byItem, categories, rating, minCommonItems);
        return new PairwiseReport(minCommonItems, items, labelCount, annotators.size(),
                rating ? List.of("LINEAR", "QUADRATIC") : List.of(), PairwiseKappa.meanKappa(pairs), pairs);
    }

    /** Agreement over time: each project with new labels gets a snapshot per interval. */
    @Scheduled(every = "${labelstream.quality.snapshots.interval:1h}", delayed = "${labelstream.quality.snapshots.interval:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void snapshotAll() {
        List<UUID> due = QuarkusTransaction.requiringNew().call(snapshots::projectsWithNewLabels);
        for (UUID projectId : due) {
            try {
                snapshot(projectId);
            } catch (RuntimeException e) {
                LOG.warnf(e, "agreement snapshot of project %s failed", projectId);
            }
        }
    }

    /** Takes a snapshot now, unless another replica just took one. */
    public void snapshot(UUID projectId) {
        QuarkusTransaction.requiringNew().run(() -> {
            ProjectEvent project = directory.find(projectId).orElse(null);
            if (project == null || project.schema() == null || !LabelShapes.categorical(project.schema().taskType())) {
                return;
            }
            projectLock.shared(projectId);
            Instant now = Instant.now(clock);
            boolean recent = snapshots.latest(projectId)
                    .map(s -> s.takenAt().isAfter(now.minus(config.snapshots().interval().dividedBy(2))))
                    .orElse(false);
            if (recent) {
                return;
            }
            AgreementReport report = current(project, 0);
            snapshots.save(new SnapshotRepository.Snapshot(projectId, now, report.annotationCount(), report.itemCount(),
                    EventCodec.mapper().valueToTree(report)));
        });
    }

    /** Alpha over the labels as values of the project's rating scale; labels off the scale are left out. */
    static Double scaledAlpha(RatingScale scale, Map<String, List<String>> byItem, KrippendorffAlpha.Metric metric) {
        List<List<Double>> units = new ArrayList<>();
        for (List<String> given : byItem.values()) {
            List<Double> values = new ArrayList<>();
            for (String value : given) {
                Double numeric = scale.value(value);
                if (numeric != null) {
                    values.add(numeric);
                }
            }
            units.add(values);
        }
        return defined(KrippendorffAlpha.ofUnits(units, metric).alpha());
    }

    /** The items with at least {@code minLabels} labels, and their labels: what a coefficient was computed over. */
    static AgreementReport.Coverage coverage(Map<String, ? extends Collection<String>> byItem, int minLabels) {
        long items = 0;
        long labels = 0;
        for (Collection<String> given : byItem.values()) {
            if (given.size() >= minLabels) {
                items++;
                labels += given.size();
            }
        }
        return new AgreementReport.Coverage(items, labels);
    }

    static Double defined(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
    }
}
