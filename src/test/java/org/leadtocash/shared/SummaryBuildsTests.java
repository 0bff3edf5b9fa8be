package org.leadtocash.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import com.zaxxer.hikari.HikariDataSource;

/** {@link SummaryBuilds}: a summary is built once per zone, again when the zone changes or on demand, never half. */
class SummaryBuildsTests {
    private HikariDataSource dataSource;
    private JdbcClient jdbc;
    private DataSourceTransactionManager transactions;

    @BeforeEach
    void setUp() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:summary-builds;DB_CLOSE_DELAY=-1");
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("DROP TABLE IF EXISTS summary_state").update();
        jdbc.sql("DROP TABLE IF EXISTS test_summary").update();
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/V20__summary_state.sql")).execute(dataSource);
        jdbc.sql("CREATE TABLE test_summary (grp VARCHAR(10) PRIMARY KEY, items INTEGER NOT NULL)").update();
        jdbc.sql("INSERT INTO summary_state (name, zone) VALUES ('test_summary', '')").update();
        transactions = new DataSourceTransactionManager(dataSource);
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    private SummaryBuilds builds(String zone) {
        return new SummaryBuilds(jdbc, new EngineClock(ZoneId.of(zone)), transactions);
    }

    @Test
    void aSummaryIsBuiltOnceForItsZoneAndAgainWhenTheZoneChangesOrOnDemand() {
        AtomicInteger runs = new AtomicInteger();
        builds("Asia/Shanghai").ensureBuilt("test_summary", clock -> {
            runs.incrementAndGet();
            jdbc.sql("INSERT INTO test_summary VALUES ('A', 1)").update();
            return 1;
        });
        builds("Asia/Shanghai").ensureBuilt("test_summary", clock -> {
            runs.incrementAndGet();
            return 0;
        });
        assertThat(runs).hasValue(1);
        assertThat(jdbc.sql("SELECT zone FROM summary_state").query(String.class).single()).isEqualTo("Asia/Shanghai");

        builds("Asia/Urumqi").ensureBuilt("test_summary", clock -> {
            assertThat(clock.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
            assertThat(jdbc.sql("SELECT COUNT(*) FROM test_summary").query(Integer.class).single()).as("emptied first").isZero();
            runs.incrementAndGet();
            return 0;
        });
        builds("Asia/Urumqi").rebuild("test_summary", clock -> {
            runs.incrementAndGet();
            return 0;
        });
        assertThat(runs).hasValue(3);
        assertThat(jdbc.sql("SELECT zone FROM summary_state").query(String.class).single()).isEqualTo("Asia/Urumqi");
    }

    @Test
    void aFailedBuildLeavesTheSummaryAndItsStateAsTheyWere() {
        builds("Asia/Shanghai").ensureBuilt("test_summary", clock -> {
            jdbc.sql("INSERT INTO test_summary VALUES ('A', 1)").update();
            return 1;
        });
        assertThatThrownBy(() -> builds("Asia/Shanghai").rebuild("test_summary", clock -> {
            throw new IllegalStateException("source unreadable");
        })).hasMessage("source unreadable");
        assertThat(jdbc.sql("SELECT items FROM test_summary WHERE grp = 'A'").query(Integer.class).single()).isOne();
        assertThat(jdbc.sql("SELECT zone FROM summary_state").query(String.class).single()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void aSummaryWithoutAStateRowIsRefusedNamingIt() {
        assertThatThrownBy(() -> builds("Asia/Shanghai").ensureBuilt("other_summary", clock -> 0))
                .hasMessageContaining("summary_state has no row for other_summary");
    }
}
