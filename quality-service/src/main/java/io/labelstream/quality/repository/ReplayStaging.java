package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A rebuild's copy of its project's annotations as read from the annotation log. A project may hold millions of
 * them, more than a rebuild should keep in memory, so they wait in a temporary table of the rebuild's
 * transaction (every statement of a transaction runs on its one connection), dropped when it ends. Each row is
 * matched with the journal step that applied it live, if any.
 */
@ApplicationScoped
public class ReplayStaging {

    /**
     * One annotation record of the log.
     *
     * @param logPosition the order in which the rebuild read it (partition by partition, in poll order)
     * @param payload     the AnnotationSubmitted as logged (JSON text)
     */
    public record StagedAnnotation(long logPosition, UUID annotationId, int revision, String payload) {
    }

    private final AgroalDataSource dataSource;

    public ReplayStaging(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create() {
        execute("""
                create temporary table replay_annotation (
                    log_position  bigint  not null,
                    annotation_id uuid    not null,
                    revision      integer not null,
                    payload       text    not null, -- as logged: jsonb could rewrite numbers a label holds
                    seq           bigint
                ) on commit drop""");
    }

    /** Stores a batch of records in one round trip. */
    public void add(List<StagedAnnotation> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into replay_annotation "
                     + "(log_position, annotation_id, revision, payload) values (?, ?, ?, ?)")) {
            for (StagedAnnotation annotation : batch) {
                insert.setLong(1, annotation.logPosition());
                insert.setObject(2, annotation.annotationId());
                insert.setInt(3, annotation.revision());
                insert.setString(4, annotation.payload());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw Jdbc.failure("staging " + batch.size() + " annotations", e);
        }
    }

    /**
     * Gives every staged record the seq of the journal step that applied its annotation and revision live; records
     * left without one were not applied live (yet). Call once every record is staged.
     */
    public void matchJournal(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement match = connection.prepareStatement("""
                     update replay_annotation r set seq = s.seq from quality_step s
                     where s.project_id = ? and s.kind = 'ANNOTATION'
                       and s.annotation_id = r.annotation_id and s.revision = r.revision""")) {
            match.setObject(1, projectId);
            match.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("matching the log of project " + projectId + " with its journal", e);
        }
        // indexed after the bulk load, which is cheaper than maintaining the indexes row by row
        execute("create index on replay_annotation (seq)");
        execute("create index on replay_annotation (log_position) where seq is null");
        execute("analyze replay_annotation");
    }

    /** Payloads of the journalled records with seqs in [fromSeq, toSeq], by seq (the first logged of duplicates). */
    public Map<Long, String> journalled(long fromSeq, long toSeq) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select distinct on (seq) seq, payload "
                     + "from replay_annotation where seq between ? and ? order by seq, log_position")) {
            select.setLong(1, fromSeq);
            select.setLong(2, toSeq);
            Map<Long, String> payloads = new HashMap<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    payloads.put(result.getLong(1), result.getString(2));
                }
            }
            return payloads;
        } catch (SQLException e) {
            throw Jdbc.failure("reading staged annotations", e);
        }
    }

    /** Records no journal step applied, in log order after {@code afterPosition}, at most {@code limit}. */
    public List<StagedAnnotation> unjournalled(long afterPosition, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("select log_position, annotation_id, revision, "
                     + "payload from replay_annotation where seq is null and log_position > ? "
                     + "order by log_position limit ?")) {
            select.setLong(1, afterPosition);
            select.setInt(2, limit);
            List<StagedAnnotation> rows = new ArrayList<>();
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new StagedAnnotation(result.getLong(1), result.getObject(2, UUID.class),
                            result.getInt(3), result.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("reading staged annotations", e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw Jdbc.failure("preparing the rebuild's staging table", e);
        }
    }
}
