package org.leadtocash.shared;

import java.sql.Timestamp;
import java.util.function.ToLongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds a summary table from its feature's own rows when {@code summary_state} (V20) says it was built for no zone
 * (the first start after the feature's migration) or for another one ({@code leadtocash.zone} changed: days are counted
 * in it), or on demand after rows were written with SQL that bypassed the application (a bulk load). One transaction
 * that first locks the summary's state row, so nodes starting together build it once and a node's writes wait for it.
 * Nodes still running an older release do not keep the summary: the README's production notes say to stop them before
 * an upgrade.
 */
@Component
public class SummaryBuilds {
    private static final Logger log = LoggerFactory.getLogger(SummaryBuilds.class);

    private final JdbcClient jdbc;
    private final EngineClock clock;
    private final TransactionTemplate tx;

    public SummaryBuilds(JdbcClient jdbc, EngineClock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * Builds {@code table} unless it is built for the current zone. {@code build} gets an emptied table and returns how
     * many source rows it read (for the log).
     */
    public void ensureBuilt(String table, ToLongFunction<EngineClock> build) {
        run(table, false, build);
    }

    /** Builds {@code table} again whatever its state. */
    public void rebuild(String table, ToLongFunction<EngineClock> build) {
        run(table, true, build);
    }

    private void run(String table, boolean always, ToLongFunction<EngineClock> build) {
        String zone = clock.zone().getId();
        tx.executeWithoutResult(status -> {
            String builtFor = jdbc.sql("SELECT zone FROM summary_state WHERE name = :name FOR UPDATE").param("name", table)
                    .query(String.class).optional().orElseThrow(() -> new IllegalStateException(
                            "summary_state has no row for " + table + ": its migration must insert one"));
            if (!always && zone.equals(builtFor)) {
                return;
            }
            long start = System.nanoTime();
            jdbc.sql("DELETE FROM " + table).update();
            long read = build.applyAsLong(clock);
            jdbc.sql("UPDATE summary_state SET zone = :zone, built_at = :at WHERE name = :name").param("zone", zone)
                    .param("at", Timestamp.from(clock.now())).param("name", table).update();
            log.info("Summary {} built from {} rows for days in {} in {} ms", table, read, zone, (System.nanoTime() - start) / 1_000_000);
        });
    }
}
