package io.labelstream.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.contracts.events.ItemAssessed;
import io.labelstream.contracts.project.ProjectPolicies;
import io.labelstream.quality.domain.inference.CrowdPrior;
import io.labelstream.quality.domain.policy.ItemOverlap;
import io.labelstream.quality.repository.AnnotatorRow;
import io.labelstream.quality.repository.CrowdModelRepository;
import io.labelstream.quality.repository.ItemAssessment;
import io.labelstream.quality.repository.ItemRow;
import io.labelstream.quality.repository.LabelRow;
import io.labelstream.quality.repository.QualityAnnotatorRepository;
import io.labelstream.quality.repository.QualityItemRepository;
import io.labelstream.quality.repository.QualityLabelRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides an item from its labels: a gold item scores its labels against its reference answer; a regular one
 * gets its consensus and decision once it has its first k counted labels, and its labels' scores and credit move
 * their annotators' aggregates (in {@code rows}) and confusion counts.
 */
@ApplicationScoped
public class ItemAssessor {

    private final QualityItemRepository items;
    private final QualityLabelRepository labels;
    private final QualityAnnotatorRepository annotators;
    private final CrowdModelRepository models;
    private final ItemConsensus consensus;

    public ItemAssessor(QualityItemRepository items, QualityLabelRepository labels,
                        QualityAnnotatorRepository annotators, CrowdModelRepository models, ItemConsensus consensus) {
        this.items = items;
        this.labels = labels;
        this.annotators = annotators;
        this.models = models;
        this.consensus = consensus;
    }

    /**
     * @param rows   the item's annotators, locked; updated in place with the scores their labels get
     * @param fitted a crowd-model fit's posterior over the item's categories, deciding it instead of the live
     *               score; null for the live score
     */
    void assess(AssessedProject project, ItemRow item, List<LabelRow> itemLabels, Map<String, AnnotatorRow> rows,
                ConfusionCredit credit, Map<String, Double> fitted, Instant at, StepEffects effects) {
        if (item.gold()) {
            scoreAgainstReference(project, item, itemLabels, rows);
            items.saveLabelCount(item.itemId(), itemLabels.size());
            return;
        }
        List<LabelRow> counted = itemLabels.stream()
                .filter(l -> rows.get(l.annotatorId()).status() != AnnotatorStatus.QUARANTINED)
                .toList();
        ProjectPolicies policies = project.policies();
        // the item's own k came with its row; an item whose ItemIngested has not arrived yet takes the project's
        ItemOverlap overlap = ItemOverlap.of(item.annotatorsPerItem(), policies.annotatorsPerItem(),
                policies.maxAnnotatorsPerItem());
        if (overlap.waitsForFirstLabels(counted.size()) && item.decision() == null) {
            items.saveLabelCount(item.itemId(), counted.size());
            return;
        }
        List<CountedLabel> votes = votes(counted);
        ConsensusOutcome outcome = consensus.assess(project.taskType(), policies,
                evidence(project, counted, credit, fitted));
        ItemAssessment assessment = consensus.decide(policies, overlap, outcome, votes.size());
        items.saveAssessment(item.itemId(), assessment, at);
        effects.itemAssessed(new ItemAssessed(item.itemId(), project.id(), assessment.decision(),
                assessment.consensusLabel(), assessment.confidence() == null ? 0.0 : assessment.confidence(),
                assessment.agreement(), assessment.method(), assessment.labelCount(),
                counted.stream().map(LabelRow::annotationId).toList(), project.schemaVersion(), at));

        List<QualityAnnotatorRepository.ConfusionDelta> confusionMoves = new ArrayList<>();
        List<QualityLabelRepository.LabelScores> scores = new ArrayList<>();
        for (LabelRow label : itemLabels) {
            Double consensusScore = outcome.consensusScores().get(label.annotationId());
            Double peerScore = outcome.peerScores().get(label.annotationId());
            AnnotatorRow row = rows.get(label.annotatorId());
            row = AnnotatorAggregates.replaceConsensusScore(row, label.consensusScore(), consensusScore);
            row = AnnotatorAggregates.replacePeerScore(row, label.peerScore(), peerScore);
            rows.put(label.annotatorId(), row);
            Map<String, Double> labelCredit = label.category() == null ? Map.of() : outcome.credit();
            confusionMoves.addAll(credit.moves(label, labelCredit));
            scores.add(new QualityLabelRepository.LabelScores(label.annotationId(), label.goldScore(), consensusScore,
                    peerScore, labelCredit));
        }
        annotators.countConfusion(project.id(), confusionMoves);
        labels.saveScores(scores);
    }

    /**
     * The item's annotators' confusion counts minus what this item itself credited; and for Dawid–Skene the
     * project's crowd model, one row read by key that changes only in a REFIT step, which holds the project
     * exclusively.
     */
    private ItemEvidence evidence(AssessedProject project, List<LabelRow> counted, ConfusionCredit credit,
                                  Map<String, Double> fitted) {
        CrowdPrior crowd = ItemConsensus.DAWID_SKENE.equals(ItemConsensus.methodOf(project.taskType(), project.policies()))
                ? models.find(project.id()).map(CrowdModelRepository.FittedModel::crowd).orElse(null)
                : null;
        Map<String, Map<String, Map<String, Double>>> confusion = annotators.confusionOf(project.id(),
                counted.stream().map(LabelRow::annotatorId).distinct().toList());
        credit.withoutOwnCredit(confusion, counted);
        return new ItemEvidence(votes(counted), confusion, crowd, fitted);
    }

    private static List<CountedLabel> votes(List<LabelRow> counted) {
        return counted.stream()
                .map(l -> new CountedLabel(l.annotationId(), l.annotatorId(), l.label(), l.category()))
                .toList();
    }

    private void scoreAgainstReference(AssessedProject project, ItemRow item, List<LabelRow> itemLabels,
                                       Map<String, AnnotatorRow> rows) {
        JsonNode reference = item.referenceAnswer();
        if (reference == null) {
            return;
        }
        List<QualityLabelRepository.LabelScores> scores = new ArrayList<>();
        for (LabelRow label : itemLabels) {
            double score = consensus.goldScore(project.taskType(), label.label(), reference);
            AnnotatorRow row = AnnotatorAggregates.replaceGoldScore(rows.get(label.annotatorId()), label.goldScore(), score);
            rows.put(label.annotatorId(), row);
            scores.add(new QualityLabelRepository.LabelScores(label.annotationId(), score, label.consensusScore(),
                    label.peerScore(), label.credited()));
        }
        labels.saveScores(scores);
    }
}
