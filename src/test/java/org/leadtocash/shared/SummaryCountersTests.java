package org.leadtocash.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

/**
 * {@link SummaryCounters} on H2 (this class) and PostgreSQL ({@link SummaryCountersPostgresTests}): increments are
 * summed and written at commit, a rollback writes nothing, and transactions that create and grow the same row at the same
 * time lose no count.
 */
class SummaryCountersTests {
    private static final SummaryCounters.Table TABLE = new SummaryCounters.Table("test_summary", List.of("summary_day", "grp"),
            List.of("items", "done"));

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private TransactionTemplate tx;
    private SummaryCounters counters;

    @BeforeEach
    void setUp() throws Exception {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(jdbcUrl());
        dataSource.setMaximumPoolSize(8);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("DROP TABLE IF EXISTS test_summary");
        jdbc.execute("CREATE TABLE test_summary (summary_day DATE NOT NULL, grp VARCHAR(20) NOT NULL, items BIGINT NOT NULL DEFAULT 0, "
                + "done BIGINT NOT NULL DEFAULT 0, PRIMARY KEY (summary_day, grp))");
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        counters = new SummaryCounters(dataSource);
    }

    @AfterEach
    void tearDown() {
        dataSource.close();
    }

    protected String jdbcUrl() throws Exception {
        return "jdbc:h2:mem:summary-counters;DB_CLOSE_DELAY=-1";
    }

    private String row(LocalDate day, String group) {
        return jdbc.query("SELECT items, done FROM test_summary WHERE summary_day = ? AND grp = ?",
                rs -> rs.next() ? rs.getLong(1) + "/" + rs.getLong(2) : "none", day, group);
    }

    @Test
    void incrementsOfOneTransactionAreSummedAndWrittenWhenItCommits() {
        LocalDate day = LocalDate.of(2026, 3, 1);
        tx.executeWithoutResult(s -> {
            counters.add(TABLE, List.of(day, "EAST"), new long[] {1, 0});
            counters.add(TABLE, List.of(day, "EAST"), new long[] {1, 1});
            counters.add(TABLE, List.of(day, "NORTH"), new long[] {1, 0});
            assertThat(row(day, "EAST")).as("not before the commit").isEqualTo("none");
        });
        assertThat(row(day, "EAST")).isEqualTo("2/1");
        assertThat(row(day, "NORTH")).isEqualTo("1/0");
        tx.executeWithoutResult(s -> counters.add(TABLE, List.of(day, "EAST"), new long[] {-1, 1}));
        assertThat(row(day, "EAST")).isEqualTo("1/2");
    }

    @Test
    void aRolledBackTransactionLeavesTheCountsAsTheyWere() {
        LocalDate day = LocalDate.of(2026, 3, 2);
        counters.add(TABLE, List.of(day, "EAST"), new long[] {5, 5});
        assertThat(row(day, "EAST")).as("outside a transaction: at once").isEqualTo("5/5");
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            counters.add(TABLE, List.of(day, "EAST"), new long[] {1, 1});
            counters.add(TABLE, List.of(day, "SOUTH"), new long[] {1, 1});
            throw new IllegalStateException("the change failed");
        })).hasMessage("the change failed");
        assertThat(row(day, "EAST")).isEqualTo("5/5");
        assertThat(row(day, "SOUTH")).isEqualTo("none");
        tx.executeWithoutResult(s -> {
            counters.add(TABLE, List.of(day, "EAST"), new long[] {1, 0});
            s.setRollbackOnly();
        });
        assertThat(row(day, "EAST")).isEqualTo("5/5");
    }

    @Test
    void aTransactionStartedInsideAnotherCommitsItsOwnIncrementsWhateverTheOuterOneDoes() {
        LocalDate day = LocalDate.of(2026, 3, 5);
        TransactionTemplate inner = new TransactionTemplate(tx.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
            counters.add(TABLE, List.of(day, "OUTER"), new long[] {1, 0});
            inner.executeWithoutResult(t -> counters.add(TABLE, List.of(day, "INNER"), new long[] {1, 1}));
            assertThat(row(day, "INNER")).as("committed with the inner transaction").isEqualTo("1/1");
            counters.add(TABLE, List.of(day, "OUTER"), new long[] {1, 0});
            throw new IllegalStateException("the outer change failed");
        })).hasMessage("the outer change failed");
        assertThat(row(day, "INNER")).isEqualTo("1/1");
        assertThat(row(day, "OUTER")).isEqualTo("none");
        tx.executeWithoutResult(s -> {
            counters.add(TABLE, List.of(day, "OUTER"), new long[] {1, 0});
            inner.executeWithoutResult(t -> counters.add(TABLE, List.of(day, "INNER"), new long[] {1, 0}));
            counters.add(TABLE, List.of(day, "OUTER"), new long[] {1, 0});
        });
        assertThat(row(day, "OUTER")).isEqualTo("2/0");
        assertThat(row(day, "INNER")).isEqualTo("2/1");
    }

    @Test
    void transactionsCreatingAndGrowingTheSameRowsAtOnceLoseNoCount() throws Exception {
        LocalDate day = LocalDate.of(2026, 3, 3);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                work.add(() -> {
                    for (int i = 0; i < 50; i++) {
                        tx.executeWithoutResult(s -> {
                            counters.add(TABLE, List.of(day, "WEST"), new long[] {1, 0});
                            counters.add(TABLE, List.of(day, "ALL"), new long[] {1, 1});
                        });
                    }
                    return null;
                });
            }
            for (Future<Void> f : pool.invokeAll(work)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(row(day, "WEST")).isEqualTo("300/0");
        assertThat(row(day, "ALL")).isEqualTo("300/300");
    }

    @Test
    void aKeyOrIncrementsThatDoNotFitTheTableAreRefused() {
        assertThatThrownBy(() -> counters.add(TABLE, List.of(LocalDate.of(2026, 3, 4)), new long[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit");
        assertThatThrownBy(() -> counters.add(TABLE, java.util.Arrays.asList(LocalDate.of(2026, 3, 4), null), new long[] {1, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null in the key");
    }

}
