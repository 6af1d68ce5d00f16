package io.labelstream.assignment.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The reservation table: slots of an item held for the annotators it was assigned to at ingestion, each with
 * its item's rank (the reserved claim's order). Two
 * counters follow the rows in the same statements: the item's reserved slots (kept out of the pool), and
 * each annotator's reservations (read with the progress row the claim locks, to skip the lookup at zero).
 * An assignee's lease redeems the reservation in its own statement (see AssignmentRepository).
 */
@ApplicationScoped
public class ReservationRepository {

    /*
     * The progress rows come first, in annotator order: that row is what serialises an annotator's claims
     * and quarantine, so its latest status decides. A quarantined annotator is never served again, so an
     * item is not reserved for them: its slot stays with the pool.
     */
    private static final String RESERVE = """
            with holders as (
                insert into annotator_progress (project_id, annotator_id, reservations)
                select ?, a.annotator_id, 1 from unnest(cast(? as text[])) as a(annotator_id) order by a.annotator_id
                on conflict (project_id, annotator_id) do update
                set reservations = annotator_progress.reservations
                                   + case when annotator_progress.status = 'QUARANTINED' then 0 else 1 end
                returning annotator_id, status),
            held as (
                insert into reservation (item_id, annotator_id, project_id, rank_at)
                select ?, h.annotator_id, ?, i.rank_at
                from holders h cross join (select rank_at from pool_item where item_id = ?) i
                where h.status is distinct from 'QUARANTINED'
                returning annotator_id),
            slots as (
                update pool_item set reserved = reserved + (select count(*) from held) where item_id = ?)
            select count(*) from held""";
    // items locked in item order, the order every other multi-item path (lease expiry) uses
    private static final String LOCK_RESERVED_ITEMS = """
            select item_id from pool_item
            where item_id in (select item_id from reservation where project_id = ? and annotator_id = ?)
            order by item_id for update""";
    private static final String FORFEIT = """
            with forfeited as (
                delete from reservation where project_id = ? and annotator_id = ? returning item_id),
            slots as (
                update pool_item p set reserved = p.reserved - 1 from forfeited f where p.item_id = f.item_id
                returning p.project_id, p.rank_at, p.available and p.kind = 'REGULAR' and not p.pilot as reopened),
            reopened as (""" + PoolItemRepository.reopened("slots where reopened") + """
            ),
            counted as (
                update annotator_progress set reservations = reservations - (select count(*) from forfeited)
                where project_id = ? and annotator_id = ?)
            select count(*) from forfeited""";

    // the expired lease's slot goes back to being the assignee's reservation instead of to the pool; the assignee
    // no longer counts as having had the item, which may put it behind their claim cursor: it counts as reopened
    private static final String RESTORE = """
            with restored as (
                insert into reservation (item_id, annotator_id, project_id, rank_at)
                select ?, ?, ?, rank_at from pool_item where item_id = ?
                on conflict do nothing returning item_id),
            slot as (
                update pool_item set taken = taken - 1, reserved = reserved + (select count(*) from restored)
                where item_id = ? returning project_id, rank_at, kind = 'REGULAR' and not pilot as reopened),
            reopened as (""" + PoolItemRepository.reopened("slot where reopened") + """
            ),
            counted as (
                update annotator_progress set reservations = reservations + (select count(*) from restored)
                where project_id = ? and annotator_id = ?)
            select count(*) from restored""";

    private final AgroalDataSource dataSource;

    public ReservationRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Reserves one slot of a newly stored item for each of the annotators (distinct); returns how many were
     * reserved. Call it in the transaction that stored the item, which holds the project's lock shared.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reserve(UUID itemId, UUID projectId, List<String> annotatorIds) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RESERVE)) {
            Array annotators = c.createArrayOf("text", annotatorIds.toArray());
            s.setObject(1, projectId);
            s.setArray(2, annotators);
            s.setObject(3, itemId);
            s.setObject(4, projectId);
            s.setObject(5, itemId);
            s.setObject(6, itemId);
            return count(s);
        } catch (SQLException e) {
            throw Jdbc.failure("reserving item " + itemId, e);
        }
    }

    /**
     * Gives every slot the annotator holds in the project back to the pool; returns how many. The caller
     * holds, in this order, the project's lock shared (a concurrent project change rewrites the same item
     * rows) and the annotator's progress row (the annotator's claims and new reservations wait on it); the
     * items are then locked in item order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forfeit(UUID projectId, String annotatorId) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(LOCK_RESERVED_ITEMS)) {
                s.setObject(1, projectId);
                s.setString(2, annotatorId);
                s.executeQuery().close();
            }
            try (PreparedStatement s = c.prepareStatement(FORFEIT)) {
                s.setObject(1, projectId);
                s.setString(2, annotatorId);
                s.setObject(3, projectId);
                s.setString(4, annotatorId);
                return count(s);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("forfeiting the reservations of " + annotatorId, e);
        }
    }

    /**
     * Turns the slot of an assignee's lease that expired unlabelled back into the assignee's reservation, so
     * the item stays theirs to lease. The caller holds the annotator's progress row, then the item's.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void restore(UUID itemId, UUID projectId, String annotatorId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(RESTORE)) {
            s.setObject(1, itemId);
            s.setString(2, annotatorId);
            s.setObject(3, projectId);
            s.setObject(4, itemId);
            s.setObject(5, itemId);
            s.setObject(6, projectId);
            s.setString(7, annotatorId);
            count(s);
        } catch (SQLException e) {
            throw Jdbc.failure("restoring the reservation of item " + itemId, e);
        }
    }

    private static int count(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            r.next();
            return r.getInt(1);
        }
    }
}
