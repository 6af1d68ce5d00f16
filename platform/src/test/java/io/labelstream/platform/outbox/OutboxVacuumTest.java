package io.labelstream.platform.outbox;

import io.labelstream.platform.Ledger;
import io.labelstream.platform.PlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay deletes what it published; once it has deleted enough rows it vacuums the outbox itself, so that the
 * dead rows of a burst do not stay in the unsent index for every later round to walk until autovacuum comes.
 */
@QuarkusTest
@TestProfile(OutboxVacuumTest.ManualRelayVacuumingOften.class)
class OutboxVacuumTest extends PlatformTestResource {

    private static final int VACUUM_AFTER_ROWS = 50;
    private static final String VACUUMS =
            "select coalesce(max(vacuum_count), 0) from pg_stat_user_tables where relid = cast(? as regclass)";
    /**
     * The entries of the unsent index that point at a row, read off its leaf pages: the server's statistics are no
     * witness, because a backend reports its deletes up to seconds later, after the vacuum has reset their count.
     * Block 0 is the metapage; a leaf's high key points at no row.
     */
    private static final String UNSENT_INDEX_ENTRIES = """
            with leaf as materialized (
                select page
                from generate_series(1, pg_relation_size(cast(? as regclass)) / current_setting('block_size')::int - 1)
                    as page,
                    lateral bt_page_stats('outbox_event_unsent', page::int) as stats
                where stats.type = 'l')
            select count(*)
            from leaf, lateral bt_page_items('outbox_event_unsent', leaf.page::int) as item
            where item.htid is not null""";

    public static class ManualRelayVacuumingOften implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("labelstream.outbox.relay-enabled", "false",
                    "labelstream.outbox.vacuum-after-rows", String.valueOf(VACUUM_AFTER_ROWS));
        }
    }

    @Inject
    Ledger ledger;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxRelay relay;

    @BeforeEach
    void onlyTheRelayVacuumsTheOutbox() throws SQLException {
        // pageinspect, a contrib module shipped with the server, reads the index's pages
        execute("create extension if not exists pageinspect");
        execute("alter table outbox_event set (autovacuum_enabled = off)");
    }

    @AfterEach
    void autovacuumAgain() throws SQLException {
        execute("alter table outbox_event reset (autovacuum_enabled)");
    }

    @Test
    void theRelayVacuumsTheOutboxOnceItHasDeletedEnoughRows() {
        long vacuumsBefore = ledger.count(VACUUMS, "outbox_event");
        for (int i = 0; i < VACUUM_AFTER_ROWS - 1; i++) {
            ledger.record(new Ledger.Entry(UUID.randomUUID(), "below the threshold " + i));
        }
        relayEverything();
        // deleted, and still in the unsent index
        assertThat(unsentIndexEntries()).isGreaterThanOrEqualTo(VACUUM_AFTER_ROWS - 1);
        for (int i = 0; i < 10; i++) {
            ledger.record(new Ledger.Entry(UUID.randomUUID(), "beyond the threshold " + i));
        }

        relayEverything();

        // the server counts a vacuum in its statistics a moment after it ran
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.count(VACUUMS, "outbox_event") > vacuumsBefore);
        assertThat(unsentIndexEntries()).isZero();
    }

    private long unsentIndexEntries() {
        return ledger.count(UNSENT_INDEX_ENTRIES, "outbox_event_unsent");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void relayEverything() {
        while (relay.relayOnce() > 0) {
            // rounds of up to a batch each, until none is left
        }
    }
}
