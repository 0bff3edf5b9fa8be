package org.leadtocash.system.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The job executor acquires by due date ({@code jobExecutorAcquireByDueDate}) and every job carries one
 * ({@code ensureJobDueDateNotNull}); Camunda recommends an index on {@code ACT_RU_JOB.DUEDATE_} for that query. The
 * engine creates its own schema (after Flyway may have run), so the index is added here once the engine is up;
 * {@code IF NOT EXISTS} makes it idempotent on H2 and PostgreSQL. Jobs written before due dates were ensured (a
 * database from an earlier version) would never be acquired, so they are given "now".
 */
@Component
class JobAcquisitionIndex {
    private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);
    private final JdbcClient jdbc;

    public JobAcquisitionIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void ensureIndex() {
        try {
            jdbc.sql("CREATE INDEX IF NOT EXISTS L2C_IDX_JOB_DUEDATE ON ACT_RU_JOB (DUEDATE_)").update();
        } catch (RuntimeException e) {
            log.warn("Could not create the due-date index on ACT_RU_JOB; timer acquisition still works, only slower", e);
        }
        int undated = jdbc.sql("UPDATE ACT_RU_JOB SET DUEDATE_ = CURRENT_TIMESTAMP WHERE DUEDATE_ IS NULL").update();
        if (undated > 0) {
            log.info("Gave {} job(s) without a due date the due date now, so the job executor acquires them", undated);
        }
    }
}
