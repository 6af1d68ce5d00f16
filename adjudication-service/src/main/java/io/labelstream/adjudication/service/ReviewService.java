package io.labelstream.adjudication.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.adjudication.config.AdjudicationConfig;
import io.labelstream.adjudication.domain.AssessmentRecord;
import io.labelstream.adjudication.domain.CurrentGold;
import io.labelstream.adjudication.domain.LabelCheck;
import io.labelstream.adjudication.domain.ReviewItem;
import io.labelstream.adjudication.domain.ReviewReason;
import io.labelstream.adjudication.domain.ReviewState;
import io.labelstream.adjudication.repository.GoldRepository;
import io.labelstream.adjudication.repository.ItemContextRepository;
import io.labelstream.adjudication.repository.ReviewRepository;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.contracts.events.GoldLabel;
import io.labelstream.contracts.events.ProjectEvent;
import io.labelstream.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What reviewers do: lease the next item, decide its label, send it back for more labels, take it out of
 * the dataset, and correct gold labels. A reviewer's decision is final against later consensus; only
 * another reviewer's correction changes it. Callers have checked project membership.
 */
@ApplicationScoped
public class ReviewService {

    /** A reviewer's gold label carries full confidence: it is the expert's call, not an estimate. */
    static final double REVIEWER_CONFIDENCE = 1.0;

    private final ReviewRepository reviews;
    private final GoldRepository gold;
    private final ItemContextRepository items;
    private final GoldPublisher publisher;
    private final ReviewCaseReader reader;
    private final AdjudicationConfig config;
    private final Clock clock = Clock.systemUTC();

    public ReviewService(ReviewRepository reviews, GoldRepository gold, ItemContextRepository items,
                         GoldPublisher publisher, ReviewCaseReader reader, AdjudicationConfig config) {
        this.reviews = reviews;
        this.gold = gold;
        this.items = items;
        this.publisher = publisher;
        this.reader = reader;
        this.config = config;
    }

    /** The caller's live lease if they hold one, else a fresh lease on the oldest unleased item; empty if none. */
    @Transactional
    public Optional<ReviewCase> leaseNext(UUID projectId, String reviewer) {
        Instant now = Instant.now(clock);
        Optional<ReviewItem> leased = reviews.liveLeaseOf(projectId, reviewer, now)
                .or(() -> reviews.leaseNext(projectId, reviewer, UUID.randomUUID(), now.plus(config.reviewLease()), now));
        return leased.map(item -> reader.read(projectId, item.itemId(), now));
    }

    @Transactional
    public ReviewCase view(UUID projectId, UUID itemId) {
        return reader.read(projectId, itemId, Instant.now(clock));
    }

    @Transactional
    public List<ReviewItem> queue(UUID projectId, ReviewState state, int limit) {
        return reviews.byState(projectId, state, limit);
    }

    /** The reviewer's label becomes the item's next gold version. */
    @Transactional
    public GoldLabel decide(ProjectEvent project, UUID itemId, String reviewer, UUID leaseId, JsonNode label, String note) {
        requireValid(label, project);
        Instant now = Instant.now(clock);
        ReviewItem review = requireLease(project.projectId(), itemId, reviewer, leaseId, now);
        Optional<CurrentGold> reviewedGold = gold.current(itemId);
        GoldLabel published = publisher.publish(itemId, project.projectId(), Optional.of(project),
                GoldPublisher.Decision.byReviewer(label, reviewer, REVIEWER_CONFIDENCE), now);
        reviews.close(itemId, project.projectId(), ReviewState.DECIDED, review.reason(), reviewer, note, now);
        recordOutcome(project.projectId(), itemId, review.reason(), reviewer, reviewedGold, label, now);
        return published;
    }

    /**
     * The item needs more labels. Only quality asks annotators for labels, so this records the state and
     * shows it to clients; quality's next assessment of the item routes it again.
     */
    @Transactional
    public void sendBack(UUID projectId, UUID itemId, String reviewer, UUID leaseId, String note) {
        Instant now = Instant.now(clock);
        ReviewItem review = requireLease(projectId, itemId, reviewer, leaseId, now);
        reviews.close(itemId, projectId, ReviewState.RETURNED, review.reason(), reviewer, note, now);
    }

    /** The item is unusable (broken data, out of scope): it leaves the dataset for good. */
    @Transactional
    public void invalidate(UUID projectId, UUID itemId, String reviewer, UUID leaseId, String note) {
        Instant now = Instant.now(clock);
        ReviewItem review = requireLease(projectId, itemId, reviewer, leaseId, now);
        reviews.close(itemId, projectId, ReviewState.INVALID, review.reason(), reviewer, note, now);
        publisher.withdraw(itemId);
    }

    /** A reviewer re-decides an item that has been gold: the next version, decided by the reviewer. */
    @Transactional
    public GoldLabel correct(ProjectEvent project, UUID itemId, String reviewer, JsonNode label, String note) {
        requireValid(label, project);
        Instant now = Instant.now(clock);
        gold.lockItem(itemId);
        Optional<CurrentGold> current = gold.current(itemId);
        requireGoldHistory(project.projectId(), itemId, current);
        GoldLabel published = publisher.publish(itemId, project.projectId(), Optional.of(project),
                GoldPublisher.Decision.byReviewer(label, reviewer, REVIEWER_CONFIDENCE), now);
        reviews.close(itemId, project.projectId(), ReviewState.DECIDED, ReviewReason.CORRECTION, reviewer, note, now);
        if (current.map(c -> c.decidedBy() != DecidedBy.REVIEWER).orElse(false)) {
            // correcting a consensus or model label is an overturn of that decision, found after the fact
            reviews.recordOutcome(project.projectId(), itemId, ReviewReason.CORRECTION, reviewer, current.get().decidedBy(),
                    current.get().label(), label, !label.equals(current.get().label()), now);
        }
        return published;
    }

    /** A reviewer takes a gold item out of the dataset without leasing it. */
    @Transactional
    public void withdraw(UUID projectId, UUID itemId, String reviewer, String note) {
        Instant now = Instant.now(clock);
        gold.lockItem(itemId);
        Optional<CurrentGold> current = gold.current(itemId);
        if (current.isEmpty() || !current.get().projectId().equals(projectId)) {
            throw ProblemException.notFound("gold label of item " + itemId + " in project " + projectId);
        }
        reviews.close(itemId, projectId, ReviewState.INVALID, ReviewReason.CORRECTION, reviewer, note, now);
        publisher.withdraw(itemId);
    }

    private ReviewItem requireLease(UUID projectId, UUID itemId, String reviewer, UUID leaseId, Instant now) {
        gold.lockItem(itemId);
        ReviewItem review = reviews.find(itemId)
                .filter(r -> r.projectId().equals(projectId))
                .orElseThrow(() -> ProblemException.notFound("review item " + itemId + " in project " + projectId));
        if (!review.leaseHeldBy(leaseId, reviewer, now)) {
            throw ProblemException.conflict("lease " + leaseId + " on item " + itemId
                    + " is not a live lease of yours (expired, released or never held); lease the item again");
        }
        return review;
    }

    private void requireGoldHistory(UUID projectId, UUID itemId, Optional<CurrentGold> current) {
        boolean ofProject = current.map(c -> c.projectId().equals(projectId))
                .orElseGet(() -> reviews.find(itemId).map(r -> r.projectId().equals(projectId)).orElse(false)
                        && gold.latestVersion(itemId) > 0);
        if (!ofProject) {
            throw ProblemException.notFound("gold label of item " + itemId + " in project " + projectId);
        }
    }

    /**
     * A spot check of a model's decision reviews the model's gold label; every other review, the consensus of
     * the item's latest assessment.
     */
    private void recordOutcome(UUID projectId, UUID itemId, ReviewReason reason, String reviewer,
                               Optional<CurrentGold> reviewedGold, JsonNode label, Instant now) {
        if (reason == ReviewReason.MODEL_SPOT_CHECK && reviewedGold.map(g -> g.decidedBy() == DecidedBy.MODEL).orElse(false)) {
            JsonNode model = reviewedGold.get().label();
            reviews.recordOutcome(projectId, itemId, reason, reviewer, DecidedBy.MODEL, model, label, !model.equals(label), now);
            return;
        }
        JsonNode consensus = items.findAssessment(itemId).map(AssessmentRecord::consensusLabel)
                .filter(c -> !c.isNull()).orElse(null);
        reviews.recordOutcome(projectId, itemId, reason, reviewer, DecidedBy.CONSENSUS, consensus, label,
                consensus != null && !consensus.equals(label), now);
    }

    private static void requireValid(JsonNode label, ProjectEvent project) {
        LabelCheck.problem(label, project.schema()).ifPresent(reason -> {
            throw ProblemException.invalid("label", reason);
        });
    }
}
