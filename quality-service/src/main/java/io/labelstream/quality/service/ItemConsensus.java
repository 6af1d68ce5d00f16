package io.labelstream.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.domain.inference.Annotation;
import io.labelstream.quality.domain.inference.InferredLabel;
import io.labelstream.quality.domain.inference.MajorityVote;
import io.labelstream.quality.domain.inference.WeightedVote;
import io.labelstream.quality.domain.policy.ItemOverlap;
import io.labelstream.quality.repository.ItemAssessment;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One item's consensus, by the project's aggregation method for categorical task types and by the
 * structured consensus rule of the other task types, with the item's agreement and each label's scores.
 */
@ApplicationScoped
public class ItemConsensus {

    static final String MAJORITY = "MAJORITY";
    static final String WEIGHTED = "WEIGHTED";
    static final String DAWID_SKENE = "DAWID_SKENE";
    private static final String ITEM = "item";

    private final LabelAgreement agreement;
    private final StructuredConsensus structured;
    private final ItemDecisions decisions;
    private final QualityConfig config;

    public ItemConsensus(LabelAgreement agreement, StructuredConsensus structured, ItemDecisions decisions,
                         QualityConfig config) {
        this.agreement = agreement;
        this.structured = structured;
        this.decisions = decisions;
        this.config = config;
    }

    public ConsensusOutcome assess(TaskType type, ProjectPolicies policies, ItemEvidence evidence) {
        List<CountedLabel> labels = evidence.labels();
        List<JsonNode> values = labels.stream().map(CountedLabel::label).toList();
        Map<Integer, Double> peers = agreement.peerScores(type, values);
        Double itemAgreement = LabelAgreement.meanOfPeers(peers);
        Map<UUID, Double> peerScores = new HashMap<>();
        peers.forEach((index, score) -> peerScores.put(labels.get(index).annotationId(), score));
        if (labels.isEmpty()) {
            return new ConsensusOutcome(null, null, 0.0, null, methodOf(type, policies), Map.of(), Map.of(), Map.of());
        }
        if (LabelShapes.categorical(type)) {
            return categorical(type, policies, evidence, itemAgreement, peerScores);
        }
        StructuredConsensus.Result result = structured.consensus(type, values);
        Map<UUID, Double> consensusScores = new HashMap<>();
        for (CountedLabel label : labels) {
            consensusScores.put(label.annotationId(), agreement.between(type, label.label(), result.label()));
        }
        return new ConsensusOutcome(result.label(), null, result.confidence(), itemAgreement, result.method(),
                consensusScores, peerScores, Map.of());
    }

    public ItemAssessment decide(ProjectPolicies policies, ItemOverlap overlap, ConsensusOutcome outcome,
                                 int labelCount) {
        return decisions.decide(policies, overlap, outcome, labelCount);
    }

    /** A label's agreement with a gold item's reference answer, by the task type's measure. */
    public double goldScore(TaskType type, JsonNode label, JsonNode reference) {
        return agreement.between(type, label, reference);
    }

    private ConsensusOutcome categorical(TaskType type, ProjectPolicies policies, ItemEvidence evidence,
                                         Double itemAgreement, Map<UUID, Double> peerScores) {
        List<Annotation> answers = evidence.labels().stream()
                .map(l -> new Annotation(ITEM, l.annotatorId(), l.category()))
                .toList();
        String method = methodOf(type, policies);
        String winner;
        double confidence;
        Map<String, Double> credit;
        switch (method) {
            case MAJORITY -> {
                MajorityVote.Outcome vote = MajorityVote.infer(answers).get(ITEM);
                winner = vote.label();
                confidence = vote.confidence();
                credit = Map.of(winner, 1.0);
            }
            case WEIGHTED -> {
                InferredLabel vote = WeightedVote.infer(answers, oneCoinWeights(evidence), 1.0).get(ITEM);
                winner = vote.label();
                confidence = vote.confidence();
                credit = Map.of(winner, 1.0);
            }
            default -> {
                // each label credits the whole posterior: an item on the edge counts half for either class
                // instead of fully for the class that won it, which kept early mistakes at full weight
                InferredLabel vote = dawidSkene(evidence, answers);
                winner = vote.label();
                confidence = vote.confidence();
                credit = vote.distribution();
            }
        }
        Map<UUID, Double> consensusScores = new HashMap<>();
        for (CountedLabel label : evidence.labels()) {
            consensusScores.put(label.annotationId(), label.category().equals(winner) ? 1.0 : 0.0);
        }
        return new ConsensusOutcome(categoryLabel(type, winner, evidence), winner, confidence, itemAgreement, method,
                consensusScores, peerScores, credit);
    }

    /**
     * Posterior under the annotators' confusion counts, or the crowd-model fit's when a fit decides the item (which
     * may favour a category none of the item's labels gave: annotators known to confuse it); exact ties go to the
     * majority vote's winner.
     */
    private InferredLabel dawidSkene(ItemEvidence evidence, List<Annotation> answers) {
        List<String> classes = new ArrayList<>(new TreeSet<>(answers.stream().map(Annotation::label).toList()));
        Map<String, Double> posterior = evidence.fitted();
        if (posterior == null || posterior.isEmpty()) {
            List<String[]> pairs = answers.stream().map(a -> new String[]{a.annotator(), a.label()}).toList();
            posterior = ConfusionPosterior.posterior(pairs, evidence.confusion(), classes, evidence.crowd(),
                    config.inference().diagonalPrior(), config.inference().offDiagonalPrior());
        }
        String majority = MajorityVote.infer(answers).get(ITEM).label();
        String best = majority;
        for (Map.Entry<String, Double> entry : posterior.entrySet()) {
            if (entry.getValue() > posterior.get(best) + 1e-12) {
                best = entry.getKey();
            }
        }
        return new InferredLabel(best, posterior.get(best), posterior);
    }

    /** Log-odds weights from each annotator's accuracy against earlier consensus, Laplace-smoothed. */
    private static Map<String, Double> oneCoinWeights(ItemEvidence evidence) {
        int classes = Math.max(2, (int) evidence.labels().stream().map(CountedLabel::category).distinct().count());
        Map<String, Double> weights = new HashMap<>();
        evidence.confusion().forEach((annotator, rows) -> {
            double agreed = 0;
            double total = 0;
            for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
                for (Map.Entry<String, Double> cell : row.getValue().entrySet()) {
                    total += Math.max(0, cell.getValue());
                    agreed += row.getKey().equals(cell.getKey()) ? Math.max(0, cell.getValue()) : 0;
                }
            }
            weights.put(annotator, WeightedVote.logOddsWeight((agreed + 1) / (total + 2), classes));
        });
        for (CountedLabel label : evidence.labels()) {
            weights.putIfAbsent(label.annotatorId(), WeightedVote.logOddsWeight(0.5 + 0.5 / classes, classes));
        }
        return weights;
    }

    /**
     * The consensus category written back in the task type's label shape: the first label's form that gave it,
     * else the category's own.
     */
    private static JsonNode categoryLabel(TaskType type, String category, ItemEvidence evidence) {
        String field = switch (type) {
            case SINGLE_LABEL -> "choice";
            case PREFERENCE -> "preferred";
            default -> "rating";
        };
        for (CountedLabel label : evidence.labels()) {
            if (category.equals(label.category())) {
                ObjectNode node = JsonNodeFactory.instance.objectNode();
                node.set(field, label.label().get(field));
                return node;
            }
        }
        return LabelShapes.labelOf(type, category);
    }

    static String methodOf(TaskType type, ProjectPolicies policies) {
        if (!LabelShapes.categorical(type)) {
            return StructuredConsensus.methodOf(type);
        }
        String method = policies.aggregation() == null ? DAWID_SKENE : policies.aggregation().toUpperCase(Locale.ROOT);
        return switch (method) {
            case MAJORITY, WEIGHTED -> method;
            default -> DAWID_SKENE;
        };
    }
}
