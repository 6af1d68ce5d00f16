package io.labelstream.ingestion.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.ingestion.domain.LineOutcome;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class UploadJobRepository {

    /** A rejected line of an upload. */
    public record Rejection(long line, String reason) {
    }

    private static final String COLUMNS = """
            select job_id, project_id, created_by, state, spool_file, bytes_received, lines_committed,
                   bytes_committed, accepted, duplicates, rejected, error, created_at, updated_at, finished_at
            from upload_job""";
    private static final String INSERT =
            "insert into upload_job (job_id, project_id, created_by, state, spool_file) values (?, ?, ?, 'RECEIVING', ?)";
    private static final String QUEUE =
            "update upload_job set state = 'QUEUED', bytes_received = ?, updated_at = now() where job_id = ?";
    private static final String START =
            "update upload_job set state = 'RUNNING', updated_at = now() where job_id = ? and state in ('QUEUED', 'RUNNING')";
    private static final String PROGRESS = """
            update upload_job set lines_committed = ?, bytes_committed = ?, accepted = accepted + ?,
                duplicates = duplicates + ?, rejected = rejected + ?, updated_at = now()
            where job_id = ? and lines_committed = ? and state = 'RUNNING'""";
    private static final String FINISH = """
            update upload_job set state = ?, error = ?, finished_at = now(), updated_at = now()
            where job_id = ? and state not in ('COMPLETED', 'FAILED')""";
    private static final String REJECT = """
            insert into upload_rejection (job_id, line_no, reason)
            select ?, l, r from unnest(?::bigint[], ?::text[]) as t(l, r) on conflict do nothing""";
    private static final String REJECTIONS =
            "select line_no, reason from upload_rejection where job_id = ? and line_no > ? order by line_no limit ?";

    private final AgroalDataSource dataSource;

    public UploadJobRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create(UUID jobId, UUID projectId, String createdBy, String spoolFile) {
        execute(INSERT, jobId, projectId, createdBy, spoolFile);
    }

    public void queue(UUID jobId, long bytesReceived) {
        execute(QUEUE, bytesReceived, jobId);
    }

    public boolean start(UUID jobId) {
        return execute(START, jobId) == 1;
    }

    /**
     * Records a committed batch; refused (false) unless the job still stands where the batch began, so two
     * workers can never both commit the same lines.
     */
    public boolean advance(UUID jobId, long linesBefore, long linesAfter, long bytesAfter, List<LineOutcome> outcomes) {
        long accepted = outcomes.stream().filter(o -> o.status() == LineOutcome.Status.ACCEPTED).count();
        long duplicates = outcomes.stream().filter(o -> o.status() == LineOutcome.Status.DUPLICATE).count();
        List<LineOutcome> rejected = outcomes.stream().filter(o -> o.status() == LineOutcome.Status.REJECTED).toList();
        if (execute(PROGRESS, linesAfter, bytesAfter, accepted, duplicates, (long) rejected.size(), jobId, linesBefore) != 1) {
            return false;
        }
        if (!rejected.isEmpty()) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement(REJECT)) {
                insert.setObject(1, jobId);
                insert.setArray(2, connection.createArrayOf("bigint", rejected.stream().map(LineOutcome::line).toArray()));
                insert.setArray(3, connection.createArrayOf("text", rejected.stream().map(LineOutcome::reason).toArray()));
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("rejected lines could not be stored", e);
            }
        }
        return true;
    }

    public void finish(UUID jobId, UploadJob.State state, String error) {
        execute(FINISH, state.name(), error, jobId);
    }

    public Optional<UploadJob> find(UUID jobId) {
        return query(COLUMNS + " where job_id = ?", jobId).stream().findFirst();
    }

    public List<UploadJob> unfinished() {
        return query(COLUMNS + " where state in ('RECEIVING', 'QUEUED', 'RUNNING') order by created_at", null);
    }

    public List<Rejection> rejections(UUID jobId, long afterLine, int limit) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(REJECTIONS)) {
            select.setObject(1, jobId);
            select.setLong(2, afterLine);
            select.setInt(3, limit);
            List<Rejection> rejections = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rejections.add(new Rejection(r.getLong(1), r.getString(2)));
                }
            }
            return rejections;
        } catch (SQLException e) {
            throw new IllegalStateException("rejected lines could not be read", e);
        }
    }

    private List<UploadJob> query(String sql, UUID parameter) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            if (parameter != null) {
                select.setObject(1, parameter);
            }
            List<UploadJob> jobs = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    Timestamp finished = r.getTimestamp(15);
                    jobs.add(new UploadJob(r.getObject(1, UUID.class), r.getObject(2, UUID.class), r.getString(3),
                            UploadJob.State.valueOf(r.getString(4)), r.getString(5), r.getLong(6), r.getLong(7),
                            r.getLong(8), r.getLong(9), r.getLong(10), r.getLong(11), r.getString(12),
                            r.getTimestamp(13).toInstant(), r.getTimestamp(14).toInstant(),
                            finished == null ? null : finished.toInstant()));
                }
            }
            return jobs;
        } catch (SQLException e) {
            throw new IllegalStateException("upload jobs could not be read", e);
        }
    }

    private int execute(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("upload job could not be stored", e);
        }
    }
}
