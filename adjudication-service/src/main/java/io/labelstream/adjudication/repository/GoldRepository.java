package io.labelstream.adjudication.repository;

import com.fasterxml.jackson.databind.JsonNode;
import io.labelstream.adjudication.domain.CurrentGold;
import io.labelstream.contracts.events.DecidedBy;
import io.labelstream.platform.jdbc.Columns;
import io.labelstream.platform.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
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
        jdbc.one("select pg_advisory_xact_lock(?)", row -> Boolean.TRUE,
                itemId.getMostSignificantBits() ^ itemId.getLeastSignificantBits());
    }

    public Optional<CurrentGold> current(UUID itemId) {
        return jdbc.one("select * from gold_current where item_id = ?", row -> new CurrentGold(
                (UUID) row.getObject("item_id"), (UUID) row.getObject("project_id"), row.getInt("version"),
                DecidedBy.valueOf(row.getString("decided_by")), Columns.json(row, "label"),
                Columns.instant(row, "decided_at")), itemId);
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
