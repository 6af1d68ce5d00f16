package io.labelstream.adjudication.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;
import java.util.UUID;

/**
 * The review of an item: its place in the review queue, its lease and what became of it, shown as a
 * {@link ReviewItem}. A reviewer's lease is taken by the claim in SQL, which skips the rows others are
 * leasing; the entity queues and closes the review, so an update writes only the columns it changed.
 */
@Entity
@Table(name = "review_item")
@DynamicUpdate
public class Review extends PanacheEntityBase {

    @Id
    @Column(name = "item_id")
    private UUID itemId;

    @Column(name = "project_id")
    private UUID projectId;

    @Enumerated(EnumType.STRING)
    private ReviewState state;

    @Enumerated(EnumType.STRING)
    private ReviewReason reason;

    @Column(name = "queued_at")
    private Instant queuedAt;

    @Column(name = "lease_id")
    private UUID leaseId;

    @Column(name = "lease_holder")
    private String leaseHolder;

    @Column(name = "lease_expires_at")
    private Instant leaseExpiresAt;

    @Column(name = "closed_by")
    private String closedBy;

    @Column(name = "closed_at")
    private Instant closedAt;

    private String note;

    protected Review() {
    }

    /** A review waiting at the end of the queue, without a lease. */
    public static Review queued(UUID itemId, UUID projectId, ReviewReason reason, Instant now) {
        Review review = new Review();
        review.itemId = itemId;
        review.projectId = projectId;
        review.requeue(reason, now);
        return review;
    }

    /** A review closed by a reviewer who did not take it from the queue, e.g. a correction of gold. */
    public static Review closedUnqueued(UUID itemId, UUID projectId, ReviewState state, ReviewReason reason,
                                        String reviewer, String note, Instant now) {
        Review review = new Review();
        review.itemId = itemId;
        review.projectId = projectId;
        review.reason = reason;
        review.queuedAt = now;
        review.close(state, reviewer, note, now);
        return review;
    }

    /** Back at the end of the queue for {@code why}: any lease and any earlier outcome are gone. */
    public void requeue(ReviewReason why, Instant now) {
        state = ReviewState.PENDING;
        reason = why;
        queuedAt = now;
        endLease();
        closedBy = null;
        closedAt = null;
        note = null;
    }

    /** Records what a reviewer did; the lease ends. */
    public void close(ReviewState outcome, String reviewer, String reviewerNote, Instant now) {
        state = outcome;
        endLease();
        closedBy = reviewer;
        closedAt = now;
        note = reviewerNote;
    }

    public ReviewItem view() {
        return new ReviewItem(itemId, projectId, state, reason, queuedAt, leaseId, leaseHolder, leaseExpiresAt,
                closedBy, closedAt, note);
    }

    private void endLease() {
        leaseId = null;
        leaseHolder = null;
        leaseExpiresAt = null;
    }
}
