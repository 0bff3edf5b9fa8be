package org.leadtocash.system.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The SLA heatmap in Cockpit asks, per activity of a definition, for the finished activity instances of the last 90
 * days sorted by duration (its median). Camunda's own indexes on {@code ACT_HI_ACTINST} start with the process
 * instance, execution or start time, so that read would scan the whole history; this index reaches the activity's
 * recent rows directly. The engine creates its own tables, so the index is added once the engine is up, like
 * {@link JobAcquisitionIndex}; {@code IF NOT EXISTS} makes it idempotent on H2 and PostgreSQL.
 */
@Component
class HeatmapHistoryIndex {
    private static final Logger log = LoggerFactory.getLogger(HeatmapHistoryIndex.class);
    private final JdbcClient jdbc;

    public HeatmapHistoryIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationStartedEvent.class)
    public void ensureIndex() {
        try {
            jdbc.sql("CREATE INDEX IF NOT EXISTS L2C_IDX_HI_ACT_DEF_END ON ACT_HI_ACTINST "
                    + "(PROC_DEF_ID_, ACT_ID_, END_TIME_, DURATION_)").update();
        } catch (RuntimeException e) {
            log.warn("Could not create the heatmap index on ACT_HI_ACTINST; the heatmap still works, only slower", e);
        }
    }
}
