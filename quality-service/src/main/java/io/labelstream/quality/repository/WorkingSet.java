package io.labelstream.quality.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.AnnotationSubmitted;
import io.labelstream.contracts.events.AnnotatorStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One project's quality state held in memory while steps are applied to it: the rows a step reads and writes
 * (items, labels, annotators, their category and confusion counts), changed here as the repositories' statements
 * would change them in the database, and written out in bulk by {@link WorkingSetTables}. Rows come back as the
 * database would give them: times to the microsecond, labels ordered by submission time then by id as PostgreSQL
 * orders uuids, a label's credit sorted by category.
 * <p>
 * A rebuild holds the whole project. A live poll batch holds a {@link #partial} set: its items with all of their
 * labels, its annotators with all of their counts. A partial set answers only what it holds whole; asked about
 * anything else (an item, label or annotator it did not read, or the whole project) it refuses rather than answer
 * from part of the state, and the repository reads the tables instead or the batch fails and is applied again
 * one annotation at a time.
 */
final class WorkingSet {

    // Comparators of their own rather than chains of Comparator.comparing: a fit sorts every label of the project,
    // and the chains' shared lambdas, called with every key extractor of the service, are not inlined
    private static final Comparator<LabelRow> ITEM_ORDER = (a, b) -> {
        int bySubmission = a.submittedAt().compareTo(b.submittedAt());
        return bySubmission != 0 ? bySubmission : comparePg(a.annotationId(), b.annotationId());
    };
    private static final Comparator<LabelRow> FIT_ORDER = (a, b) -> {
        int byItem = comparePg(a.itemId(), b.itemId());
        return byItem != 0 ? byItem : comparePg(a.annotationId(), b.annotationId());
    };
    private static final Comparator<LabelRow> ID_ORDER = (a, b) -> comparePg(a.annotationId(), b.annotationId());

    /** A label and the column of it no step reads. */
    record StoredLabel(LabelRow row, Integer guidelineVersion) {
    }

    final UUID projectId;
    /** Whether the set holds only some items and annotators of the project, rather than all of them. */
    final boolean partial;
    final Map<UUID, ItemRow> items = new HashMap<>();
    final Map<UUID, StoredLabel> labels = new HashMap<>();
    final Map<String, AnnotatorRow> annotators = new HashMap<>();
    final Map<String, Map<String, Integer>> categories = new HashMap<>();
    final Map<String, Map<String, Map<String, Double>>> confusion = new HashMap<>();
    final Set<UUID> changedItems = new LinkedHashSet<>();
    final Set<UUID> changedLabels = new LinkedHashSet<>();
    final Set<String> changedAnnotators = new LinkedHashSet<>();
    final Set<String> changedCategories = new LinkedHashSet<>();
    final Set<String> changedConfusion = new LinkedHashSet<>();
    private final Map<UUID, List<UUID>> labelsOfItem = new HashMap<>();
    /**
     * The annotations of a partial set's batch: one it does not hold has no label on its items, and the write-back
     * refuses one stored on another item.
     */
    private final Set<UUID> lookedUpLabels = new HashSet<>();
    /** Items whose decision and consensus were published, as they were then, for the tables' published columns. */
    final Map<UUID, ItemRow> published = new LinkedHashMap<>();
    private Optional<CrowdModelRepository.FittedModel> model;
    /** Whether a fit replaced every confusion count, so that those of the tables go before the set's are written. */
    boolean confusionReplaced;
    /** Whether the annotators and their counts were cleared, so that those of the tables go before the set's are written. */
    boolean annotatorsReplaced;
    /**
     * Items and labels as the tables hold them (labels without their annotator's status), so that a changed row
     * equal to its stored one is not written again, and a stored label the set no longer holds is deleted.
     */
    final Map<UUID, ItemRow> storedItems = new HashMap<>();
    final Map<UUID, StoredLabel> storedLabels = new HashMap<>();

    WorkingSet(UUID projectId) {
        this(projectId, false);
    }

    private WorkingSet(UUID projectId, boolean partial) {
        this.projectId = projectId;
        this.partial = partial;
    }

    /** A set that will hold only the items and annotators loaded into it. */
    static WorkingSet partial(UUID projectId) {
        return new WorkingSet(projectId, true);
    }

    /** A partial set that does not hold what a step asks about cannot answer it. */
    private void requireHeld(boolean held, String what) {
        if (partial && !held) {
            throw new IllegalStateException("the batch's working set of project " + projectId + " does not hold " + what);
        }
    }

    /** What needs the whole project cannot be answered from a partial set. */
    private void requireWhole(String what) {
        if (partial) {
            throw new IllegalStateException(what + " needs the whole project " + projectId + ", not a batch's rows");
        }
    }

    boolean holdsItem(UUID itemId) {
        return items.containsKey(itemId);
    }

    /** PostgreSQL compares uuids byte by byte, unsigned; Java's UUID.compareTo compares signed halves. */
    static int comparePg(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    // ---- loading: rows as read from the database, not changed -----------------------------------

    void loadItem(ItemRow row) {
        items.put(row.itemId(), row);
        storedItems.put(row.itemId(), row);
    }

    void loadLabel(LabelRow row, Integer guidelineVersion) {
        // the annotator's status is joined in when read, from the annotator's row
        StoredLabel stored = new StoredLabel(withStatus(row, null), guidelineVersion);
        labels.put(row.annotationId(), stored);
        storedLabels.put(row.annotationId(), stored);
        labelsOfItem.computeIfAbsent(row.itemId(), i -> new ArrayList<>()).add(row.annotationId());
    }

    /** A partial set looked for the annotation's label: if it holds none, there is none. */
    void lookedUp(UUID annotationId) {
        lookedUpLabels.add(annotationId);
    }

    void loadAnnotator(AnnotatorRow row) {
        annotators.put(row.annotatorId(), row);
    }

    void loadCategory(String annotatorId, String category, int count) {
        categories.computeIfAbsent(annotatorId, a -> new HashMap<>()).put(category, count);
    }

    void loadConfusion(String annotatorId, String truth, String given, double mass) {
        confusion.computeIfAbsent(annotatorId, a -> new TreeMap<>()).computeIfAbsent(truth, t -> new TreeMap<>())
                .put(given, mass);
    }

    /**
     * Takes the project back to before its first step, as a rebuild starts: no labels, annotators or counts, items
     * without an assessment, and the items journalled steps made gold or gave their own k back to regular items
     * with the project's k until those steps come again.
     */
    void clearForRebuild(Set<UUID> journalledCatalogItems) {
        requireWhole("a rebuild");
        items.replaceAll((itemId, row) -> {
            boolean catalogReset = journalledCatalogItems.contains(itemId);
            return new ItemRow(itemId, row.projectId(), !catalogReset && row.gold(),
                    catalogReset ? null : row.annotatorsPerItem(), catalogReset ? null : row.referenceAnswer(),
                    null, null, null, null, null, 0, null);
        });
        changedItems.addAll(items.keySet());
        labels.clear();
        labelsOfItem.clear();
        annotators.clear();
        categories.clear();
        confusion.clear();
        annotatorsReplaced = true;
    }

    // ---- items --------------------------------------------------------------------------------

    ItemRow lockItem(UUID itemId) {
        requireHeld(items.containsKey(itemId), "item " + itemId);
        return items.computeIfAbsent(itemId, id -> {
            changedItems.add(id);
            return new ItemRow(id, projectId, false, null, null, null, null, null, null, null, 0, null);
        });
    }

    void updateItem(UUID itemId, java.util.function.UnaryOperator<ItemRow> change) {
        ItemRow row = items.get(itemId);
        requireHeld(row != null, "item " + itemId);
        if (row != null) {
            items.put(itemId, change.apply(row));
            changedItems.add(itemId);
        }
    }

    /** The item's decision and consensus are published now: the tables remember them as they are at this step. */
    void markPublished(UUID itemId) {
        ItemRow row = items.get(itemId);
        requireHeld(row != null, "item " + itemId);
        if (row != null) {
            published.put(itemId, row);
        }
    }

    // ---- labels -------------------------------------------------------------------------------

    Optional<LabelRow> findLabel(UUID annotationId) {
        StoredLabel stored = labels.get(annotationId);
        requireHeld(stored != null || lookedUpLabels.contains(annotationId), "annotation " + annotationId);
        return stored == null ? Optional.empty() : Optional.of(withStatus(stored.row()));
    }

    void storeLabel(AnnotationSubmitted annotation, String category, boolean tooFast, Instant submittedAt) {
        StoredLabel previous = labels.get(annotation.annotationId());
        requireHeld(items.containsKey(annotation.itemId()), "item " + annotation.itemId());
        LabelRow row;
        if (previous == null) {
            row = new LabelRow(annotation.annotationId(), annotation.itemId(), annotation.projectId(),
                    annotation.annotatorId(), annotation.label(), category, annotation.revision(),
                    annotation.serverDurationMs(), annotation.clientDurationMs(), micros(submittedAt), tooFast,
                    null, null, null, Map.of(), null);
            labelsOfItem.computeIfAbsent(row.itemId(), i -> new ArrayList<>()).add(row.annotationId());
        } else {
            // as the upsert's conflict branch: the item, annotator, server time, speed and scores stay
            LabelRow old = previous.row();
            row = new LabelRow(old.annotationId(), old.itemId(), old.projectId(), old.annotatorId(), annotation.label(),
                    category, annotation.revision(), old.serverDurationMs(), annotation.clientDurationMs(),
                    micros(submittedAt), old.tooFast(), old.goldScore(), old.consensusScore(), old.peerScore(),
                    old.credited(), null);
        }
        labels.put(row.annotationId(), new StoredLabel(row, annotation.guidelineVersion()));
        changedLabels.add(row.annotationId());
    }

    List<LabelRow> labelsOfItem(UUID itemId) {
        requireHeld(items.containsKey(itemId), "the labels of item " + itemId);
        List<LabelRow> rows = new ArrayList<>();
        for (UUID annotationId : labelsOfItem.getOrDefault(itemId, List.of())) {
            rows.add(withStatus(labels.get(annotationId).row()));
        }
        rows.sort(ITEM_ORDER);
        return rows;
    }

    void saveScores(List<QualityLabelRepository.LabelScores> scores) {
        for (QualityLabelRepository.LabelScores score : scores) {
            StoredLabel stored = labels.get(score.annotationId());
            requireHeld(stored != null, "annotation " + score.annotationId());
            if (stored == null) {
                continue;
            }
            LabelRow l = stored.row();
            Map<String, Double> credited = score.credited().isEmpty() ? Map.of() : new TreeMap<>(score.credited());
            labels.put(l.annotationId(), new StoredLabel(new LabelRow(l.annotationId(), l.itemId(), l.projectId(),
                    l.annotatorId(), l.label(), l.category(), l.revision(), l.serverDurationMs(), l.clientDurationMs(),
                    l.submittedAt(), l.tooFast(), score.goldScore(), score.consensusScore(), score.peerScore(), credited,
                    null), stored.guidelineVersion()));
            changedLabels.add(l.annotationId());
        }
    }

    /** When a label was submitted and how long it took: what the project's speed is measured from. */
    record TimedLabel(UUID annotationId, Instant submittedAt, long serverDurationMs) {
    }

    /** The median server time of the latest {@code sample} labels, in seconds, as percentile_cont gives it. */
    Double recentMedianSeconds(int sample) {
        requireWhole("the project's speed");
        return medianOfLatest(labels.values().stream().map(StoredLabel::row).map(WorkingSet::timed).toList(), sample);
    }

    /**
     * As {@link #recentMedianSeconds(int)} for a partial set: over the latest labels the tables hold, given, and
     * the labels of this set, which replace the tables' where the set changed them.
     */
    Double recentMedianSeconds(int sample, List<TimedLabel> latestStored) {
        Map<UUID, TimedLabel> latest = new HashMap<>();
        latestStored.forEach(label -> latest.put(label.annotationId(), label));
        labels.values().forEach(label -> latest.put(label.row().annotationId(), timed(label.row())));
        return medianOfLatest(List.copyOf(latest.values()), sample);
    }

    private static TimedLabel timed(LabelRow row) {
        return new TimedLabel(row.annotationId(), row.submittedAt(), row.serverDurationMs());
    }

    private static Double medianOfLatest(List<TimedLabel> labels, int sample) {
        long[] millis = labels.stream()
                .sorted(Comparator.comparing(TimedLabel::submittedAt).reversed())
                .limit(sample).mapToLong(TimedLabel::serverDurationMs).sorted().toArray();
        if (millis.length == 0) {
            return null;
        }
        double position = (millis.length - 1) * 0.5;
        int below = (int) Math.floor(position);
        int above = (int) Math.ceil(position);
        return (millis[below] + (millis[above] - millis[below]) * (position - below)) / 1000.0;
    }

    private LabelRow withStatus(LabelRow l) {
        AnnotatorRow annotator = annotators.get(l.annotatorId());
        return withStatus(l, annotator == null ? null : annotator.status());
    }

    private static LabelRow withStatus(LabelRow l, AnnotatorStatus status) {
        return new LabelRow(l.annotationId(), l.itemId(), l.projectId(), l.annotatorId(), l.label(), l.category(),
                l.revision(), l.serverDurationMs(), l.clientDurationMs(), l.submittedAt(), l.tooFast(), l.goldScore(),
                l.consensusScore(), l.peerScore(), l.credited(), status);
    }

    // ---- annotators ---------------------------------------------------------------------------

    Map<String, AnnotatorRow> lockAnnotators(List<String> annotatorIds, AnnotatorStatus initialStatus) {
        Map<String, AnnotatorRow> rows = new HashMap<>();
        for (String annotatorId : annotatorIds) {
            requireHeld(annotators.containsKey(annotatorId), "annotator " + annotatorId);
            AnnotatorRow row = annotators.computeIfAbsent(annotatorId, id -> {
                changedAnnotators.add(id);
                return new AnnotatorRow(projectId, id, initialStatus, 0, 0, 0, 0.0, 0, 0.0, 0, 0.0, new long[0],
                        List.of(), null);
            });
            // a copy, as a fresh read would give: a step may change what it holds and then not store it
            rows.put(annotatorId, copy(row, row.assessedAt()));
        }
        return rows;
    }

    void saveAnnotators(List<AnnotatorRow> rows) {
        for (AnnotatorRow row : rows) {
            if (annotators.containsKey(row.annotatorId())) {
                annotators.put(row.annotatorId(), copy(row, micros(row.assessedAt())));
                changedAnnotators.add(row.annotatorId());
            }
        }
    }

    void countCategory(String annotatorId, String category, int delta) {
        requireHeld(annotators.containsKey(annotatorId), "annotator " + annotatorId);
        categories.computeIfAbsent(annotatorId, a -> new HashMap<>()).merge(category, delta, Integer::sum);
        changedCategories.add(annotatorId);
    }

    Map<String, Integer> mostFrequentCategoryCounts(java.util.Collection<String> annotatorIds) {
        Map<String, Integer> counts = new HashMap<>();
        for (String annotatorId : annotatorIds) {
            requireHeld(annotators.containsKey(annotatorId), "annotator " + annotatorId);
            Map<String, Integer> of = categories.get(annotatorId);
            if (of != null && !of.isEmpty()) {
                counts.put(annotatorId, of.values().stream().mapToInt(Integer::intValue).max().orElseThrow());
            }
        }
        return counts;
    }

    void countConfusion(List<QualityAnnotatorRepository.ConfusionDelta> deltas) {
        for (QualityAnnotatorRepository.ConfusionDelta d : deltas) {
            requireHeld(annotators.containsKey(d.annotatorId()), "annotator " + d.annotatorId());
            // as the upsert: the first move of a cell is its mass, a later one is added to it
            confusion.computeIfAbsent(d.annotatorId(), a -> new TreeMap<>())
                    .computeIfAbsent(d.truth(), t -> new TreeMap<>())
                    .merge(d.given(), d.delta(), Double::sum);
            changedConfusion.add(d.annotatorId());
        }
    }

    /** As the select: cells above 1e-9 only, each truth's cells sorted by given category. */
    Map<String, Map<String, Map<String, Double>>> confusionOf(List<String> annotatorIds) {
        Map<String, Map<String, Map<String, Double>>> counts = new HashMap<>();
        for (String annotatorId : annotatorIds) {
            requireHeld(annotators.containsKey(annotatorId), "annotator " + annotatorId);
            Map<String, Map<String, Double>> of = confusion.get(annotatorId);
            if (of == null) {
                continue;
            }
            of.forEach((truth, cells) -> cells.forEach((given, mass) -> {
                if (mass > 1e-9) {
                    counts.computeIfAbsent(annotatorId, a -> new HashMap<>())
                            .computeIfAbsent(truth, t -> new TreeMap<>()).put(given, mass);
                }
            }));
        }
        return counts;
    }

    /** The crowd model, read once and again after each fit stored one: only a REFIT step changes it. */
    Optional<CrowdModelRepository.FittedModel> model(Supplier<Optional<CrowdModelRepository.FittedModel>> read) {
        if (model == null) {
            model = read.get();
        }
        return model;
    }

    /** A fit stored a new model: the next step reads it back from the table, as a live step would. */
    void modelChanged() {
        model = null;
    }

    // ---- a crowd-model fit ---------------------------------------------------------------------

    long labelCount() {
        requireWhole("counting the project's labels");
        return labels.size();
    }

    /**
     * As {@link CrowdModelRepository#forEachFitAnswer}'s select: the categorical labels of decided regular items
     * whose annotator has a row, by item and then by annotation id, both in PostgreSQL's order.
     */
    void forEachFitAnswer(java.util.function.Consumer<CrowdModelRepository.FitAnswer> answers) {
        requireWhole("a crowd-model fit");
        List<LabelRow> fitted = labels.values().stream().map(StoredLabel::row)
                .filter(l -> l.category() != null && annotators.containsKey(l.annotatorId()))
                .filter(l -> {
                    ItemRow item = items.get(l.itemId());
                    return item != null && !item.gold() && item.decision() != null;
                })
                .sorted(FIT_ORDER)
                .toList();
        UUID itemId = null;
        String consensus = null;
        for (LabelRow l : fitted) {
            if (!l.itemId().equals(itemId)) {
                // written out once per item, not once per answer
                itemId = l.itemId();
                consensus = textOf(items.get(itemId).consensusLabel());
            }
            answers.accept(new CrowdModelRepository.FitAnswer(l.itemId(), l.annotatorId(), l.category(),
                    annotators.get(l.annotatorId()).status() != AnnotatorStatus.QUARANTINED, consensus));
        }
    }

    private static String textOf(JsonNode json) {
        return json == null ? null : json.toString();
    }

    /** Every categorical label of the items credits its item's posterior. */
    void creditItems(Map<UUID, Map<String, Double>> posteriors) {
        requireWhole("a crowd-model fit");
        posteriors.forEach((itemId, posterior) -> {
            Map<String, Double> credited = posterior.isEmpty() ? Map.of() : new TreeMap<>(posterior);
            for (UUID annotationId : labelsOfItem.getOrDefault(itemId, List.of())) {
                LabelRow l = labels.get(annotationId).row();
                if (l.category() != null) {
                    labels.put(annotationId, new StoredLabel(new LabelRow(l.annotationId(), l.itemId(), l.projectId(),
                            l.annotatorId(), l.label(), l.category(), l.revision(), l.serverDurationMs(),
                            l.clientDurationMs(), l.submittedAt(), l.tooFast(), l.goldScore(), l.consensusScore(),
                            l.peerScore(), credited, null), labels.get(annotationId).guidelineVersion()));
                    changedLabels.add(annotationId);
                }
            }
        });
    }

    /**
     * As {@link CrowdModelRepository#rebuildConfusion}: the confusion counts become the sums of what the
     * categorical labels credit, each cell summed in annotation id order (PostgreSQL's).
     */
    void rebuildConfusion() {
        requireWhole("a crowd-model fit");
        confusion.clear();
        labels.values().stream().map(StoredLabel::row)
                .filter(l -> l.category() != null && !l.credited().isEmpty())
                .sorted(ID_ORDER)
                .forEach(l -> l.credited().forEach((truth, mass) -> confusion
                        .computeIfAbsent(l.annotatorId(), a -> new TreeMap<>())
                        .computeIfAbsent(truth, t -> new TreeMap<>())
                        .merge(l.category(), mass, Double::sum)));
        confusionReplaced = true;
        changedConfusion.clear();
    }

    /** A time as a timestamptz column keeps it: rounded to the microsecond, as the JDBC driver sends it. */
    static Instant micros(Instant at) {
        if (at == null) {
            return null;
        }
        long nanos = at.getNano();
        long rounded = (nanos + 500) / 1000 * 1000;
        return Instant.ofEpochSecond(at.getEpochSecond()).plusNanos(rounded);
    }

    private static AnnotatorRow copy(AnnotatorRow r, Instant assessedAt) {
        return new AnnotatorRow(r.projectId(), r.annotatorId(), r.status(), r.labelCount(), r.tooFastCount(),
                r.goldAnswered(), r.goldScoreSum(), r.consensusCompared(), r.consensusScoreSum(), r.peerCompared(),
                r.peerScoreSum(), r.durationHistogram().clone(), List.copyOf(r.flags()), assessedAt);
    }
}
