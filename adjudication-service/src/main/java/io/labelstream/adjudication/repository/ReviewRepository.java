package io.labelstream.adjudication.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.adjudication.domain.Review;
import io.labelstream.adjudication.domain.ReviewItem;
import io.labelstream.adjudication.domain.ReviewOutcome;
import io.labelstream.adjudication.domain.ReviewReason;
import io.labelstream.adjudication.domain.ReviewState;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The review queue, its leases, and the outcomes of reviews. A review is read, queued and closed as a
 * {@link Review} entity: every writer of an item's review holds the item's lock ({@code
 * GoldRepository.lockItem}), and the entity takes the row lock the upserts it replaced took. The lease
 * is a claim and stays SQL, and so do taking back a project's waiting reviews at once and the reads of the
 * queue, whose plans are checked against a table of many projects.
 */
@ApplicationScoped
public class ReviewRepository {

    // the reads of a reviewer's requests are SQL, each with an index that holds its cost to the project's
    // own reviews (ReviewQueryPlanTest)
    static final String LIVE_LEASE = """
            select * from review_item
            where lease_holder = ? and project_id = ? and state = 'PENDING' and lease_expires_at > ?
            order by queued_at limit 1""";
    static final String LEASE_NEXT = """
            update review_item set lease_id = ?, lease_holder = ?, lease_expires_at = ?
            where item_id = (
                select item_id from review_item
                where project_id = ? and state = 'PENDING' and (lease_expires_at is null or lease_expires_at <= ?)
                order by queued_at, item_id
                limit 1
                for update skip locked)
            returning *""";
    static final String BY_STATE = """
            select * from review_item where project_id = ? and state = ? order by queued_at, item_id limit ?""";

    private final Jdbc jdbc;

    public ReviewRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ReviewItem> find(UUID itemId) {
        return Review.<Review>findByIdOptional(itemId).map(Review::view);
    }

    /**
     * The reviews of those of the items that have one, read in one statement. SQL, not a query of the entity: an
     * entity query over a list of ids is translated to SQL anew for each list length, which cost a batch of
     * assessments more than the rest of its routing; the few reviews a batch then writes lock and load their row.
     */
    public Map<UUID, ReviewItem> findAll(Collection<UUID> itemIds) {
        Map<UUID, ReviewItem> found = new HashMap<>();
        if (!itemIds.isEmpty()) {
            jdbc.list("select * from review_item where item_id = any(?)", ReviewRepository::map,
                    (Object) itemIds.toArray(UUID[]::new)).forEach(review -> found.put(review.itemId(), review));
        }
        return found;
    }

    /** Puts the item (back) at the end of the queue, without a lease. */
    public void queue(UUID itemId, UUID projectId, ReviewReason reason, Instant now) {
        locked(itemId).ifPresentOrElse(review -> review.requeue(reason, now),
                () -> Review.queued(itemId, projectId, reason, now).persist());
        Review.flush();
    }

    /** Records what a reviewer did with the item; the lease ends. */
    public void close(UUID itemId, UUID projectId, ReviewState state, ReviewReason reasonIfNew, String reviewer,
                      String note, Instant now) {
        locked(itemId).ifPresentOrElse(review -> review.close(state, reviewer, note, now),
                () -> Review.closedUnqueued(itemId, projectId, state, reasonIfNew, reviewer, note, now).persist());
        Review.flush();
    }

    /**
     * Takes back the unleased PENDING reviews of a project queued for {@code reason}, returning their
     * item ids, so that they can be routed again (e.g. once the project is known).
     */
    public List<UUID> withdrawPending(UUID projectId, ReviewReason reason) {
        // the delete sees what the session changed; the session forgets what the delete took
        Review.flush();
        List<UUID> withdrawn = jdbc.list("""
                delete from review_item
                where project_id = ? and state = 'PENDING' and reason = ? and lease_id is null
                returning item_id""", row -> Columns.uuid(row, "item_id"), projectId, reason);
        withdrawn.forEach(ReviewRepository::forget);
        return withdrawn;
    }

    /** The reviewer's live lease in the project, if they hold one. */
    public Optional<ReviewItem> liveLeaseOf(UUID projectId, String reviewer, Instant now) {
        return jdbc.one(LIVE_LEASE, ReviewRepository::map, reviewer, projectId, now);
    }

    /**
     * Leases the oldest pending item nobody holds. SKIP LOCKED lets concurrent reviewers pass over the row
     * another transaction is leasing, so each item gets exactly one live lease.
     */
    public Optional<ReviewItem> leaseNext(UUID projectId, String reviewer, UUID leaseId, Instant expiresAt, Instant now) {
        Optional<ReviewItem> leased = jdbc.one(LEASE_NEXT, ReviewRepository::map, leaseId, reviewer, expiresAt,
                projectId, now);
        leased.ifPresent(item -> forget(item.itemId()));
        return leased;
    }

    public List<ReviewItem> byState(UUID projectId, ReviewState state, int limit) {
        // what the session changed is flushed as each change is made (queue, close), so SQL reads it
        return jdbc.list(BY_STATE, ReviewRepository::map, projectId, state.name(), limit);
    }

    public void recordOutcome(UUID projectId, UUID itemId, ReviewReason reason, String reviewer, DecidedBy reviewedDecidedBy,
                              JsonNode reviewed, JsonNode decided, boolean overturned, Instant now) {
        new ReviewOutcome(projectId, itemId, reason, reviewer, reviewedDecidedBy, reviewed, decided, overturned, now)
                .persistAndFlush();
    }

    /**
     * Reviews of a consensus or a model decision per reason and per decider of the reviewed label: how many,
     * and how many the reviewer overturned.
     */
    public List<OutcomeCount> outcomeCounts(UUID projectId) {
        return ReviewOutcome.getEntityManager().createQuery("""
                        select o.reason, o.reviewedDecidedBy, count(o), count(case when o.overturned then 1 end)
                        from ReviewOutcome o
                        where o.projectId = ?1 and o.consensusLabel is not null
                        group by o.reason, o.reviewedDecidedBy order by o.reason, o.reviewedDecidedBy""", Object[].class)
                .setParameter(1, projectId)
                .getResultStream()
                .map(row -> new OutcomeCount((ReviewReason) row[0], (DecidedBy) row[1], (Long) row[2], (Long) row[3]))
                .toList();
    }

    public record OutcomeCount(ReviewReason reason, DecidedBy decidedBy, long reviewed, long overturned) {
    }

    /** The item's review, its row locked to the end of the transaction. */
    private static Optional<Review> locked(UUID itemId) {
        return Review.findByIdOptional(itemId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Drops the session's copy of a review that SQL just changed, so that the next read loads the row. */
    private static void forget(UUID itemId) {
        EntityManager session = Review.getEntityManager();
        // the managed copy if there is one, else a reference that costs no query
        Review cached = session.getReference(Review.class, itemId);
        if (session.contains(cached)) {
            session.detach(cached);
        }
    }

    private static ReviewItem map(ResultSet row) throws SQLException {
        return new ReviewItem((UUID) row.getObject("item_id"), (UUID) row.getObject("project_id"),
                ReviewState.valueOf(row.getString("state")), ReviewReason.valueOf(row.getString("reason")),
                Columns.instant(row, "queued_at"), (UUID) row.getObject("lease_id"), row.getString("lease_holder"),
                Columns.instant(row, "lease_expires_at"), row.getString("closed_by"), Columns.instant(row, "closed_at"),
                row.getString("note"));
    }
}
