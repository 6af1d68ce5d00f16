package io.labelstream.adjudication.repository;

import io.labelstream.adjudication.config.AdjudicationConfig;
import io.labelstream.adjudication.domain.ExportFilter;
import io.labelstream.platform.jdbc.Binds;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Streams gold documents from a server-side cursor: the driver holds one fetch of rows at a time, so an
 * export of any size runs in constant memory. Lines are ordered by item id, which makes two exports of
 * the same rows byte-identical.
 */
@ApplicationScoped
public class DatasetRepository {

    private static final byte NEWLINE = '\n';

    private final Jdbc jdbc;
    private final AdjudicationConfig config;

    public DatasetRepository(Jdbc jdbc, AdjudicationConfig config) {
        this.jdbc = jdbc;
        this.config = config;
    }

    /** Writes the current gold set of the project as NDJSON; returns the number of lines. */
    public long writeCurrent(UUID projectId, ExportFilter filter, OutputStream out) {
        StringBuilder sql = new StringBuilder("""
                select v.document from gold_current c
                join gold_version v on v.item_id = c.item_id and v.version = c.version
                where c.project_id = ?""");
        List<Object> parameters = new ArrayList<>(List.of(projectId));
        where(filter, sql, parameters);
        sql.append(" order by c.item_id");
        return stream(sql.toString(), parameters.toArray(), out);
    }

    /** Writes the release's snapshot as NDJSON, exactly as it was when the release was made. */
    public long writeRelease(UUID releaseId, OutputStream out) {
        return stream("""
                select v.document from release_entry e
                join gold_version v on v.item_id = e.item_id and v.version = e.version
                where e.release_id = ? order by e.item_id""", new Object[] {releaseId}, out);
    }

    /**
     * PostgreSQL streams with a cursor only inside a transaction: in the caller's transaction if there is
     * one, else in a read-only one of its own that is rolled back at the end.
     */
    private long stream(String sql, Object[] parameters, OutputStream out) {
        try (Connection connection = jdbc.dataSource().getConnection()) {
            boolean ownTransaction = connection.getAutoCommit();
            if (ownTransaction) {
                connection.setAutoCommit(false);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(config.exportFetchSize());
                Binds.bind(statement, parameters);
                long lines = 0;
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        out.write(rows.getString(1).getBytes(StandardCharsets.UTF_8));
                        out.write(NEWLINE);
                        lines++;
                    }
                }
                out.flush();
                return lines;
            } finally {
                if (ownTransaction) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("dataset could not be read", e);
        } catch (IOException e) {
            throw new UncheckedIOException("dataset could not be written to the client", e);
        }
    }

    /** Copies the current gold rows matching the filter into the release's snapshot; returns how many. */
    public long snapshot(UUID releaseId, UUID projectId, ExportFilter filter) {
        StringBuilder sql = new StringBuilder("""
                insert into release_entry (release_id, item_id, version)
                select ?, c.item_id, c.version from gold_current c where c.project_id = ?""");
        List<Object> parameters = new ArrayList<>(List.of(releaseId, projectId));
        where(filter, sql, parameters);
        return jdbc.update(sql.toString(), parameters.toArray());
    }

    private static void where(ExportFilter filter, StringBuilder sql, List<Object> parameters) {
        if (filter.minVersion() != null) {
            sql.append(" and c.version >= ?");
            parameters.add(filter.minVersion());
        }
        if (filter.maxVersion() != null) {
            sql.append(" and c.version <= ?");
            parameters.add(filter.maxVersion());
        }
        if (filter.decidedFrom() != null) {
            sql.append(" and c.decided_at >= ?");
            parameters.add(filter.decidedFrom());
        }
        if (filter.decidedBefore() != null) {
            sql.append(" and c.decided_at < ?");
            parameters.add(filter.decidedBefore());
        }
    }
}
