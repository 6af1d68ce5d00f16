package io.labelstream.platform.outbox;

import io.labelstream.platform.Ledger;
import io.labelstream.platform.PlatformTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

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
    private static final String DEAD_ROWS =
            "select coalesce(max(n_dead_tup), 0) from pg_stat_user_tables where relid = cast(? as regclass)";

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
    OutboxRelay relay;

    @Test
    void theRelayVacuumsTheOutboxOnceItHasDeletedEnoughRows() {
        long vacuumsBefore = ledger.count(VACUUMS, "outbox_event");
        for (int i = 0; i < VACUUM_AFTER_ROWS - 1; i++) {
            ledger.record(new Ledger.Entry(UUID.randomUUID(), "below the threshold " + i));
        }
        relayEverything();
        for (int i = 0; i < 10; i++) {
            ledger.record(new Ledger.Entry(UUID.randomUUID(), "beyond the threshold " + i));
        }

        relayEverything();

        // the server counts a vacuum in its statistics a moment after it ran
        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.count(VACUUMS, "outbox_event") > vacuumsBefore);
        assertThat(ledger.count(DEAD_ROWS, "outbox_event")).isZero();
    }

    private void relayEverything() {
        while (relay.relayOnce() > 0) {
            // rounds of up to a batch each, until none is left
        }
    }
}
