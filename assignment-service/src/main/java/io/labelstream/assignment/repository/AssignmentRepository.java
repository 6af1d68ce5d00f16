package io.labelstream.assignment.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.labelstream.assignment.domain.Assignment;
import io.labelstream.assignment.domain.AssignmentStatus;
import io.labelstream.assignment.domain.ClaimCursor;
import io.labelstream.platform.jdbc.Binds;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.platform.jdbc.JsonText;
import io.labelstream.platform.inbox.Inbox;
import io.labelstream.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The assignment table: one row per (item, annotator), ever. */
@ApplicationScoped
public class AssignmentRepository {

    private static final String COLUMNS =
            "assignment_id, item_id, project_id, annotator_id, counted, status, schema_version, leased_at, expires_at";
    // a lease in one round trip: the assignment (its unique (item, annotator) key is the final guard), the
    // item's slot when the lease counts towards k, and the annotator's served counters. When the annotator
    // holds a reservation of the item, the lease redeems it: the reserved slot becomes the taken one, so
    // taken + reserved does not grow, whichever pool the item came from. Its TaskAssigned event goes into
    // the outbox in the same statement, which saves the claim a round trip.
    private static final String INSERT_LEASE = "with redeemed as (delete from reservation where ? and item_id = ?"
            + " and annotator_id = ? returning item_id),"
            + " leased as (insert into assignment (" + COLUMNS + ", claim_key, redeemed)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (select count(*) > 0 from redeemed)) returning item_id),"
            + " slot as (update pool_item set taken = taken + 1, reserved = reserved - (select count(*) from redeemed)"
            + " where ? and item_id = (select item_id from leased)),"
            + " served as (update annotator_progress set served = served + 1, gold_served = gold_served + ?,"
            + " qualification_served = qualification_served + ?,"
            + " reservations = reservations - (select count(*) from redeemed),"
            + " claim_after_rank = ?, claim_after_item = cast(? as uuid), cursor_reopens = ?, cursor_generation = ?"
            + " where project_id = ? and annotator_id = ?),"
            + " published as (insert into " + Outbox.INSERT_TARGET + " select ?, ?, ?, ? from leased)"
            + " select count(*) from leased";
    static final String FIND = "select " + COLUMNS + " from assignment where assignment_id = ?";
    // A first submission's whole effect in one statement: the inbox's record of the event, the end of the
    // lease (only a live lease of the submitting annotator on that item), the item's completed count and
    // TaskCompleted into the outbox. Answers whether the delivery was the first, and whether a lease ended.
    static final String COMPLETE = completion(Inbox.FIRST_DELIVERY);
    // the same for a delivery the caller already found to be the first (a poll batch records all its events in
    // the inbox in one statement): the same parameters, the consumer and event id only selected back
    static final String COMPLETE_FIRST_SEEN = completion("select cast(? as text), cast(? as uuid)");
    static final String END = "update assignment set status = ?, ended_at = ?, release_note = ?, annotation_id = ?"
            + " where assignment_id = ? and status = 'LEASED' returning " + COLUMNS;
    static final String EXTEND = "update assignment set expires_at = ? where assignment_id = ? and annotator_id = ?"
            + " and status = 'LEASED' and expires_at > ? returning " + COLUMNS;
    // skip rows another replica is expiring right now; item order keeps lock order stable across batches
    private static final String EXPIRE_DUE = """
            with due as (
                select assignment_id from assignment where status = 'LEASED' and expires_at <= ?
                order by item_id limit ? for update skip locked)
            update assignment a set status = 'EXPIRED', ended_at = ? from due
            where a.assignment_id = due.assignment_id
            returning a.assignment_id, a.item_id, a.project_id, a.annotator_id, a.counted, a.status,
                      a.schema_version, a.leased_at, a.expires_at, a.redeemed""";
    // Each lease's item data by a lookup on pool_item's key, not a join: the planner cannot tell how few live
    // leases an annotator holds (it guesses a hundred or more where there are one or two) and would then
    // hash-join them with a scan of every project's items. A scalar subquery is an index probe per lease
    // whatever the estimate, so the cost follows the annotator's leases, not the size of the pool.
    private static final String LEASE_WITH_DATA = "select a.assignment_id, a.item_id, a.project_id, a.annotator_id,"
            + " a.counted, a.status, a.schema_version, a.leased_at, a.expires_at,"
            + " (select p.data from pool_item p where p.item_id = a.item_id) as data"
            + " from assignment a";
    static final String OPEN_OF_ANNOTATOR = LEASE_WITH_DATA
            + " where a.annotator_id = ? and a.project_id = ? and a.status = 'LEASED' and a.expires_at > ?"
            + " order by a.leased_at, a.assignment_id limit ?";
    /** The unique index that keeps an annotator's claim keys in a project apart. */
    private static final String CLAIM_KEY_INDEX = "assignment_claim_key";
    // the lease an earlier claim with the same key made, with its item's data
    static final String BY_CLAIM_KEY = LEASE_WITH_DATA
            + " where a.project_id = ? and a.annotator_id = ? and a.claim_key = ?";
    private static final String DATA = "select data from pool_item where item_id = ?";

    private final AgroalDataSource dataSource;

    public AssignmentRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores a new lease with its bookkeeping: takes one of the item's k slots when {@code countsTowardsK},
     * and counts the task as served to the annotator, as gold or qualification when so. With
     * {@code mayHoldReservation} (a slot-counted lease of an annotator who holds reservations) it redeems the
     * annotator's reservation of the item, if there is one; otherwise that lookup is left out. Writes
     * {@code assigned}, the lease's event, to the outbox; the caller tells the outbox it was written. Stores
     * {@code cursor} as the annotator's claim cursor.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertLease(Assignment a, String claimKey, boolean countsTowardsK, boolean gold,
                            boolean qualification, boolean mayHoldReservation, ClaimCursor cursor,
                            Outbox.Pending assigned) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT_LEASE)) {
            s.setBoolean(1, countsTowardsK && mayHoldReservation);
            s.setObject(2, a.itemId());
            s.setString(3, a.annotatorId());
            s.setObject(4, a.assignmentId());
            s.setObject(5, a.itemId());
            s.setObject(6, a.projectId());
            s.setString(7, a.annotatorId());
            s.setBoolean(8, a.counted());
            s.setString(9, a.status().name());
            s.setInt(10, a.schemaVersion());
            s.setTimestamp(11, Binds.timestamp(a.leasedAt()));
            s.setTimestamp(12, Binds.timestamp(a.expiresAt()));
            s.setString(13, claimKey);
            s.setBoolean(14, countsTowardsK);
            s.setInt(15, gold ? 1 : 0);
            s.setInt(16, qualification ? 1 : 0);
            AnnotatorProgressRepository.bindCursor(s, 17, cursor);
            s.setObject(21, a.projectId());
            s.setString(22, a.annotatorId());
            assigned.bind(s, 23);
            s.executeQuery().close();
        } catch (SQLException e) {
            if (claimKey != null && refusedBy(e, CLAIM_KEY_INDEX)) {
                throw new ClaimKeyUsed(claimKey);
            }
            throw Jdbc.failure("storing assignment " + a.assignmentId(), e);
        }
    }

    /**
     * The annotator used the claim's key in the project before: the claim is a retry, and its transaction, which
     * the unique index aborted, must be rolled back.
     */
    public static final class ClaimKeyUsed extends RuntimeException {
        ClaimKeyUsed(String claimKey) {
            super("the claim key " + claimKey + " was used before");
        }
    }

    private static boolean refusedBy(SQLException e, String index) {
        return Jdbc.uniqueViolation(e) && e instanceof PSQLException refusal
                && refusal.getServerErrorMessage() != null
                && index.equals(refusal.getServerErrorMessage().getConstraint());
    }

    /** What a submission did to its lease. */
    public enum Completion {
        /** the event was applied before */
        REDELIVERED,
        /** the lease ended as completed, its item counted the label and TaskCompleted was written */
        COMPLETED,
        /** no live lease of the annotator on the item: expired, released, or never theirs */
        NOT_LIVE
    }

    /**
     * Applies a first submission of {@code assignmentId}, once per {@code eventId} of {@code consumer}: ends
     * the annotator's live lease on the item as completed at {@code at}, counts it on the item and writes
     * {@code completed} to the outbox; the caller tells the outbox it was written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Completion complete(String consumer, UUID eventId, UUID assignmentId, String annotatorId, UUID itemId,
                               UUID annotationId, Instant at, Outbox.Pending completed) {
        return complete(COMPLETE, consumer, eventId, assignmentId, annotatorId, itemId, annotationId, at, completed);
    }

    /**
     * {@link #complete} of a delivery the caller already recorded as the first in the inbox; never answers
     * {@link Completion#REDELIVERED}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Completion completeFirstSeen(String consumer, UUID eventId, UUID assignmentId, String annotatorId,
                                        UUID itemId, UUID annotationId, Instant at, Outbox.Pending completed) {
        return complete(COMPLETE_FIRST_SEEN, consumer, eventId, assignmentId, annotatorId, itemId, annotationId, at,
                completed);
    }

    private Completion complete(String sql, String consumer, UUID eventId, UUID assignmentId, String annotatorId,
                                UUID itemId, UUID annotationId, Instant at, Outbox.Pending completed) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, consumer);
            s.setObject(2, eventId);
            s.setTimestamp(3, Binds.timestamp(at));
            s.setObject(4, annotationId);
            s.setObject(5, assignmentId);
            s.setString(6, annotatorId);
            s.setObject(7, itemId);
            completed.bind(s, 8);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getInt(1) == 0) {
                    return Completion.REDELIVERED;
                }
                return r.getInt(2) == 1 ? Completion.COMPLETED : Completion.NOT_LIVE;
            }
        } catch (SQLException e) {
            throw Jdbc.failure("completing assignment " + assignmentId, e);
        }
    }

    private static String completion(String first) {
        return "with first as (" + first + "),"
                + " ended as (update assignment set status = 'COMPLETED', ended_at = ?, annotation_id = ?"
                + " where assignment_id = ? and annotator_id = ? and item_id = ? and status = 'LEASED'"
                + " and exists (select 1 from first) returning item_id),"
                + " counted as (update pool_item set completed = completed + 1"
                + " where item_id = (select item_id from ended)),"
                + " published as (insert into " + Outbox.INSERT_TARGET + " select ?, ?, ?, ? from ended)"
                + " select (select count(*) from first), (select count(*) from ended)";
    }

    /** The lease the annotator's earlier claim with {@code claimKey} made in the project, whatever its state. */
    public Optional<OpenAssignment> byClaimKey(UUID projectId, String annotatorId, String claimKey) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(BY_CLAIM_KEY)) {
            s.setObject(1, projectId);
            s.setString(2, annotatorId);
            s.setString(3, claimKey);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new OpenAssignment(read(r), JsonText.tree(r.getString(10))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading the claim of " + annotatorId, e);
        }
    }

    public Optional<Assignment> find(UUID assignmentId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(FIND)) {
            s.setObject(1, assignmentId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading assignment " + assignmentId, e);
        }
    }

    /** Ends a live lease; empty if it was not live any more (a concurrent end wins, once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Assignment> end(UUID assignmentId, AssignmentStatus status, Instant at, String note,
                                    UUID annotationId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(END)) {
            s.setString(1, status.name());
            s.setTimestamp(2, Binds.timestamp(at));
            s.setString(3, note);
            s.setObject(4, annotationId);
            s.setObject(5, assignmentId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("ending assignment " + assignmentId, e);
        }
    }

    /** Moves the expiry of the annotator's live, unexpired lease; empty if there is none. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Assignment> extend(UUID assignmentId, String annotatorId, Instant now, Instant newExpiry) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(EXTEND)) {
            s.setTimestamp(1, Binds.timestamp(newExpiry));
            s.setObject(2, assignmentId);
            s.setString(3, annotatorId);
            s.setTimestamp(4, Binds.timestamp(now));
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(read(r)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("extending assignment " + assignmentId, e);
        }
    }

    /** Marks up to {@code limit} leases that ran out by {@code now} as expired and returns them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ExpiredLease> expireDue(Instant now, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(EXPIRE_DUE)) {
            s.setTimestamp(1, Binds.timestamp(now));
            s.setInt(2, limit);
            s.setTimestamp(3, Binds.timestamp(now));
            List<ExpiredLease> expired = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    expired.add(new ExpiredLease(read(r), r.getBoolean(10)));
                }
            }
            return expired;
        } catch (SQLException e) {
            throw Jdbc.failure("expiring leases", e);
        }
    }

    /** An annotator's live leases in a project, with the items' data. */
    public List<OpenAssignment> openOf(String annotatorId, UUID projectId, Instant now, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(OPEN_OF_ANNOTATOR)) {
            s.setString(1, annotatorId);
            s.setObject(2, projectId);
            s.setTimestamp(3, Binds.timestamp(now));
            s.setInt(4, limit);
            List<OpenAssignment> open = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    open.add(new OpenAssignment(read(r), JsonText.tree(r.getString(10))));
                }
            }
            return open;
        } catch (SQLException e) {
            throw Jdbc.failure("listing assignments", e);
        }
    }

    public JsonNode itemData(UUID itemId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(DATA)) {
            s.setObject(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("item " + itemId + " of an assignment is missing");
                }
                return JsonText.tree(r.getString(1));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading item " + itemId, e);
        }
    }

    /** A lease that ran out, and whether it had redeemed a reservation of its annotator. */
    public record ExpiredLease(Assignment assignment, boolean redeemedReservation) {
    }

    /** A lease with the data of its item. */
    public record OpenAssignment(Assignment assignment, JsonNode data) {
    }

    private static Assignment read(ResultSet r) throws SQLException {
        return new Assignment(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getObject(3, UUID.class),
                r.getString(4), r.getBoolean(5), AssignmentStatus.valueOf(r.getString(6)), r.getInt(7),
                Columns.instant(r.getTimestamp(8)), Columns.instant(r.getTimestamp(9)));
    }
}
