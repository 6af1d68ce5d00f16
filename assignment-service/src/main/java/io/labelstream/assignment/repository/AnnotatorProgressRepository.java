package io.labelstream.assignment.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.assignment.domain.AnnotatorProgress;
import io.labelstream.assignment.domain.ClaimCursor;
import io.labelstream.assignment.domain.PoolPosition;
import io.labelstream.assignment.domain.PoolReopenings;
import io.labelstream.contracts.events.AnnotatorAssessed;
import io.labelstream.contracts.events.AnnotatorStatus;
import io.labelstream.platform.jdbc.Binds;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.platform.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The annotator_progress table: status from quality, counters of what was served, the claim cursor. */
@ApplicationScoped
public class AnnotatorProgressRepository {

    /*
     * A row lock without a write: one annotator's claims run one at a time, and a claim that finds nothing
     * leaves no new row version behind. The project's reopenings come in the same statement, so they are read
     * before the claim's walk of the pool (see ClaimCursor).
     */
    static final String LOCK = """
            select p.status, p.served, p.gold_served, p.qualification_served, p.reservations,
                   p.claim_after_rank, p.claim_after_item, p.cursor_reopens, p.cursor_generation,
                   r.reopens, r.generation, r.floor_rank, r.previous_floor_rank
            from annotator_progress p left join pool_reopening r on r.project_id = p.project_id
            where p.project_id = ? and p.annotator_id = ?
            for update of p""";
    private static final String CREATE = """
            insert into annotator_progress (project_id, annotator_id) values (?, ?)
            on conflict (project_id, annotator_id) do nothing""";
    /*
     * An unchanged status writes nothing, and, filtered out before the insert, locks nothing either: quality
     * re-assesses an annotator after every label, mostly to the same status, and an upsert that meets an existing
     * row locks it even when its update's condition is false, so it would wait for the annotator's claim in
     * progress. Only this service's quality consumer sets a status, so the filter's snapshot cannot miss a change.
     */
    private static final String CHANGED = """
            where not exists (select 1 from annotator_progress p
                              where p.project_id = s.project_id and p.annotator_id = s.annotator_id
                                and p.status = s.status)
            """;
    private static final String UPSERT = """
            on conflict (project_id, annotator_id) do update set status = excluded.status
            where annotator_progress.status is distinct from excluded.status""";
    private static final String SET_STATUS = """
            insert into annotator_progress (project_id, annotator_id, status)
            select s.project_id, s.annotator_id, s.status
            from (values (cast(? as uuid), cast(? as text), cast(? as text))) as s (project_id, annotator_id, status)
            """ + CHANGED + UPSERT;
    private static final String SET_STATUS_ONCE = "with first as (" + Inbox.FIRST_DELIVERY + ")"
            + " insert into annotator_progress (project_id, annotator_id, status)"
            + " select s.project_id, s.annotator_id, s.status"
            + " from (values (cast(? as uuid), cast(? as text), cast(? as text))) as s (project_id, annotator_id, status)"
            + " " + CHANGED + " and exists (select 1 from first) " + UPSERT;
    // a poll batch's statuses, at most one per annotator; rows locked in key order, as RESERVE does
    private static final String SET_STATUSES = """
            insert into annotator_progress (project_id, annotator_id, status)
            select s.project_id, s.annotator_id, s.status
            from unnest(cast(? as uuid[]), cast(? as text[]), cast(? as text[])) as s (project_id, annotator_id, status)
            """ + CHANGED + """
            order by s.project_id, s.annotator_id
            """ + UPSERT;
    private static final String MOVE_CURSOR = """
            update annotator_progress set claim_after_rank = ?, claim_after_item = cast(? as uuid), cursor_reopens = ?,
                                          cursor_generation = ?
            where project_id = ? and annotator_id = ?""";

    private final AgroalDataSource dataSource;

    public AnnotatorProgressRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Locks the annotator's row in the project, creating it the first time, and returns it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public AnnotatorProgress lock(UUID projectId, String annotatorId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setObject(1, projectId);
            s.setString(2, annotatorId);
            AnnotatorProgress found = read(s);
            if (found != null) {
                return found;
            }
            try (PreparedStatement create = c.prepareStatement(CREATE)) {
                create.setObject(1, projectId);
                create.setString(2, annotatorId);
                create.executeUpdate();
            }
            return read(s);
        } catch (SQLException e) {
            throw Jdbc.failure("reading the progress of " + annotatorId, e);
        }
    }

    /** Stores the annotator's claim cursor; the caller holds the row (see {@link #lock}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveCursor(UUID projectId, String annotatorId, ClaimCursor cursor) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(MOVE_CURSOR)) {
            bindCursor(s, 1, cursor);
            s.setObject(5, projectId);
            s.setString(6, annotatorId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("moving the claim cursor of " + annotatorId, e);
        }
    }

    /** Binds a cursor as four parameters from {@code first}: rank, item, reopens seen, generation seen. */
    static void bindCursor(PreparedStatement s, int first, ClaimCursor cursor) throws SQLException {
        PoolPosition after = cursor.after();
        s.setTimestamp(first, after == null ? null : Binds.timestamp(after.rankAt()));
        s.setObject(first + 1, after == null ? null : after.itemId());
        s.setLong(first + 2, cursor.reopensSeen());
        s.setLong(first + 3, cursor.generationSeen());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void setStatus(UUID projectId, String annotatorId, AnnotatorStatus status) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SET_STATUS)) {
            s.setObject(1, projectId);
            s.setString(2, annotatorId);
            s.setString(3, status.name());
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing the status of " + annotatorId, e);
        }
    }

    /**
     * {@link #setStatus} for each of the assessments in one statement; of several for the same annotator in a
     * project, the last one counts.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setStatuses(List<AnnotatorAssessed> assessments) {
        Map<List<Object>, AnnotatorAssessed> latest = new LinkedHashMap<>();
        assessments.forEach(a -> latest.put(List.of(a.projectId(), a.annotatorId()), a));
        if (latest.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SET_STATUSES)) {
            s.setArray(1, c.createArrayOf("uuid", latest.values().stream().map(AnnotatorAssessed::projectId).toArray()));
            s.setArray(2, c.createArrayOf("text",
                    latest.values().stream().map(AnnotatorAssessed::annotatorId).toArray()));
            s.setArray(3, c.createArrayOf("text", latest.values().stream().map(a -> a.status().name()).toArray()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing the statuses of " + latest.size() + " annotators", e);
        }
    }

    /** {@link #setStatus}, once per {@code eventId} of {@code consumer}, in one statement with the inbox record. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void setStatusOnce(String consumer, UUID eventId, UUID projectId, String annotatorId,
                              AnnotatorStatus status) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(SET_STATUS_ONCE)) {
            Binds.bind(s, consumer, eventId, projectId, annotatorId, status.name());
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing the status of " + annotatorId, e);
        }
    }

    private static AnnotatorProgress read(PreparedStatement s) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                return null;
            }
            String status = r.getString(1);
            Timestamp afterRank = r.getTimestamp(6);
            PoolPosition after = afterRank == null ? null
                    : new PoolPosition(Columns.instant(afterRank), r.getObject(7, UUID.class));
            ClaimCursor cursor = new ClaimCursor(after, r.getLong(8), r.getLong(9));
            long reopens = r.getLong(10);
            PoolReopenings pool = r.wasNull() ? PoolReopenings.NONE
                    : new PoolReopenings(reopens, r.getLong(11), Columns.instant(r.getTimestamp(12)),
                            Columns.instant(r.getTimestamp(13)));
            return new AnnotatorProgress(status == null ? null : AnnotatorStatus.valueOf(status), r.getInt(2),
                    r.getInt(3), r.getInt(4), r.getInt(5), cursor, pool);
        }
    }
}
