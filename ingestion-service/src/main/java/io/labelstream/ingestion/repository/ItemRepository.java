package io.labelstream.ingestion.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.events.ItemKind;
import io.labelstream.platform.jdbc.Binds;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Items and gold answers, written in bulk (one statement per batch) because uploads run to millions. */
@ApplicationScoped
public class ItemRepository {

    private static final String INSERT = """
            insert into item (item_id, project_id, external_id, content_hash, dedup_hash, kind, pilot, qualification,
                              data, metadata, annotators_per_item, assignees, schema_version, outbox_event_id, upload_id,
                              ingested_at)
            select t.i, ?, t.e, t.c, t.d, t.k, t.p, t.q, dt.v, nullif(m.v, 'null'::jsonb), t.apk,
                   t.a::jsonb, ?, ?, ?, ?
            from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::boolean[],
                        ?::integer[], ?::text[])
                     with ordinality as t(i, e, c, d, k, p, q, apk, a, n)
            join jsonb_array_elements(cast(? as jsonb)) with ordinality as dt(v, n) on dt.n = t.n
            join jsonb_array_elements(cast(? as jsonb)) with ordinality as m(v, n) on m.n = t.n
            order by t.n""";
    private static final String INSERT_NON_CONFLICTING = INSERT + " on conflict do nothing returning item_id";
    private static final String INSERT_ANSWERS = """
            insert into reference_answer (item_id, answer)
            select i, a::jsonb from unnest(?::uuid[], ?::text[]) as t(i, a)""";
    private static final String BY_EXTERNAL_ID =
            "select external_id, item_id from item where project_id = ? and external_id = any(?)";
    private static final String BY_DEDUP_HASH =
            "select dedup_hash, item_id from item where project_id = ? and dedup_hash = any(?)";
    private static final String COLUMNS = """
            select i.item_id, i.seq, i.project_id, i.external_id, i.content_hash, i.dedup_hash, i.kind, i.pilot,
                   i.qualification, i.data::text, i.metadata::text, i.annotators_per_item, i.assignees::text,
                   i.schema_version, i.outbox_event_id, i.upload_id,
                   i.ingested_at, (o.id is null or o.sent_at is not null) as published
            from item i left join outbox_event o on o.event_id = i.outbox_event_id""";
    private static final String ANSWER = "select answer::text from reference_answer where item_id = ?";
    private static final String HAS_ITEMS = "select exists (select 1 from item where project_id = ?)";

    private final AgroalDataSource dataSource;

    public ItemRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts the rows that do not collide with a stored item; returns the ids actually inserted.
     *
     * <p>A fresh import collides with nothing, so a batch of rows first goes in by a plain insert inside a
     * savepoint. Only if that meets a unique violation is it undone and the batch inserted again skipping
     * the collisions: {@code on conflict do nothing} checks every unique index before each row, which made
     * the insert the slowest step of a bulk import. A single item is as likely to be sent again as to be
     * new, and takes the skipping insert at once.
     */
    public Set<UUID> insertNew(ItemBatch batch) {
        if (batch.rows().isEmpty()) {
            return new HashSet<>();
        }
        try (Connection connection = dataSource.getConnection()) {
            if (batch.rows().size() > 1 && insertAll(connection, batch)) {
                Set<UUID> inserted = new HashSet<>();
                batch.rows().forEach(row -> inserted.add(row.itemId()));
                return inserted;
            }
            return insertNonConflicting(connection, batch);
        } catch (SQLException e) {
            throw Jdbc.failure("storing items", e);
        }
    }

    private static boolean insertAll(Connection connection, ItemBatch batch) throws SQLException {
        try (Statement savepoint = connection.createStatement()) {
            savepoint.execute("savepoint item_batch");
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                bind(insert, batch);
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!Jdbc.uniqueViolation(e)) {
                    throw e;
                }
                savepoint.execute("rollback to savepoint item_batch");
                return false;
            }
            savepoint.execute("release savepoint item_batch");
            return true;
        }
    }

    private static Set<UUID> insertNonConflicting(Connection connection, ItemBatch batch) throws SQLException {
        Set<UUID> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_NON_CONFLICTING)) {
            bind(insert, batch);
            try (ResultSet result = insert.executeQuery()) {
                while (result.next()) {
                    inserted.add(result.getObject(1, UUID.class));
                }
            }
        }
        return inserted;
    }

    private static void bind(PreparedStatement insert, ItemBatch batch) throws SQLException {
        insert.setObject(1, batch.projectId());
        insert.setInt(2, batch.schemaVersion());
        insert.setObject(3, batch.outboxEventId());
        insert.setObject(4, batch.uploadId());
        insert.setTimestamp(5, Binds.timestamp(batch.ingestedAt()));
        insert.setString(6, batch.itemIds());
        insert.setString(7, batch.externalIds());
        insert.setString(8, batch.contentHashes());
        insert.setString(9, batch.dedupHashes());
        insert.setString(10, batch.kinds());
        insert.setString(11, batch.pilots());
        insert.setString(12, batch.qualifications());
        insert.setString(13, batch.annotatorsPerItem());
        insert.setString(14, batch.assignees());
        insert.setString(15, batch.data());
        insert.setString(16, batch.metadata());
    }

    public void insertAnswers(Map<UUID, String> answers) {
        if (answers.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(answers.keySet());
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(INSERT_ANSWERS)) {
            insert.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            insert.setArray(2, connection.createArrayOf("text", ids.stream().map(answers::get).toArray()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("storing reference answers", e);
        }
    }

    public Map<String, UUID> idsByExternalId(UUID projectId, Collection<String> externalIds) {
        return lookup(BY_EXTERNAL_ID, projectId, externalIds);
    }

    public Map<String, UUID> idsByDedupHash(UUID projectId, Collection<String> hashes) {
        return lookup(BY_DEDUP_HASH, projectId, hashes);
    }

    private Map<String, UUID> lookup(String sql, UUID projectId, Collection<String> keys) {
        Map<String, UUID> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, projectId);
            select.setArray(2, connection.createArrayOf("text", keys.toArray()));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    found.put(result.getString(1), result.getObject(2, UUID.class));
                }
            }
            return found;
        } catch (SQLException e) {
            throw Jdbc.failure("looking up items", e);
        }
    }

    public Optional<ItemRow> find(UUID projectId, UUID itemId) {
        List<ItemRow> rows = query(COLUMNS + " where i.project_id = ? and i.item_id = ?", List.of(projectId, itemId));
        return rows.stream().findFirst();
    }

    public Optional<String> referenceAnswer(UUID itemId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(ANSWER)) {
            select.setObject(1, itemId);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure("reading a reference answer", e);
        }
    }

    public boolean hasItems(UUID projectId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(HAS_ITEMS)) {
            select.setObject(1, projectId);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("counting items", e);
        }
    }

    /** One page in ingestion order after the {@code afterSeq} cursor; filters are optional. */
    public List<ItemRow> page(UUID projectId, long afterSeq, ItemKind kind, Boolean published, Instant since,
                              int limit) {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" where i.project_id = ? and i.seq > ?");
        List<Object> params = new ArrayList<>(List.of(projectId, afterSeq));
        if (kind != null) {
            sql.append(" and i.kind = ?");
            params.add(kind.name());
        }
        if (published != null) {
            sql.append(published ? " and (o.id is null or o.sent_at is not null)" : " and o.id is not null and o.sent_at is null");
        }
        if (since != null) {
            sql.append(" and i.ingested_at >= ?");
            params.add(since);
        }
        sql.append(" order by i.seq limit ?");
        params.add(limit);
        return query(sql.toString(), params);
    }

    private List<ItemRow> query(String sql, List<Object> params) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(sql)) {
            Binds.bind(select, params.toArray());
            List<ItemRow> rows = new ArrayList<>();
            try (ResultSet r = select.executeQuery()) {
                while (r.next()) {
                    rows.add(new ItemRow(r.getObject(1, UUID.class), r.getLong(2), r.getObject(3, UUID.class),
                            r.getString(4), r.getString(5), r.getString(6), ItemKind.valueOf(r.getString(7)),
                            r.getBoolean(8), r.getBoolean(9), r.getString(10), r.getString(11),
                            r.getObject(12, Integer.class), r.getString(13), r.getInt(14),
                            r.getObject(15, UUID.class), r.getObject(16, UUID.class),
                            Columns.instant(r.getTimestamp(17)), r.getBoolean(18)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw Jdbc.failure("reading items", e);
        }
    }
}
