package io.labelstream.quality.domain.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Dawid–Skene that takes one annotation at a time, as an incremental (online) EM over the same model and
 * smoothing as {@link DawidSkeneBatch}.
 * <p>
 * State: per annotator the soft confusion counts n_w[c][l] (with the crowd totals), the class masses, and per
 * item its answers and the posterior currently credited to those counts. On each annotation:
 * <ol>
 *   <li>the item's posterior is recomputed with the current annotator models, and every annotator who answered
 *       the item has its counts moved by the change in that posterior (the newcomer is credited the whole
 *       posterior) — the incremental E/M step of Neal and Hinton (1998), O(K n_i) for an item with n_i answers;</li>
 *   <li>a bounded number of earlier items, taken round-robin, get the same refresh, so stale beliefs about old
 *       items keep being revised at a fixed cost per annotation;</li>
 *   <li>at geometrically spaced checkpoints (after 256 annotations, then each time the count has grown by the
 *       growth factor) the model is re-estimated by bounded batch EM from the majority-vote start. A checkpoint
 *       costs O(T K N) for N stored answers, and because checkpoints are geometric the total re-estimation
 *       work stays below T K N g / (g - 1): amortised constant per annotation.</li>
 * </ol>
 * Why the checkpoints: incremental EM alone, started from an empty model, settles on a different and worse fixed
 * point than EM started from majority vote (early annotators are credited with agreeing with themselves on
 * items nobody else has answered yet); restarting from vote shares at growing intervals keeps the stream on the
 * batch solution, while every annotation in between still updates its item and the annotator models at once.
 * <p>
 * Reads ({@link #current(String)}, {@link #labels()}) compute the posterior afresh from the current annotator
 * models, so an item answered early is judged by what is known about its annotators now.
 * <p>
 * Memory grows with the answers kept (re-estimation needs them). Not thread-safe: feed one instance from a
 * single consumer.
 */
public final class StreamingDawidSkene {

    public record Options(
            int refreshesPerAnnotation,
            int firstReestimation,
            double reestimationGrowth,
            DawidSkeneBatch.Options reestimation) {

        public Options {
            if (refreshesPerAnnotation < 0 || firstReestimation < 1 || !(reestimationGrowth > 1.0)) {
                throw new IllegalArgumentException("need refreshes >= 0, first re-estimation >= 1, growth > 1");
            }
        }

        public static Options defaults() {
            return new Options(1, 256, 1.5, DawidSkeneBatch.Options.defaults());
        }
    }

    private static final class ItemState {
        final String id;
        int[] annotators = new int[4];
        int[] labels = new int[4];
        int size;
        double[] credited;

        ItemState(String id) {
            this.id = id;
        }

        void add(int annotator, int label) {
            if (size == annotators.length) {
                annotators = Arrays.copyOf(annotators, size * 2);
                labels = Arrays.copyOf(labels, size * 2);
            }
            annotators[size] = annotator;
            labels[size] = label;
            size++;
        }
    }

    private final LabelSpace space;
    private final Options options;
    private final Map<String, Integer> itemIndex = new HashMap<>();
    private final List<ItemState> items = new ArrayList<>();
    private final Map<String, Integer> annotatorIndex = new HashMap<>();
    private final List<String> annotatorIds = new ArrayList<>();
    private ConfusionModel model;
    private long annotations;
    private long nextReestimation;
    private int refreshCursor;
    private long lastUpdateWork;
    private long incrementalWork;
    private long reestimationWork;
    private int reestimations;

    public StreamingDawidSkene(List<String> labels, Options options) {
        this.space = new LabelSpace(labels);
        this.options = options;
        this.model = new ConfusionModel(space.size(), 16);
        this.nextReestimation = options.firstReestimation();
    }

    public StreamingDawidSkene(List<String> labels) {
        this(labels, Options.defaults());
    }

    /** Takes one annotation into the model and returns its item's updated label. */
    public InferredLabel add(Annotation annotation) {
        int label = space.indexOf(annotation.label());
        int annotator = annotatorIndex.computeIfAbsent(annotation.annotator(), id -> {
            annotatorIds.add(id);
            return annotatorIds.size() - 1;
        });
        model.ensureAnnotator(annotator);
        ItemState item = items.get(itemIndex.computeIfAbsent(annotation.item(), id -> {
            items.add(new ItemState(id));
            return items.size() - 1;
        }));
        item.add(annotator, label);
        annotations++;

        long work = refresh(item, true);
        for (int r = 0; r < options.refreshesPerAnnotation() && !items.isEmpty(); r++) {
            refreshCursor = (refreshCursor + 1) % items.size();
            work += refresh(items.get(refreshCursor), false);
        }
        lastUpdateWork = work;
        incrementalWork += work;

        if (annotations >= nextReestimation) {
            reestimate();
            nextReestimation = Math.max(annotations + 1, (long) Math.ceil(annotations * options.reestimationGrowth()));
        }
        return space.best(posteriorOf(item));
    }

    /** The item's label under the current annotator models, if it has any answer. */
    public Optional<InferredLabel> current(String item) {
        Integer i = itemIndex.get(item);
        return i == null ? Optional.empty() : Optional.of(space.best(posteriorOf(items.get(i))));
    }

    /** Every item's label under the current annotator models. */
    public Map<String, InferredLabel> labels() {
        Map<String, InferredLabel> result = new LinkedHashMap<>();
        for (ItemState item : items) {
            result.put(item.id, space.best(posteriorOf(item)));
        }
        return result;
    }

    public long annotations() {
        return annotations;
    }

    /** Work units (one per answer-class cell read or written) of the incremental part of the latest update. */
    public long lastUpdateWork() {
        return lastUpdateWork;
    }

    public long incrementalWork() {
        return incrementalWork;
    }

    public long reestimationWork() {
        return reestimationWork;
    }

    public int reestimations() {
        return reestimations;
    }

    public int classes() {
        return space.size();
    }

    private double[] posteriorOf(ItemState item) {
        int k = space.size();
        double[] scores = new double[k];
        for (int c = 0; c < k; c++) {
            scores[c] = model.logPrior(c);
        }
        for (int j = 0; j < item.size; j++) {
            for (int c = 0; c < k; c++) {
                scores[c] += Math.log(model.rate(item.annotators[j], c, item.labels[j]));
            }
        }
        return Posterior.normalise(scores);
    }

    /** Recomputes the item's posterior and moves its annotators' counts by the change; returns the work done. */
    private long refresh(ItemState item, boolean newestIsNew) {
        int k = space.size();
        double[] updated = posteriorOf(item);
        double[] previous = item.credited;
        double[] change = new double[k];
        for (int c = 0; c < k; c++) {
            change[c] = previous == null ? updated[c] : updated[c] - previous[c];
        }
        int alreadyCredited = newestIsNew ? item.size - 1 : item.size;
        if (previous == null) {
            alreadyCredited = 0;
        }
        for (int j = 0; j < item.size; j++) {
            model.credit(item.annotators[j], item.labels[j], j < alreadyCredited ? change : updated);
        }
        model.addItemMass(change, previous == null ? 1 : 0);
        item.credited = updated;
        return 2L * k * item.size;
    }

    private void reestimate() {
        int n = 0;
        int[] start = new int[items.size() + 1];
        for (int i = 0; i < items.size(); i++) {
            n += items.get(i).size;
            start[i + 1] = n;
        }
        int[] annotator = new int[n];
        int[] label = new int[n];
        List<String> itemIds = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ItemState item = items.get(i);
            itemIds.add(item.id);
            System.arraycopy(item.annotators, 0, annotator, start[i], item.size);
            System.arraycopy(item.labels, 0, label, start[i], item.size);
        }
        AnswerTable table = new AnswerTable(space, itemIds, List.copyOf(annotatorIds), start, annotator, label);
        DawidSkeneBatch.Fit fit = DawidSkeneBatch.run(table, options.reestimation());
        model = fit.model();
        for (int i = 0; i < items.size(); i++) {
            items.get(i).credited = fit.posterior()[i];
        }
        reestimationWork += fit.work() + n;
        reestimations++;
    }
}
