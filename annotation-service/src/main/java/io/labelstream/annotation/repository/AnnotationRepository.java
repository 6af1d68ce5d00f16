package io.labelstream.annotation.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.annotation.domain.Annotation;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.platform.jdbc.JsonText;
import io.labelstream.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Annotations, one per assignment, and the history of their labels. */
@ApplicationScoped
public class AnnotationRepository {

    private static final String COLUMNS = """
            annotation_id, assignment_id, item_id, project_id, annotator_id, label, client_duration_ms,
            server_duration_ms, schema_version, guideline_version, revision, lease_expires_at, submitted_at, revised_at""";
    // the first label, its history row and its outbox event in one statement: one round trip, no history
    // without annotation, and, since a statement is atomic on its own, all three or nothing even without
    // a transaction around them; nothing is stored for an assignment already released (skipped or expired)
    static final String INSERT = "with stored as (insert into annotation (" + COLUMNS + """
            ) select ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, ?, ?, ?
            where not exists (select 1 from released_assignment r where r.assignment_id = ?)
            on conflict (assignment_id) do nothing returning annotation_id, revision, label, submitted_at),
            history as (insert into annotation_revision (annotation_id, revision, label, submitted_at)
                select annotation_id, revision, label, submitted_at from stored)
            insert into\s""" + Outbox.INSERT_TARGET + " select ?, ?, ?, ? from stored";
    static final String UPDATE_REVISION = """
            update annotation set label = cast(? as jsonb), client_duration_ms = ?, server_duration_ms = ?,
                revision = ?, revised_at = ? where annotation_id = ? and revision = ?""";
    static final String INSERT_HISTORY =
            "insert into annotation_revision (annotation_id, revision, label, submitted_at) values (?, ?, cast(? as jsonb), ?)";
    private static final String BY_ASSIGNMENT = "select " + COLUMNS + " from annotation where assignment_id = ?";
    static final String BY_ASSIGNMENT_LOCKED = BY_ASSIGNMENT + " for update";
    // what a first submission must know in one round trip: a label already stored, and whether the
    // assignment was released (the release is recorded by the consumer of assignment events)
    static final String SUBMISSION_STATE = "select " + COLUMNS
            + ", exists (select 1 from released_assignment r where r.assignment_id = ?) as released"
            + " from (select 1) one left join annotation a on a.assignment_id = ?";
    static final String BY_ITEM = "select " + COLUMNS + " from annotation where item_id = ? order by submitted_at, annotation_id";
    // one statement per combination of filters rather than "? is null or ..." conditions: the generic plan a
    // prepared statement settles on cannot use an index for a condition that may be switched off, and would
    // then read every annotation of the annotator, in every project, to find one project's page
    private static final String BY_ANNOTATOR = "select " + COLUMNS + " from annotation where annotator_id = ?";
    private static final String NEWEST_FIRST = " order by submitted_at desc, annotation_id limit ?";

    private final AgroalDataSource dataSource;

    public AnnotationRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores the first label of an assignment with {@code event}; false, and nothing stored, when a label
     * for it was stored first (a concurrent insert waits for that one to commit, so a re-read then sees
     * it) or the assignment was released.
     */
    public boolean insertFirst(Annotation annotation, Outbox.Pending event) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, annotation.annotationId());
            insert.setObject(2, annotation.assignmentId());
            insert.setObject(3, annotation.itemId());
            insert.setObject(4, annotation.projectId());
            insert.setString(5, annotation.annotatorId());
            insert.setString(6, JsonText.write(annotation.label()));
            setNullableLong(insert, 7, annotation.clientDurationMs());
            insert.setLong(8, annotation.serverDurationMs());
            insert.setInt(9, annotation.schemaVersion());
            insert.setInt(10, annotation.guidelineVersion());
            insert.setInt(11, annotation.revision());
            insert.setTimestamp(12, Timestamp.from(annotation.leaseExpiresAt()));
            insert.setTimestamp(13, Timestamp.from(annotation.submittedAt()));
            insert.setTimestamp(14, null);
            insert.setObject(15, annotation.assignmentId());
            event.bind(insert, 16);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Jdbc.failure("storing annotation of " + annotation.assignmentId(), e);
        }
    }

    /** Stores a revision of {@code previous}, which the caller read under lock. */
    public void updateRevision(Annotation previous, Annotation revised) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(UPDATE_REVISION)) {
            update.setString(1, JsonText.write(revised.label()));
            setNullableLong(update, 2, revised.clientDurationMs());
            update.setLong(3, revised.serverDurationMs());
            update.setInt(4, revised.revision());
            update.setTimestamp(5, Timestamp.from(revised.revisedAt()));
            update.setObject(6, previous.annotationId());
            update.setInt(7, previous.revision());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("annotation " + previous.annotationId() + " changed under its lock");
            }
            appendHistory(connection, revised, revised.revisedAt());
        } catch (SQLException e) {
            throw Jdbc.failure("revising annotation " + previous.annotationId(), e);
        }
    }

    /** The label stored for an assignment, if any, and whether the assignment was released. */
    public SubmissionState submissionState(UUID assignmentId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement find = connection.prepareStatement(SUBMISSION_STATE)) {
            find.setObject(1, assignmentId);
            find.setObject(2, assignmentId);
            try (ResultSet row = find.executeQuery()) {
                row.next();
                boolean released = row.getBoolean("released");
                if (row.getObject(1) == null) {
                    return new SubmissionState(Optional.empty(), released);
                }
                return new SubmissionState(Optional.of(read(row)), released);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading annotation of " + assignmentId, e);
        }
    }

    public record SubmissionState(Optional<Annotation> stored, boolean released) {
    }

    public Optional<Annotation> findByAssignment(UUID assignmentId) {
        return queryOne(BY_ASSIGNMENT, assignmentId);
    }

    /** Reads and locks the annotation of an assignment, so concurrent revisions apply one after another. */
    public Optional<Annotation> lockByAssignment(UUID assignmentId) {
        return queryOne(BY_ASSIGNMENT_LOCKED, assignmentId);
    }

    public List<Annotation> findByItem(UUID itemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement find = connection.prepareStatement(BY_ITEM)) {
            find.setObject(1, itemId);
            return readAll(find);
        } catch (SQLException e) {
            throw Jdbc.failure("reading annotations of item " + itemId, e);
        }
    }

    /** An annotator's annotations, newest first, optionally of one project, before a point in time. */
    public List<Annotation> findByAnnotator(String annotatorId, UUID projectId, Instant before, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement find = connection.prepareStatement(byAnnotator(projectId != null, before != null))) {
            int parameter = 1;
            find.setString(parameter++, annotatorId);
            if (projectId != null) {
                find.setObject(parameter++, projectId);
            }
            if (before != null) {
                find.setTimestamp(parameter++, Timestamp.from(before));
            }
            find.setInt(parameter, limit);
            return readAll(find);
        } catch (SQLException e) {
            throw Jdbc.failure("reading annotations of " + annotatorId, e);
        }
    }

    /** The statement of {@link #findByAnnotator} for the filters given: parameters annotator, project, before, limit. */
    static String byAnnotator(boolean ofProject, boolean before) {
        return BY_ANNOTATOR + (ofProject ? " and project_id = ?" : "") + (before ? " and submitted_at < ?" : "")
                + NEWEST_FIRST;
    }

    private void appendHistory(Connection connection, Annotation annotation, Instant at) throws SQLException {
        try (PreparedStatement history = connection.prepareStatement(INSERT_HISTORY)) {
            history.setObject(1, annotation.annotationId());
            history.setInt(2, annotation.revision());
            history.setString(3, JsonText.write(annotation.label()));
            history.setTimestamp(4, Timestamp.from(at));
            history.executeUpdate();
        }
    }

    private Optional<Annotation> queryOne(String sql, UUID id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement find = connection.prepareStatement(sql)) {
            find.setObject(1, id);
            List<Annotation> found = readAll(find);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        } catch (SQLException e) {
            throw Jdbc.failure("reading annotation of " + id, e);
        }
    }

    private static List<Annotation> readAll(PreparedStatement query) throws SQLException {
        List<Annotation> annotations = new ArrayList<>();
        try (ResultSet row = query.executeQuery()) {
            while (row.next()) {
                annotations.add(read(row));
            }
        }
        return annotations;
    }

    private static Annotation read(ResultSet row) throws SQLException {
        long client = row.getLong(7);
        Long clientDuration = row.wasNull() ? null : client;
        Timestamp revisedAt = row.getTimestamp(14);
        return new Annotation(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                row.getObject(3, UUID.class), row.getObject(4, UUID.class), row.getString(5),
                JsonText.tree(row.getString(6)), clientDuration, row.getLong(8), row.getInt(9), row.getInt(10),
                row.getInt(11), row.getTimestamp(12).toInstant(), row.getTimestamp(13).toInstant(),
                revisedAt == null ? null : revisedAt.toInstant());
    }

    private static void setNullableLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }
}
