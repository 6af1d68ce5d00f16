package io.labelstream.adjudication.service;

import io.labelstream.adjudication.domain.AnnotationRecord;
import io.labelstream.adjudication.domain.AnnotatorQuality;
import io.labelstream.adjudication.domain.ReviewItem;
import io.labelstream.adjudication.repository.GoldRepository;
import io.labelstream.adjudication.repository.ItemContextRepository;
import io.labelstream.adjudication.repository.ReviewRepository;
import io.labelstream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Assembles a {@link ReviewCase} from everything known about an item. */
@ApplicationScoped
public class ReviewCaseReader {

    private final ItemContextRepository items;
    private final ReviewRepository reviews;
    private final GoldRepository gold;

    public ReviewCaseReader(ItemContextRepository items, ReviewRepository reviews, GoldRepository gold) {
        this.items = items;
        this.reviews = reviews;
        this.gold = gold;
    }

    /** The case of an item of the project; 404 when the item is unknown or belongs to another project. */
    public ReviewCase read(UUID projectId, UUID itemId, Instant now) {
        Optional<ReviewItem> review = reviews.find(itemId);
        var item = items.findItem(itemId);
        var assessment = items.findAssessment(itemId);
        var current = gold.current(itemId);
        Optional<UUID> owner = review.map(ReviewItem::projectId)
                .or(() -> item.map(i -> i.projectId()))
                .or(() -> current.map(c -> c.projectId()));
        if (owner.isEmpty() || !owner.get().equals(projectId)) {
            throw ProblemException.notFound("item " + itemId + " in project " + projectId);
        }
        List<AnnotationRecord> annotations = items.annotations(itemId);
        Map<String, AnnotatorQuality> qualities = items.annotatorQualities(projectId,
                annotations.stream().map(AnnotationRecord::annotatorId).distinct().toList());
        return new ReviewCase(itemId, projectId,
                review.map(ReviewItem::state).orElse(null),
                review.map(ReviewItem::reason).orElse(null),
                review.map(ReviewItem::queuedAt).orElse(null),
                review.filter(r -> r.leasedAt(now))
                        .map(r -> new ReviewCase.Lease(r.leaseId(), r.leaseHolder(), r.leaseExpiresAt())).orElse(null),
                item.map(i -> new ReviewCase.Item(i.externalId(), i.kind(), i.data(), i.metadata(), i.ingestedAt()))
                        .orElse(null),
                assessment.map(a -> new ReviewCase.Consensus(a.decision(), a.consensusLabel(), a.confidence(),
                        a.agreement(), a.method(), a.labelCount(), a.annotationIds(), a.assessedAt())).orElse(null),
                annotations.stream().map(a -> new ReviewCase.Annotation(a.annotationId(), a.annotatorId(), a.label(),
                        a.revision(), a.guidelineVersion(), a.submittedAt(), qualities.get(a.annotatorId()))).toList(),
                items.predictions(itemId),
                current.map(c -> new ReviewCase.Gold(c.version(), c.label(), c.decidedBy(), c.decidedAt())).orElse(null),
                review.map(ReviewItem::note).orElse(null));
    }
}
