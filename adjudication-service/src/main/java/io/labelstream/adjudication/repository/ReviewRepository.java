package io.labelstream.adjudication.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.adjudication.domain.ReviewItem;
import io.labelstream.adjudication.domain.ReviewReason;
import io.labelstream.adjudication.domain.ReviewState;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The review queue, its leases, and the outcomes of reviews. */
@ApplicationScoped
public class ReviewRepository {

    private final Jdbc jdbc;

    public ReviewRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ReviewItem> find(UUID itemId) {
        return jdbc.one("select * from review_item where item_id = ?", ReviewRepository::map, itemId);
    }

    /** Puts the item (back) at the end of the queue, without a lease. */
    public void queue(UUID itemId, UUID projectId, ReviewReason reason, Instant now) {
        jdbc.update("""
                insert into review_item (item_id, project_id, state, reason, queued_at)
                values (?, ?, 'PENDING', ?, ?)
                on conflict (item_id) do update set state = 'PENDING', reason = excluded.reason,
                    queued_at = excluded.queued_at, lease_id = null, lease_holder = null, lease_expires_at = null,
                    closed_by = null, closed_at = null, note = null""",
                itemId, projectId, reason, now);
    }

    /** Records what a reviewer did with the item; the lease ends. */
    public void close(UUID itemId, UUID projectId, ReviewState state, ReviewReason reasonIfNew, String reviewer,
                      String note, Instant now) {
        jdbc.update("""
                insert into review_item (item_id, project_id, state, reason, queued_at, closed_by, closed_at, note)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (item_id) do update set state = excluded.state, lease_id = null, lease_holder = null,
                    lease_expires_at = null, closed_by = excluded.closed_by, closed_at = excluded.closed_at,
                    note = excluded.note""",
                itemId, projectId, state, reasonIfNew, now, reviewer, now, note);
    }

    /** The reviewer's live lease in the project, if they hold one. */
    /**
     * Takes back the unleased PENDING reviews of a project queued for {@code reason}, returning their
     * item ids, so that they can be routed again (e.g. once the project is known).
     */
    public List<UUID> withdrawPending(UUID projectId, ReviewReason reason) {
        return jdbc.list("""
                delete from review_item
                where project_id = ? and state = 'PENDING' and reason = ? and lease_id is null
                returning item_id""", row -> (UUID) row.getObject("item_id"), projectId, reason.name());
    }

    public Optional<ReviewItem> liveLeaseOf(UUID projectId, String reviewer, Instant now) {
        return jdbc.one("""
                select * from review_item where project_id = ? and state = 'PENDING' and lease_holder = ?
                    and lease_expires_at > ? order by queued_at limit 1""",
                ReviewRepository::map, projectId, reviewer, now);
    }

    /**
     * Leases the oldest pending item nobody holds. SKIP LOCKED lets concurrent reviewers pass over the row
     * another transaction is leasing, so each item gets exactly one live lease.
     */
    public Optional<ReviewItem> leaseNext(UUID projectId, String reviewer, UUID leaseId, Instant expiresAt, Instant now) {
        return jdbc.one("""
                update review_item set lease_id = ?, lease_holder = ?, lease_expires_at = ?
                where item_id = (
                    select item_id from review_item
                    where project_id = ? and state = 'PENDING' and (lease_expires_at is null or lease_expires_at <= ?)
                    order by queued_at, item_id
                    limit 1
                    for update skip locked)
                returning *""",
                ReviewRepository::map, leaseId, reviewer, expiresAt, projectId, now);
    }

    public List<ReviewItem> byState(UUID projectId, ReviewState state, int limit) {
        return jdbc.list("select * from review_item where project_id = ? and state = ? order by queued_at, item_id limit ?",
                ReviewRepository::map, projectId, state, limit);
    }

    public void recordOutcome(UUID projectId, UUID itemId, ReviewReason reason, String reviewer, JsonNode consensus,
                              JsonNode decided, boolean overturned, Instant now) {
        jdbc.update("""
                insert into review_outcome (project_id, item_id, reason, reviewer_id, consensus_label, decided_label,
                    overturned, decided_at)
                values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb), ?, ?)""",
                projectId, itemId, reason, reviewer, consensus, decided, overturned, now);
    }

    /** Reviews of a consensus per reason: how many, and how many the reviewer overturned. */
    public List<OutcomeCount> outcomeCounts(UUID projectId) {
        return jdbc.list("""
                select reason, count(*) as reviewed, count(*) filter (where overturned) as overturned
                from review_outcome where project_id = ? and consensus_label is not null
                group by reason order by reason""",
                row -> new OutcomeCount(ReviewReason.valueOf(row.getString("reason")), row.getLong("reviewed"),
                        row.getLong("overturned")), projectId);
    }

    public record OutcomeCount(ReviewReason reason, long reviewed, long overturned) {
    }

    private static ReviewItem map(ResultSet row) throws SQLException {
        return new ReviewItem((UUID) row.getObject("item_id"), (UUID) row.getObject("project_id"),
                ReviewState.valueOf(row.getString("state")), ReviewReason.valueOf(row.getString("reason")),
                Columns.instant(row, "queued_at"), (UUID) row.getObject("lease_id"), row.getString("lease_holder"),
                Columns.instant(row, "lease_expires_at"), row.getString("closed_by"), Columns.instant(row, "closed_at"),
                row.getString("note"));
    }
}
