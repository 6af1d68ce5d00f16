package io.labelstream.quality.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.labelstream.contracts.project.TaskType;
import io.labelstream.quality.config.QualityConfig;
import io.labelstream.quality.domain.consensus.BordaCount;
import io.labelstream.quality.domain.consensus.BoxConsensus;
import io.labelstream.quality.domain.consensus.SpanVoting;
import io.labelstream.quality.domain.structured.Box;
import io.labelstream.quality.domain.structured.Span;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Consensus of structured labels with a strict majority of the item's annotators as quorum: span voting
 * by position, box clustering by IoU, Borda count for rankings, and per-choice majority for label sets.
 * Confidence is the labels' mean agreement with the consensus.
 */
@ApplicationScoped
public class StructuredConsensus {

    private final LabelAgreement agreement;
    private final QualityConfig config;

    public StructuredConsensus(LabelAgreement agreement, QualityConfig config) {
        this.agreement = agreement;
        this.config = config;
    }

    /** The consensus label, its confidence (0..1) and the method's name. */
    public record Result(JsonNode label, double confidence, String method) {
    }

    public Result consensus(TaskType type, List<JsonNode> labels) {
        int quorum = labels.size() / 2 + 1;
        JsonNode consensus = switch (type) {
            case SPANS -> spans(labels, quorum);
            case BOXES -> boxes(labels, quorum);
            case RANKING -> ranking(labels);
            case MULTI_LABEL -> choices(labels, quorum);
            default -> throw new IllegalArgumentException(type + " is categorical");
        };
        double confidence = labels.stream().mapToDouble(l -> agreement.between(type, l, consensus)).average().orElse(0);
        return new Result(consensus, confidence, methodOf(type));
    }

    static String methodOf(TaskType type) {
        return switch (type) {
            case SPANS -> "SPAN_VOTING";
            case BOXES -> "BOX_CONSENSUS";
            case RANKING -> "BORDA_COUNT";
            default -> "CHOICE_MAJORITY";
        };
    }

    private static JsonNode spans(List<JsonNode> labels, int quorum) {
        List<List<Span>> byAnnotator = labels.stream().map(LabelShapes::spans).toList();
        ArrayNode spans = JsonNodeFactory.instance.arrayNode();
        for (SpanVoting.VotedSpan voted : SpanVoting.byOverlap(byAnnotator, quorum)) {
            spans.addObject().put("start", voted.span().start()).put("end", voted.span().end())
                    .put("label", voted.span().label());
        }
        ObjectNode label = JsonNodeFactory.instance.objectNode();
        label.set("spans", spans);
        return label;
    }

    private JsonNode boxes(List<JsonNode> labels, int quorum) {
        List<List<Box>> byAnnotator = labels.stream().map(LabelShapes::boxes).toList();
        ArrayNode boxes = JsonNodeFactory.instance.arrayNode();
        for (BoxConsensus.ConsensusBox consensus
                : BoxConsensus.consensus(byAnnotator, config.inference().boxIouThreshold(), quorum)) {
            Box box = consensus.box();
            boxes.addObject().put("x", box.x()).put("y", box.y()).put("width", box.width())
                    .put("height", box.height()).put("label", box.label());
        }
        ObjectNode label = JsonNodeFactory.instance.objectNode();
        label.set("boxes", boxes);
        return label;
    }

    /** Borda count over the rankings with tiers flattened in order (a tie keeps its listed order). */
    private static JsonNode ranking(List<JsonNode> labels) {
        List<List<String>> rankings = new ArrayList<>();
        for (JsonNode label : labels) {
            rankings.add(LabelShapes.rankingTiers(label).stream().flatMap(List::stream).toList());
        }
        ArrayNode order = JsonNodeFactory.instance.arrayNode();
        BordaCount.aggregate(rankings).forEach(ranked -> order.add(ranked.item()));
        ObjectNode label = JsonNodeFactory.instance.objectNode();
        label.set("ranking", order);
        return label;
    }

    private static JsonNode choices(List<JsonNode> labels, int quorum) {
        Map<String, Integer> votes = new TreeMap<>();
        labels.forEach(label -> LabelShapes.choices(label).forEach(choice -> votes.merge(choice, 1, Integer::sum)));
        ArrayNode chosen = JsonNodeFactory.instance.arrayNode();
        votes.forEach((choice, count) -> {
            if (count >= quorum) {
                chosen.add(choice);
            }
        });
        ObjectNode label = JsonNodeFactory.instance.objectNode();
        label.set("choices", chosen);
        return label;
    }
}
