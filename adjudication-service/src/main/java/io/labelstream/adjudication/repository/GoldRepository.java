package io.labelstream.adjudication.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.adjudication.domain.CurrentGold;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import io.labelstream.platform.outbox.ArrayLiteral;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Every published gold version (immutable) and the current gold set. */
@ApplicationScoped
public class GoldRepository {

    private final Jdbc jdbc;

    public GoldRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises all changes of one item's review and gold state across threads and replicas for the
     * rest of the transaction, so versions are numbered without gaps or duplicates.
     */
    public void lockItem(UUID itemId) {
        jdbc.one("select pg_advisory_xact_lock(?)", row -> Boolean.TRUE, lockKey(itemId));
    }

    /**
     * {@link #lockItem} for many items in one statement. The locks are taken in ascending key order, one
     * global order for every transaction that holds more than one, so two batches never wait for each other
     * in a cycle; every other writer holds a single item's lock.
     */
    public void lockItems(Collection<UUID> itemIds) {
        Long[] keys = itemIds.stream().map(GoldRepository::lockKey).distinct().sorted().toArray(Long[]::new);
        if (keys.length > 0) {
            // unnest yields the array in order, and the lock is taken row by row as the rows are produced
            jdbc.list("select pg_advisory_xact_lock(k) from unnest(?) as k", row -> Boolean.TRUE, (Object) keys);
        }
    }

    private static long lockKey(UUID itemId) {
        return itemId.getMostSignificantBits() ^ itemId.getLeastSignificantBits();
    }

    /** The current gold of each of the items that has one. */
    public Map<UUID, CurrentGold> currentOf(Collection<UUID> itemIds) {
        Map<UUID, CurrentGold> current = new HashMap<>();
        jdbc.list("select * from gold_current where item_id = any(?)", GoldRepository::currentGold,
                (Object) itemIds.toArray(UUID[]::new)).forEach(gold -> current.put(gold.itemId(), gold));
        return current;
    }

    /** The highest version ever published of each of the items that has one. */
    public Map<UUID, Integer> latestVersions(Collection<UUID> itemIds) {
        Map<UUID, Integer> latest = new HashMap<>();
        jdbc.list("select item_id, max(version) as v from gold_version where item_id = any(?) group by item_id", row -> {
            latest.put((UUID) row.getObject("item_id"), row.getInt("v"));
            return null;
        }, (Object) itemIds.toArray(UUID[]::new));
        return latest;
    }

    /** A version to store with {@link #saveVersions}. */
    public record NewVersion(UUID itemId, int version, UUID projectId, DecidedBy decidedBy, JsonNode label,
                             Instant decidedAt, String document) {
    }

    /**
     * {@link #saveVersion} for many versions: one statement per table. Of several versions of one item the
     * last becomes current.
     */
    public void saveVersions(List<NewVersion> versions) {
        if (versions.isEmpty()) {
            return;
        }
        jdbc.update("""
                insert into gold_version (item_id, version, project_id, decided_by, decided_at, document)
                select * from unnest(?::uuid[], ?::integer[], ?::uuid[], ?::text[], ?::timestamptz[], ?::text[])""",
                ArrayLiteral.of(versions.stream().map(NewVersion::itemId).toList()),
                ArrayLiteral.of(versions.stream().map(NewVersion::version).toList()),
                ArrayLiteral.of(versions.stream().map(NewVersion::projectId).toList()),
                ArrayLiteral.of(versions.stream().map(v -> v.decidedBy().name()).toList()),
                ArrayLiteral.of(versions.stream().map(NewVersion::decidedAt).toList()),
                ArrayLiteral.of(versions.stream().map(NewVersion::document).toList()));
        // an upsert may change a row once per statement: the last version of each item only
        Map<UUID, NewVersion> last = new LinkedHashMap<>();
        versions.forEach(v -> last.put(v.itemId(), v));
        List<NewVersion> current = List.copyOf(last.values());
        jdbc.update("""
                insert into gold_current (item_id, project_id, version, decided_by, label, decided_at)
                select i, p, v, d, cast(l as jsonb), t
                from unnest(?::uuid[], ?::uuid[], ?::integer[], ?::text[], ?::text[], ?::timestamptz[]) as u(i, p, v, d, l, t)
                on conflict (item_id) do update set version = excluded.version, decided_by = excluded.decided_by,
                    label = excluded.label, decided_at = excluded.decided_at""",
                ArrayLiteral.of(current.stream().map(NewVersion::itemId).toList()),
                ArrayLiteral.of(current.stream().map(NewVersion::projectId).toList()),
                ArrayLiteral.of(current.stream().map(NewVersion::version).toList()),
                ArrayLiteral.of(current.stream().map(v -> v.decidedBy().name()).toList()),
                ArrayLiteral.of(current.stream().map(v -> v.label().toString()).toList()),
                ArrayLiteral.of(current.stream().map(NewVersion::decidedAt).toList()));
    }
    public Optional<CurrentGold> current(UUID itemId) {
        return jdbc.one("select * from gold_current where item_id = ?", GoldRepository::currentGold, itemId);
    }

    private static CurrentGold currentGold(java.sql.ResultSet row) throws java.sql.SQLException {
        return new CurrentGold((UUID) row.getObject("item_id"), (UUID) row.getObject("project_id"), row.getInt("version"),
                DecidedBy.valueOf(row.getString("decided_by")), Columns.json(row, "label"),
                Columns.instant(row, "decided_at"));
    }

    /** The highest version ever published for the item, 0 if none. */
    public int latestVersion(UUID itemId) {
        return jdbc.one("select coalesce(max(version), 0) as v from gold_version where item_id = ?",
                row -> row.getInt("v"), itemId).orElse(0);
    }

    public void saveVersion(UUID itemId, int version, UUID projectId, DecidedBy decidedBy, JsonNode label,
                            Instant decidedAt, String document) {
        jdbc.update("""
                insert into gold_version (item_id, version, project_id, decided_by, decided_at, document)
                values (?, ?, ?, ?, ?, ?)""", itemId, version, projectId, decidedBy, decidedAt, document);
        jdbc.update("""
                insert into gold_current (item_id, project_id, version, decided_by, label, decided_at)
                values (?, ?, ?, ?, cast(? as jsonb), ?)
                on conflict (item_id) do update set version = excluded.version, decided_by = excluded.decided_by,
                    label = excluded.label, decided_at = excluded.decided_at""",
                itemId, projectId, version, decidedBy, label, decidedAt);
    }

    /** Takes the item out of the current set; its versions stay for the releases that contain them. */
    public boolean removeCurrent(UUID itemId) {
        return jdbc.update("delete from gold_current where item_id = ?", itemId) == 1;
    }

    /** The stored documents of every version of the item, oldest first. */
    public List<String> history(UUID itemId) {
        return jdbc.list("select document from gold_version where item_id = ? order by version",
                row -> row.getString("document"), itemId);
    }
}
