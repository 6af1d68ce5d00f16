package io.labelstream.quality.domain.inference;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dawid–Skene (1979) truth inference by EM over all answers at once: every annotator has a full K x K
 * confusion matrix, the classes have a prior, and each item's true class is latent.
 * <ul>
 *   <li>Start: each item's vote shares (soft majority vote) stand in for its posterior.</li>
 *   <li>M-step: soft counts n_w[c][l] and class masses from the posteriors; smoothed confusion rows as
 *       described in {@link ConfusionModel} (Dirichlet prior centred on the crowd, strength by empirical Bayes).
 *       The strengths are re-chosen during the first 10 iterations and then held, so that from there on the
 *       iteration is plain MAP-EM, which never lowers its objective and so settles instead of cycling.</li>
 *   <li>E-step: P(z_i = c) proportional to P(c) * prod over i's answers of pi_w[c][l].</li>
 *   <li>Stop when no posterior moved more than the tolerance, or after the iteration cap.</li>
 * </ul>
 * The returned confusion matrices are re-estimated from the final posteriors, so model and labels agree.
 */
public final class DawidSkeneBatch {

    public record Options(int maxIterations, double tolerance) {

        public Options {
            if (maxIterations < 1 || !(tolerance > 0)) {
                throw new IllegalArgumentException("need maxIterations >= 1 and tolerance > 0");
            }
        }

        public static Options defaults() {
            return new Options(500, 1e-4);
        }
    }

    /**
     * An annotator's estimated behaviour: confusion.get(trueLabel).get(givenLabel) = P(given | true), and the
     * expected accuracy sum_c P(c) P(c | c) under the estimated class prior.
     */
    public record AnnotatorModel(double answers, Map<String, Map<String, Double>> confusion, double expectedAccuracy) {
    }

    public record Result(
            Map<String, InferredLabel> labels,
            Map<String, Double> classPrior,
            Map<String, AnnotatorModel> annotators,
            CrowdPrior crowd,
            int iterations,
            boolean converged) {
    }

    /** Internal outcome shared with the streaming estimator: counts consistent with the posteriors. */
    record Fit(ConfusionModel model, double[][] posterior, int iterations, boolean converged, long work) {
    }

    /** Empirical-Bayes strengths are re-chosen in the first iterations only; later ones are plain MAP-EM. */
    private static final int STRENGTH_ITERATIONS = 10;

    private final Options options;

    public DawidSkeneBatch(Options options) {
        this.options = options;
    }

    public DawidSkeneBatch() {
        this(Options.defaults());
    }

    /** Fits over the labels that occur in the answers (sorted; that order also settles exact ties). */
    public Result fit(Collection<Annotation> annotations) {
        return fit(annotations, LabelSpace.observedIn(annotations).labels());
    }

    public Result fit(Collection<Annotation> annotations, List<String> labels) {
        LabelSpace space = new LabelSpace(labels);
        AnswerTable table = AnswerTable.of(annotations, space);
        Fit fit = run(table, options);
        Map<String, InferredLabel> inferred = new LinkedHashMap<>();
        for (int i = 0; i < table.items(); i++) {
            inferred.put(table.itemIds.get(i), space.best(fit.posterior()[i]));
        }
        double[] prior = fit.model().classPrior();
        Map<String, AnnotatorModel> annotators = new LinkedHashMap<>();
        for (int w = 0; w < table.annotators(); w++) {
            annotators.put(table.annotatorIds.get(w), describe(fit.model(), w, prior, space));
        }
        return new Result(inferred, space.distribution(prior), annotators, CrowdPrior.of(fit.model(), space),
                fit.iterations(), fit.converged());
    }

    static Fit run(AnswerTable table, Options options) {
        int k = table.classes();
        double[][] posterior = table.voteShares();
        long work = 0;
        int iteration = 0;
        boolean converged = false;
        double[] strengths = null;
        while (iteration < options.maxIterations()) {
            iteration++;
            ConfusionModel model = maximise(table, posterior, iteration <= STRENGTH_ITERATIONS ? null : strengths);
            strengths = model.strengths();
            double[][][] logRates = model.logRates();
            double[] logPrior = new double[k];
            for (int c = 0; c < k; c++) {
                logPrior[c] = model.logPrior(c);
            }
            double largestChange = 0;
            double[] scores = new double[k];
            for (int i = 0; i < table.items(); i++) {
                System.arraycopy(logPrior, 0, scores, 0, k);
                for (int j = table.itemStart[i]; j < table.itemStart[i + 1]; j++) {
                    double[][] rates = logRates[table.annotator[j]];
                    int l = table.label[j];
                    for (int c = 0; c < k; c++) {
                        scores[c] += rates[c][l];
                    }
                }
                double[] updated = Posterior.normalise(scores);
                for (int c = 0; c < k; c++) {
                    largestChange = Math.max(largestChange, Math.abs(updated[c] - posterior[i][c]));
                }
                posterior[i] = updated;
            }
            work += 2L * table.answers() * k;
            if (largestChange < options.tolerance()) {
                converged = true;
                break;
            }
        }
        ConfusionModel model = maximise(table, posterior, strengths);
        work += (long) table.answers() * k;
        return new Fit(model, posterior, iteration, converged, work);
    }

    /** M-step: soft counts from the posteriors; strengths by empirical Bayes unless given. */
    static ConfusionModel maximise(AnswerTable table, double[][] posterior, double[] fixedStrengths) {
        ConfusionModel model = new ConfusionModel(table.classes(), table.annotators());
        if (table.annotators() > 0) {
            model.ensureAnnotator(table.annotators() - 1);
        }
        for (int i = 0; i < table.items(); i++) {
            for (int j = table.itemStart[i]; j < table.itemStart[i + 1]; j++) {
                model.credit(table.annotator[j], table.label[j], posterior[i]);
            }
            model.addItemMass(posterior[i], 1);
        }
        if (fixedStrengths == null) {
            model.chooseStrengths();
        } else {
            model.restoreStrengths(fixedStrengths);
        }
        return model;
    }

    private static AnnotatorModel describe(ConfusionModel model, int w, double[] prior, LabelSpace space) {
        int k = space.size();
        double[][] pi = model.confusion(w);
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        double accuracy = 0;
        for (int c = 0; c < k; c++) {
            rows.put(space.label(c), space.distribution(pi[c]));
            accuracy += prior[c] * pi[c][c];
        }
        return new AnnotatorModel(model.answersCredited(w), rows, accuracy);
    }
}
