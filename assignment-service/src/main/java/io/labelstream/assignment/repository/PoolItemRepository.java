package io.labelstream.assignment.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.assignment.domain.ClaimedItem;
import io.labelstream.assignment.domain.ItemOverlap;
import io.labelstream.assignment.domain.TaskPool;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.platform.jdbc.Binds;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.platform.jdbc.JsonText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The pool_item table: items, their rank and their slot accounting. */
@ApplicationScoped
public class PoolItemRepository {

    // required from the stored project itself, not a cache: null while the project is unknown. A new item has
    // no extra labels yet, so its required count is its base k: its own overlap, else the project's.
    private static final String INSERT = """
            insert into pool_item (item_id, project_id, kind, pilot, qualification, data, schema_version,
                                   ingested_at, rank_at, annotators_per_item, required)
            select ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, cast(? as integer),
                   (select coalesce(cast(? as integer), (document -> 'policies' ->> 'annotatorsPerItem')::int)
                    from project_view where project_id = ?)
            on conflict (item_id) do nothing""";

    // "never the same item twice", in the terms of the unique index it reads through: a lease of a reserved item
    // that expired unlabelled does not count, the item is still the annotator's
    private static final String NEVER_ASSIGNED_TO_CALLER =
            " and not exists (select 1 from assignment a where a.item_id = p.item_id and a.annotator_id = ?"
            + " and not (a.status = 'EXPIRED' and a.redeemed))";

    static final Map<TaskPool, String> CLAIMS = new EnumMap<>(Map.of(
            /*
             * The annotator's first open reservation by rank, through the index on (project_id, annotator_id),
             * then that one item locked. A held slot is already counted in taken + reserved, so the lease only
             * needs taken < required, re-checked on the locked row: it fails only when the item was closed or
             * its k lowered below what was reserved meanwhile. No SKIP LOCKED: no one else may take this slot,
             * so the claim waits the few milliseconds another short transaction holds the row (a claim of one
             * of its pool slots, a completion). It waits for one row only, holding no other item row, so it
             * cannot close a cycle of waits.
             */
            TaskPool.RESERVED, "select p.item_id, p.data from pool_item p where p.item_id = ("
                    + "select r.item_id from reservation r join pool_item q on q.item_id = r.item_id"
                    + " where r.project_id = ? and r.annotator_id = ? and not q.closed and q.required is not null"
                    + " and q.taken < q.required order by q.rank_at, q.item_id limit 1)"
                    + " and not p.closed and p.taken < p.required for update of p",
            /*
             * Regular items: the first row by rank with an open slot that this annotator never had. FOR UPDATE
             * re-checks the predicate on the row's latest version once locked, so a slot taken by a concurrent
             * claim (another replica included) is seen; SKIP LOCKED lets concurrent claims spread over items.
             */
            TaskPool.REGULAR, "select item_id, data from pool_item p where project_id = ? and available"
                    + " and kind = 'REGULAR' and not pilot" + NEVER_ASSIGNED_TO_CALLER
                    + " order by rank_at, item_id limit 1 for update of p skip locked",
            // not slot-counted: every annotator may get each of these once, the unique key guards that
            TaskPool.GOLD, "select item_id, data from pool_item p where project_id = ? and kind = 'GOLD'"
                    + " and not pilot and not closed" + NEVER_ASSIGNED_TO_CALLER + " order by rank_at, item_id limit 1",
            TaskPool.QUALIFICATION, "select item_id, data from pool_item p where project_id = ? and kind = 'GOLD'"
                    + " and qualification and not pilot" + NEVER_ASSIGNED_TO_CALLER + " order by rank_at, item_id limit 1",
            TaskPool.PILOT, "select item_id, data from pool_item p where project_id = ? and pilot and not closed"
                    + NEVER_ASSIGNED_TO_CALLER + " order by rank_at, item_id limit 1"));

    private static final String FREE_SLOT = "update pool_item set taken = taken - 1 where item_id = ?";
    static final String COMPLETE = "update pool_item set completed = completed + 1 where item_id = ?";
    // Overlap.required in SQL, on each item's base k: an item's own overlap is never replaced by the project's
    private static final String APPLY_OVERLAP = """
            update pool_item
            set required = least(coalesce(annotators_per_item, ?) + extra_labels,
                                 greatest(coalesce(annotators_per_item, ?), ?))
            where project_id = ?
              and required is distinct from least(coalesce(annotators_per_item, ?) + extra_labels,
                                                  greatest(coalesce(annotators_per_item, ?), ?))""";
    private static final String LOCK_FOR_RANK = "select ingested_at from pool_item where item_id = ? for update";
    private static final String SET_RANK = "update pool_item set uncertainty = ?, rank_at = ? where item_id = ?";
    private static final String LOCK_OVERLAP =
            "select annotators_per_item, extra_labels from pool_item where item_id = ? for update";
    private static final String SET_EXTRA = "update pool_item set extra_labels = ?, required = ? where item_id = ?";
    private static final String CLOSE = "update pool_item set closed = true where item_id = ?";

    private final AgroalDataSource dataSource;
    private final ProjectLock projectLock;

    public PoolItemRepository(AgroalDataSource dataSource, ProjectLock projectLock) {
        this.dataSource = dataSource;
        this.projectLock = projectLock;
    }

    /**
     * Stores a new item with its base k (its own overlap, else its project's), or none while the project is
     * unknown. Idempotent: returns false when the item was already stored. Takes the project's lock shared,
     * so a concurrent project event (which takes it exclusively) either sees the item or is seen by it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean insert(ItemIngested item) {
        projectLock.shared(item.projectId());
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, item.itemId());
            s.setObject(2, item.projectId());
            s.setString(3, (item.kind() == null ? ItemKind.REGULAR : item.kind()).name());
            s.setBoolean(4, item.pilot());
            s.setBoolean(5, item.qualification());
            s.setString(6, JsonText.write(item.data()));
            s.setInt(7, item.schemaVersion());
            Instant ingestedAt = item.ingestedAt() == null ? Instant.now() : item.ingestedAt();
            s.setTimestamp(8, Binds.timestamp(ingestedAt));
            s.setTimestamp(9, Binds.timestamp(ingestedAt));
            Binds.setInteger(s, 10, item.annotatorsPerItem());
            Binds.setInteger(s, 11, item.annotatorsPerItem());
            s.setObject(12, item.projectId());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.failure("storing item " + item.itemId(), e);
        }
    }

    /** Locks and returns the next item of {@code pool} for the annotator, if there is one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ClaimedItem> claim(TaskPool pool, UUID projectId, String annotatorId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIMS.get(pool))) {
            s.setObject(1, projectId);
            s.setString(2, annotatorId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ClaimedItem(r.getObject(1, UUID.class), JsonText.tree(r.getString(2))));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("claiming from " + pool, e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void freeSlot(UUID itemId) {
        update(FREE_SLOT, itemId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordCompletion(UUID itemId) {
        update(COMPLETE, itemId);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void close(UUID itemId) {
        update(CLOSE, itemId);
    }

    /**
     * Recomputes every item's required count of a project after its overlap policy became known or changed.
     * Items with their own overlap keep it; the project's cap applies to all.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void applyOverlap(UUID projectId, int annotatorsPerItem, int maxAnnotatorsPerItem) {
        projectLock.exclusive(projectId);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(APPLY_OVERLAP)) {
            s.setInt(1, annotatorsPerItem);
            s.setInt(2, annotatorsPerItem);
            s.setInt(3, maxAnnotatorsPerItem);
            s.setObject(4, projectId);
            s.setInt(5, annotatorsPerItem);
            s.setInt(6, annotatorsPerItem);
            s.setInt(7, maxAnnotatorsPerItem);
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("applying the overlap of project " + projectId, e);
        }
    }

    /** Locks the item and returns when it was ingested, if the item is known. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Instant> lockIngestedAt(UUID itemId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOCK_FOR_RANK)) {
            s.setObject(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(Columns.instant(r.getTimestamp(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading item " + itemId, e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void setRank(UUID itemId, Double uncertainty, Instant rankAt) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SET_RANK)) {
            if (uncertainty == null) {
                s.setNull(1, Types.DOUBLE);
            } else {
                s.setDouble(1, uncertainty);
            }
            s.setTimestamp(2, Binds.timestamp(rankAt));
            s.setObject(3, itemId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("ranking item " + itemId, e);
        }
    }

    /** Locks the item and returns what its overlap is made of, if the item is known. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ItemOverlap> lockOverlap(UUID itemId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOCK_OVERLAP)) {
            s.setObject(1, itemId);
            try (ResultSet r = s.executeQuery()) {
                return r.next()
                        ? Optional.of(new ItemOverlap(r.getObject(1, Integer.class), r.getInt(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading item " + itemId, e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void setOverlap(UUID itemId, int extraLabels, Integer required) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SET_EXTRA)) {
            s.setInt(1, extraLabels);
            Binds.setInteger(s, 2, required);
            s.setObject(3, itemId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("raising the overlap of item " + itemId, e);
        }
    }

    private void update(String sql, UUID itemId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, itemId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("updating item " + itemId, e);
        }
    }
}
