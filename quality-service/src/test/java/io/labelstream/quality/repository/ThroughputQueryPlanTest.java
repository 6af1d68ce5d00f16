package io.labelstream.quality.repository;

import io.agroal.api.AgroalDataSource;
import io.labelstream.devstack.QueryPlans;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.labelstream.devstack.QueryPlans.md5Uuid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throughput every progress request reads counts a busy project's window only as far as the sample: 30,000
 * labels of the project within the hour, among 120,000 of other projects, and the statement reads the sample's
 * rows, not the window's. Run with EXPLAIN ANALYZE ({@link QueryPlans}), planned for its values and as a generic
 * plan.
 */
@QuarkusTest
class ThroughputQueryPlanTest {

    private static final int SAMPLE = 2_000;

    private final AgroalDataSource dataSource;

    ThroughputQueryPlanTest(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @BeforeEach
    void fill() throws SQLException {
        // five projects of 10,000 items with three labels each, all submitted as the fill runs
        QueryPlans.fillOnce(dataSource, getClass(), List.of("quality_label"),
                PlanCheckLabels.insert(5, 10_000, 60, 3));
    }

    @Test
    void aBusyWindowIsReadOnlyAsFarAsTheSample() throws Exception {
        QueryPlans.Runs runs = QueryPlans.run(dataSource, QualityLabelRepository.LATEST_SINCE, md5Uuid("project2"),
                Instant.now().minus(Duration.ofHours(1)), SAMPLE);
        assertThat(runs.beyond(SAMPLE + 1)).as(QualityLabelRepository.LATEST_SINCE).isEmpty();
    }
}
