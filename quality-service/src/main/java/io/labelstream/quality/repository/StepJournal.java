package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.platform.jdbc.Binds;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import io.labelstream.platform.outbox.ArrayLiteral;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The order in which steps changed each project's quality state. A step is recorded inside its own
 * transaction, after it holds every row lock it takes: a step that conflicts with another waited for that one
 * to commit, so it takes a larger seq, and replaying the steps in seq order reproduces the live state.
 * Callers hold a transaction.
 */
@ApplicationScoped
public class StepJournal {

    private static final String COLUMNS = "seq, kind, item_id, annotation_id, revision, submitted_at, "
            + "project_median_seconds, gold, annotators_per_item, reference_answer";

    private final AgroalDataSource dataSource;

    public StepJournal(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends the step; call it once the step holds all of its locks. */
    public void record(UUID projectId, JournalStep step) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into quality_step (project_id, kind, item_id, annotation_id, revision, submitted_at,
                         project_median_seconds, gold, annotators_per_item, reference_answer)
                     values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb))""")) {
            insert.setObject(1, projectId);
            insert.setString(2, step.kind().name());
            insert.setObject(3, step.itemId());
            insert.setObject(4, step.annotationId());
            insert.setObject(5, step.revision(), Types.INTEGER);
            insert.setTimestamp(6, step.submittedAt() == null ? null : Timestamp.from(step.submittedAt()));
            Binds.setDouble(insert, 7, step.projectMedianSeconds());
            insert.setObject(8, step.gold(), Types.BOOLEAN);
            insert.setObject(9, step.annotatorsPerItem(), Types.INTEGER);
            Binds.setJson(insert, 10, step.referenceAnswer());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("journalling a " + step.kind() + " step of item " + step.itemId(), e);
        }
    }

    /** A step and the project whose journal it belongs to. */
    public record Entry(UUID projectId, JournalStep step) {
    }

    /**
     * Appends the steps in list order, in one statement whatever their number: a batch's steps, once the batch
     * holds all of its locks. The rows are numbered in the order given.
     */
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<JournalStep> steps = entries.stream().map(Entry::step).toList();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into quality_step (project_id, kind, item_id, annotation_id, revision, submitted_at,
                         project_median_seconds, gold, annotators_per_item, reference_answer)
                     select p, k, i, a, r, t, m, g, n, cast(x as jsonb)
                     from unnest(?::uuid[], ?::text[], ?::uuid[], ?::uuid[], ?::integer[], ?::timestamptz[],
                         ?::float8[], ?::boolean[], ?::integer[], ?::text[]) with ordinality
                         as u(p, k, i, a, r, t, m, g, n, x, position)
                     order by position""")) {
            Binds.bind(insert,
                    ArrayLiteral.of(entries.stream().map(Entry::projectId).toList()),
                    WorkingSetTables.column(steps, step -> step.kind().name()),
                    WorkingSetTables.column(steps, JournalStep::itemId),
                    WorkingSetTables.column(steps, JournalStep::annotationId),
                    WorkingSetTables.column(steps, JournalStep::revision),
                    // to the microsecond, as the driver sends a single step's time
                    WorkingSetTables.column(steps, step -> WorkingSet.micros(step.submittedAt())),
                    WorkingSetTables.column(steps, JournalStep::projectMedianSeconds),
                    WorkingSetTables.column(steps, JournalStep::gold),
                    WorkingSetTables.column(steps, JournalStep::annotatorsPerItem),
                    WorkingSetTables.column(steps, step -> step.referenceAnswer() == null || step.referenceAnswer().isNull()
                            ? null : step.referenceAnswer().toString()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("journalling " + entries.size() + " steps", e);
        }
    }

    /**
     * The project's items that journalled steps made gold, gave a reference answer or gave their own k (ITEM,
     * REFERENCE): a rebuild takes those back until the steps come again.
     */
    public Set<UUID> catalogItems(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select distinct item_id from quality_step "
                     + "where project_id = ? and kind in ('ITEM', 'REFERENCE')")) {
            select.setObject(1, projectId);
            return new HashSet<>(Columns.uuids(select));
        } catch (SQLException e) {
            throw Jdbc.failure("reading the step journal of project " + projectId, e);
        }
    }

    /** The project's steps after {@code afterSeq}, in journal order, at most {@code limit}. */
    public List<JournalStep> after(UUID projectId, long afterSeq, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select " + COLUMNS
                     + " from quality_step where project_id = ? and seq > ? order by seq limit ?")) {
            select.setObject(1, projectId);
            select.setLong(2, afterSeq);
            select.setInt(3, limit);
            List<JournalStep> steps = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    steps.add(new JournalStep(
                            result.getLong("seq"),
                            StepKind.valueOf(result.getString("kind")),
                            result.getObject("item_id", UUID.class),
                            result.getObject("annotation_id", UUID.class),
                            result.getObject("revision", Integer.class),
                            Columns.instant(result, "submitted_at"),
                            Columns.nullableDouble(result, "project_median_seconds"),
                            result.getObject("gold", Boolean.class),
                            result.getObject("annotators_per_item", Integer.class),
                            Columns.json(result, "reference_answer")));
                }
            }
            return steps;
        } catch (SQLException e) {
            throw Jdbc.failure("reading the step journal of project " + projectId, e);
        }
    }
}
