package io.labelstream.assignment.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.assignment.domain.ClaimedItem;
import io.labelstream.assignment.domain.ItemOverlap;
import io.labelstream.assignment.domain.PoolPosition;
import io.labelstream.assignment.domain.TaskPool;
import io.labelstream.contracts.events.ItemIngested;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.platform.jdbc.Binds;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.platform.jdbc.JsonText;
import io.labelstream.platform.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The pool_item table: items, their rank and their slot accounting. */
@ApplicationScoped
public class PoolItemRepository {

    // required from the stored project itself, not a cache: null while the project is unknown. A new item has
    // no extra labels yet, so its required count is its base k: its own overlap, else the project's.
    // An item that arrives ranked no later than an item already stored may land behind a claim cursor: it
    // counts as reopened. Cursors only ever stand at ranks items had, and an item's rank is never later than
    // its arrival, so an item ranked after every stored arrival (the usual case) is ahead of all cursors.
    private static final String INSERT = """
            with stored as (
                insert into pool_item (item_id, project_id, kind, pilot, qualification, data, schema_version,
                                       ingested_at, rank_at, annotators_per_item, required)
                select ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, cast(? as integer),
                       (select coalesce(cast(? as integer), (document -> 'policies' ->> 'annotatorsPerItem')::int)
                        from project_view where project_id = ?)
                on conflict (item_id) do nothing
                returning project_id, rank_at, available and kind = 'REGULAR' and not pilot as claimable),
            behind as (
                select project_id, rank_at from stored s where claimable and exists (
                    select 1 from pool_item q where q.project_id = s.project_id and q.ingested_at >= s.rank_at)),
            reopened as (""" + reopened("behind") + """
            )
            select count(*) from stored""";

    // "never the same item twice", in the terms of the unique index it reads through: a lease of a reserved item
    // that expired unlabelled does not count, the item is still the annotator's
    private static final String NEVER_ASSIGNED_TO_CALLER =
            " and not exists (select 1 from assignment a where a.item_id = p.item_id and a.annotator_id = ?"
            + " and not (a.status = 'EXPIRED' and a.redeemed))";

    static final Map<TaskPool, String> CLAIMS = new EnumMap<>(Map.of(
            /*
             * The annotator's first open reservation by rank: the reservations are walked in the order of the
             * rank they carry (the index on (project_id, annotator_id, rank_at, item_id)), each item checked by
             * its primary key, until one is open; then that one item locked. A held slot is already counted in taken + reserved, so the lease only
             * needs taken < required, re-checked on the locked row: it fails only when the item was closed or
             * its k lowered below what was reserved meanwhile. No SKIP LOCKED: no one else may take this slot,
             * so the claim waits the few milliseconds another short transaction holds the row (a claim of one
             * of its pool slots, a completion). It waits for one row only, holding no other item row, so it
             * cannot close a cycle of waits.
             */
            TaskPool.RESERVED, "select p.item_id, p.data from pool_item p where p.item_id = ("
                    + "select r.item_id from reservation r join pool_item q on q.item_id = r.item_id"
                    + " where r.project_id = ? and r.annotator_id = ? and not q.closed and q.required is not null"
                    + " and q.taken < q.required order by r.rank_at, r.item_id limit 1)"
                    + " and not p.closed and p.taken < p.required for update of p",
            // not slot-counted: every annotator may get each of these once, the unique key guards that
            TaskPool.GOLD, "select item_id, data from pool_item p where project_id = ? and kind = 'GOLD'"
                    + " and not pilot and not closed" + NEVER_ASSIGNED_TO_CALLER + " order by rank_at, item_id limit 1",
            TaskPool.QUALIFICATION, "select item_id, data from pool_item p where project_id = ? and kind = 'GOLD'"
                    + " and qualification and not pilot" + NEVER_ASSIGNED_TO_CALLER + " order by rank_at, item_id limit 1",
            TaskPool.PILOT, "select item_id, data from pool_item p where project_id = ? and pilot and not closed"
                    + NEVER_ASSIGNED_TO_CALLER + " order by rank_at, item_id limit 1"));

    private static final String REGULAR_ITEM = "p.project_id = ? and p.available and p.kind = 'REGULAR' and not p.pilot";
    private static final String HAD_BY_CALLER = "exists (select 1 from assignment a where a.item_id = p.item_id"
            + " and a.annotator_id = ? and not (a.status = 'EXPIRED' and a.redeemed))";
    /*
     * Regular items, from the annotator's cursor on (ClaimCursor). First a walk without locks: the items with an
     * open slot after the cursor, one index entry at a time, for as long as the annotator already had them;
     * the last of those is where the next claim may start. Then the claim itself from there: the first row by
     * rank with an open slot that this annotator never had. FOR UPDATE re-checks the predicate on the row's
     * latest version once locked, so a slot taken by a concurrent claim (another replica included) is seen;
     * SKIP LOCKED lets concurrent claims spread over items. A row skipped because another claim holds it is
     * not passed by the walk, which stops at the first item the annotator did not have. Answers one row: the
     * walk's last item (null when it passed none) and the claimed item (null when none).
     */
    static final String CLAIM_REGULAR = "with recursive walk (rank_at, item_id, had) as ("
            + "(select p.rank_at, p.item_id, " + HAD_BY_CALLER + " from pool_item p where " + REGULAR_ITEM
            + " and (p.rank_at, p.item_id) > (coalesce(cast(? as timestamptz), '-infinity'),"
            + " coalesce(cast(? as uuid), '00000000-0000-0000-0000-000000000000'))"
            + " order by p.rank_at, p.item_id limit 1)"
            + " union all"
            + " (select n.rank_at, n.item_id, n.had from walk w cross join lateral ("
            + "select p.rank_at, p.item_id, " + HAD_BY_CALLER + " as had from pool_item p where " + REGULAR_ITEM
            + " and (p.rank_at, p.item_id) > (w.rank_at, w.item_id) order by p.rank_at, p.item_id limit 1) n"
            + " where w.had)),"
            + " passed as (select rank_at, item_id from walk where had order by rank_at desc, item_id desc limit 1)"
            + " select c.rank_at, c.item_id, x.item_id, x.data from"
            + " (select (select rank_at from passed), (select item_id from passed)) c (rank_at, item_id)"
            + " left join lateral (select p.item_id, p.data from pool_item p where " + REGULAR_ITEM
            + " and (p.rank_at, p.item_id) > (coalesce(c.rank_at, cast(? as timestamptz), '-infinity'),"
            + " coalesce(c.item_id, cast(? as uuid), '00000000-0000-0000-0000-000000000000'))"
            + " and not " + HAD_BY_CALLER
            + " order by p.rank_at, p.item_id limit 1 for update of p skip locked) x on true";

    /*
     * Every change that can make a regular item claimable again where some annotator's claim cursor may have
     * passed it counts itself in pool_reopening (see ClaimCursor), in the statement that makes the change: a
     * slot freed on a full item, a raised overlap of a full item, an earlier rank, a new k for the project, a
     * reservation forfeited or restored. {@code rows} is a relation of (project_id, rank_at). The projects' rows
     * are taken in project order, so that statements reopening items of several projects (a batch of
     * predictions) wait for one another without a cycle.
     */
    static String reopened(String rows) {
        return "insert into pool_reopening (project_id, reopens, floor_rank)"
                + " select project_id, count(*), min(rank_at) from " + rows + " group by project_id"
                + " order by project_id"
                + " on conflict (project_id) do update set reopens = pool_reopening.reopens + excluded.reopens,"
                + " floor_rank = least(pool_reopening.floor_rank, excluded.floor_rank)";
    }

    static final String REGULAR_RETURNING = " returning project_id, rank_at, available and kind = 'REGULAR'"
            + " and not pilot";

    private static final String FREE_SLOT = "with freed as (update pool_item set taken = taken - 1 where item_id = ?"
            + REGULAR_RETURNING + " and taken + reserved + 1 >= required as reopened)"
            + " " + reopened("freed where reopened");
    // Overlap.required in SQL, on each item's base k: an item's own overlap is never replaced by the project's
    private static final String APPLY_OVERLAP = """
            with changed as (
                update pool_item
                set required = least(coalesce(annotators_per_item, ?) + extra_labels,
                                     greatest(coalesce(annotators_per_item, ?), ?))
                where project_id = ?
                  and required is distinct from least(coalesce(annotators_per_item, ?) + extra_labels,
                                                      greatest(coalesce(annotators_per_item, ?), ?))
                """ + REGULAR_RETURNING + """
             as reopened)
            """ + reopened("changed where reopened");
    private static final String LOCK_FOR_RANK = "select ingested_at from pool_item where item_id = ? for update";
    // the caller holds the item's row, so the rank read before the update is the one it replaces; the item's
    // reservations carry its rank too (the reserved claim walks them in that order)
    private static final String SET_RANK = "with ranked as (update pool_item p set uncertainty = ?, rank_at = ?"
            + " from (select rank_at as old_rank from pool_item where item_id = ?) o where p.item_id = ?"
            + " returning p.project_id, p.rank_at, p.available and p.kind = 'REGULAR' and not p.pilot"
            + " and p.rank_at < o.old_rank as reopened),"
            + " reserved as (update reservation set rank_at = ? where item_id = ?) " + reopened("ranked where reopened");
    private static final String LOCK_OVERLAP =
            "select annotators_per_item, extra_labels from pool_item where item_id = ? for update";
    // the caller holds the item's row, so the required count read before the update is the one it replaces
    private static final String SET_EXTRA = "with raised as (update pool_item p set extra_labels = ?, required = ?"
            + " from (select required as old_required from pool_item where item_id = ?) o where p.item_id = ?"
            + " returning p.project_id, p.rank_at, p.available and p.kind = 'REGULAR' and not p.pilot"
            + " and p.taken + p.reserved >= coalesce(o.old_required, 0) as reopened) "
            + reopened("raised where reopened");
    // the inbox's record of the event and its effect in one statement
    private static final String CLOSE_ONCE = "with first as (" + Inbox.FIRST_DELIVERY + ")"
            + " update pool_item set closed = true where item_id = ? and not closed and exists (select 1 from first)";

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
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw Jdbc.failure("storing item " + item.itemId(), e);
        }
    }

    /*
     * The claims whose generic plan reads only the annotator's own rows (AnnotatorQueryPlanTest checks it): planned
     * once per connection and statement. Left to itself the planner judged the generic plan dearer than one made for
     * each claim's values, and planned the reserved claim anew at every claim, about as much CPU as running it. The
     * setting holds for the claim alone: it is set and reset around it, in the same round trip.
     */
    private static final Set<TaskPool> PLANNED_ONCE = EnumSet.of(TaskPool.RESERVED, TaskPool.GOLD);
    private static final Map<TaskPool, String> CLAIM_STATEMENTS = claimStatements();

    private static Map<TaskPool, String> claimStatements() {
        Map<TaskPool, String> statements = new EnumMap<>(TaskPool.class);
        CLAIMS.forEach((pool, sql) -> statements.put(pool, PLANNED_ONCE.contains(pool)
                ? "set local plan_cache_mode = force_generic_plan; " + sql + "; set local plan_cache_mode to default"
                : sql));
        return statements;
    }

    /** Locks and returns the next item of {@code pool} for the annotator, if there is one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ClaimedItem> claim(TaskPool pool, UUID projectId, String annotatorId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(CLAIM_STATEMENTS.get(pool))) {
            s.setObject(1, projectId);
            s.setString(2, annotatorId);
            // the claim's rows are the first result set, after the setting's update count where it has one
            boolean rows = s.execute();
            while (!rows && s.getUpdateCount() != -1) {
                rows = s.getMoreResults();
            }
            try (ResultSet r = s.getResultSet()) {
                if (r == null || !r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ClaimedItem(r.getObject(1, UUID.class), JsonText.tree(r.getString(2))));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("claiming from " + pool, e);
        }
    }

    /** What a regular claim found: how far it walked past the annotator's own items, and the item it locked. */
    public record RegularClaim(PoolPosition passed, Optional<ClaimedItem> item) {
    }

    /**
     * Locks and returns the first item with an open slot that the annotator never had, after {@code start}
     * (null: from the head of the pool), and the last of the annotator's own items the claim walked past.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RegularClaim claimRegular(UUID projectId, String annotatorId, PoolPosition start) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLAIM_REGULAR)) {
            Instant startRank = start == null ? null : start.rankAt();
            UUID startItem = start == null ? null : start.itemId();
            Binds.bind(s, annotatorId, projectId, startRank, startItem, annotatorId, projectId,
                    projectId, startRank, startItem, annotatorId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                Timestamp passedRank = r.getTimestamp(1);
                PoolPosition passed = passedRank == null ? null
                        : new PoolPosition(Columns.instant(passedRank), r.getObject(2, UUID.class));
                UUID itemId = r.getObject(3, UUID.class);
                return new RegularClaim(passed, itemId == null ? Optional.empty()
                        : Optional.of(new ClaimedItem(itemId, JsonText.tree(r.getString(4)))));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("claiming from " + TaskPool.REGULAR, e);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void freeSlot(UUID itemId) {
        update(FREE_SLOT, itemId);
    }

    /** Closes the item, once per {@code eventId} of {@code consumer}: a redelivered event changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void closeOnce(String consumer, UUID eventId, UUID itemId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(CLOSE_ONCE)) {
            Binds.bind(s, consumer, eventId, itemId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("closing item " + itemId, e);
        }
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
            s.setObject(4, itemId);
            s.setTimestamp(5, Binds.timestamp(rankAt));
            s.setObject(6, itemId);
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
            s.setObject(4, itemId);
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
