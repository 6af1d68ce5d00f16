package io.labelstream.assignment.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.assignment.domain.PoolRank;
import io.labelstream.assignment.domain.Reranking;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The pool_item rows of a poll batch, each statement for all of them: rows are locked in item order, the order
 * every path that holds several item rows takes them in, so batches and lease expiries over the same items
 * wait for one another instead of deadlocking.
 */
@ApplicationScoped
public class PoolItemBatchRepository {

    private static final String LOCK = "select item_id from pool_item where item_id = any(?) order by item_id for update";
    private static final String CLOSE = """
            with locked as (
                select item_id from pool_item where item_id = any(?) and not closed order by item_id for update)
            update pool_item p set closed = true from locked l where p.item_id = l.item_id""";
    static final String LOCK_RANKS = "select item_id, ingested_at, rank_at from pool_item"
            + " where item_id = any(cast(? as uuid[])) order by item_id for update";
    // PoolItemRepository's rank update for many items, one row each. The caller holds the items' rows, and the
    // rank they had before (which the single-item update reads in its statement) went into the reopenings
    // passed in: one per step of the batch that moved an item earlier, counted for a claimable item only, as
    // the single-item update counts them. The item's reservations carry its rank too.
    static final String SET_RANKS = """
            with ranks (item_id, uncertainty, rank_at) as (
                select * from unnest(cast(? as uuid[]), cast(? as float8[]), cast(? as timestamptz[]))),
            ranked as (
                update pool_item p set uncertainty = r.uncertainty, rank_at = r.rank_at from ranks r
                where p.item_id = r.item_id
                returning p.item_id, p.project_id, p.available and p.kind = 'REGULAR' and not p.pilot as claimable),
            reserved as (
                update reservation v set rank_at = r.rank_at from ranks r where v.item_id = r.item_id),
            moved (item_id, rank_at) as (
                select * from unnest(cast(? as uuid[]), cast(? as timestamptz[]))),
            earlier as (
                select k.project_id, m.rank_at from moved m join ranked k on k.item_id = m.item_id where k.claimable)
            """ + PoolItemRepository.reopened("earlier");

    private final AgroalDataSource dataSource;

    public PoolItemBatchRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Locks the items (those that exist) in item order. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(Collection<UUID> itemIds) {
        if (!itemIds.isEmpty()) {
            run(LOCK, itemIds, "locking");
        }
    }

    /** Closes the items that are still open: none of them is served again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void close(Collection<UUID> itemIds) {
        if (!itemIds.isEmpty()) {
            run(CLOSE, itemIds, "closing");
        }
    }

    /** Locks the items (those in the pool) in item order; answers where each of them stands. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, PoolRank> lockRanks(Collection<UUID> itemIds) {
        Map<UUID, PoolRank> ranks = new HashMap<>();
        if (itemIds.isEmpty()) {
            return ranks;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOCK_RANKS)) {
            s.setArray(1, c.createArrayOf("uuid", itemIds.stream().distinct().toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ranks.put(r.getObject(1, UUID.class),
                            new PoolRank(Columns.instant(r.getTimestamp(2)), Columns.instant(r.getTimestamp(3))));
                }
            }
            return ranks;
        } catch (SQLException e) {
            throw Jdbc.failure("locking " + itemIds.size() + " items", e);
        }
    }

    /** Sets each item's uncertainty and rank, one reranking per item, and counts the reopenings they made. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setRanks(Collection<Reranking> rerankings) {
        if (rerankings.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SET_RANKS)) {
            s.setArray(1, c.createArrayOf("uuid", rerankings.stream().map(Reranking::itemId).toArray()));
            s.setArray(2, c.createArrayOf("float8", rerankings.stream().map(Reranking::uncertainty).toArray()));
            // instants as ISO text, which PostgreSQL reads as the same instant whatever the session's time zone
            s.setArray(3, c.createArrayOf("text", rerankings.stream().map(r -> r.rankAt().toString()).toArray()));
            s.setArray(4, c.createArrayOf("uuid", rerankings.stream()
                    .flatMap(r -> r.movedEarlierTo().stream().map(rank -> r.itemId())).toArray()));
            s.setArray(5, c.createArrayOf("text", rerankings.stream()
                    .flatMap(r -> r.movedEarlierTo().stream().map(Instant::toString)).toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("ranking " + rerankings.size() + " items", e);
        }
    }

    private void run(String sql, Collection<UUID> itemIds, String doing) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", itemIds.stream().distinct().toArray()));
            s.execute();
        } catch (SQLException e) {
            throw Jdbc.failure(doing + " " + itemIds.size() + " items", e);
        }
    }
}
