package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.contracts.events.ItemDecision;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's progress is read from counts that triggers on quality_item keep, folded by readers as they pile
 * up. Whatever item transactions run beside readers that fold, the counts must stay those of the items
 * themselves.
 */
@QuarkusTest
class ProgressCountTest {

    private static final int ITEMS = 120;
    private static final int WRITERS = 6;
    private static final int STEPS_PER_WRITER = 250;
    private static final int READERS = 2;

    private final QualityItemRepository items;
    private final AgroalDataSource dataSource;

    ProgressCountTest(QualityItemRepository items, AgroalDataSource dataSource) {
        this.items = items;
        this.dataSource = dataSource;
    }

    @Test
    void countsStayThoseOfTheItemsUnderConcurrentChangesAndFoldingReads() throws Exception {
        UUID project = UUID.randomUUID();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < ITEMS; i++) {
            ids.add(UUID.randomUUID());
        }
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writers = new ArrayList<>();
        List<Future<Integer>> readers = new ArrayList<>();
        try {
            for (int w = 0; w < WRITERS; w++) {
                long seed = w;
                writers.add(pool.submit(() -> write(project, ids, new Random(seed))));
            }
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> {
                    int reads = 0;
                    while (writing.get()) {
                        QuarkusTransaction.requiringNew().run(() -> items.progress(project));
                        reads++;
                    }
                    return reads;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(3, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<Integer> reader : readers) {
                assertThat(reader.get(1, TimeUnit.MINUTES)).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }

        QualityItemRepository.ItemProgress progress = QuarkusTransaction.requiringNew().call(() -> items.progress(project));
        QualityItemRepository.ItemProgress truth = countedFromTheItems(project);
        assertThat(progress.unlabeled()).isEqualTo(truth.unlabeled());
        assertThat(progress.inProgress()).isEqualTo(truth.inProgress());
        assertThat(progress.decided()).isEqualTo(truth.decided());
        assertThat(progress.open()).containsExactlyInAnyOrderElementsOf(truth.open());
        assertThat(progress.total()).isEqualTo(ITEMS - goldItems(project));
        // some 1,500 transactions each appended rows: the readers folded them
        assertThat(progressRows(project)).isLessThan(QualityItemRepository.FOLD_ABOVE * 3);
    }

    /** Transactions of one or two items each (locked in id order), changing what progress counts. */
    private void write(UUID project, List<UUID> ids, Random random) {
        for (int step = 0; step < STEPS_PER_WRITER; step++) {
            List<UUID> touched = new ArrayList<>(List.of(ids.get(random.nextInt(ids.size()))));
            if (random.nextBoolean()) {
                UUID other = ids.get(random.nextInt(ids.size()));
                if (!touched.contains(other)) {
                    touched.add(other);
                }
            }
            touched.sort(null);
            int choice = random.nextInt(20);
            int labels = random.nextInt(5);
            ItemDecision decision = random.nextInt(3) == 0 ? null
                    : ItemDecision.values()[random.nextInt(ItemDecision.values().length)];
            Integer ownK = random.nextInt(4) == 0 ? 2 + random.nextInt(3) : null;
            QuarkusTransaction.requiringNew().run(() -> {
                for (UUID item : touched) {
                    items.lock(item, project);
                    if (choice == 0) {
                        items.markGold(item, null);
                    } else if (choice < 4) {
                        items.saveAnnotatorsPerItem(item, ownK);
                    } else if (choice < 10) {
                        items.saveLabelCount(item, labels);
                    } else {
                        items.saveAssessment(item, new ItemAssessment(decision, null, null, null, null, labels),
                                Instant.now());
                    }
                }
            });
        }
    }

    /** Progress aggregated from the project's items themselves, as it was read before the counts were kept. */
    private QualityItemRepository.ItemProgress countedFromTheItems(UUID project) throws SQLException {
        Map<ItemDecision, Long> decided = new EnumMap<>(ItemDecision.class);
        for (ItemDecision decision : ItemDecision.values()) {
            decided.put(decision, 0L);
        }
        long unlabeled = 0;
        long inProgress = 0;
        Map<Integer, QualityItemRepository.OpenItems> open = new java.util.HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select decision, label_count > 0, annotators_per_item, count(*), sum(label_count) from quality_item "
                        + "where project_id = ? and not gold group by 1, 2, 3")) {
            s.setObject(1, project);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long count = r.getLong(4);
                    if (r.getString(1) != null) {
                        decided.merge(ItemDecision.valueOf(r.getString(1)), count, Long::sum);
                        continue;
                    }
                    if (r.getBoolean(2)) {
                        inProgress += count;
                    } else {
                        unlabeled += count;
                    }
                    Integer ownK = r.getObject(3, Integer.class);
                    open.merge(ownK, new QualityItemRepository.OpenItems(ownK, count, r.getLong(5)),
                            QualityItemRepository.OpenItems::plus);
                }
            }
        }
        return new QualityItemRepository.ItemProgress(unlabeled, inProgress, List.copyOf(open.values()), decided);
    }

    private long goldItems(UUID project) throws SQLException {
        return count("select count(*) from quality_item where project_id = ? and gold", project);
    }

    private long progressRows(UUID project) throws SQLException {
        return count("select count(*) from quality_progress_count where project_id = ?", project);
    }

    private long count(String sql, UUID project) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, project);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
