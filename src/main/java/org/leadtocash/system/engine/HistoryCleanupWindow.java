package org.leadtocash.system.engine;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * History cleanup runs every night in a window of the sales team's clock ({@code leadtocash.history-cleanup.window-start}
 * / {@code -end}, default 01:00–05:00 in {@code leadtocash.zone}). Without a window Camunda never removes history, so
 * the {@code historyTimeToLive} of the diagrams had no effect. Camunda reads the window in the JVM's zone (UTC in the
 * Docker image), so the team's times are converted once at start-up. The KPIs read the app's own tables, never the
 * engine history that cleanup removes.
 */
@Component
class HistoryCleanupWindow extends AbstractProcessEnginePlugin {
    private static final Logger log = LoggerFactory.getLogger(HistoryCleanupWindow.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId teamZone;
    private final ZoneId engineZone;

    @Autowired
    HistoryCleanupWindow(@Value("${leadtocash.history-cleanup.window-start:01:00}") LocalTime start,
                         @Value("${leadtocash.history-cleanup.window-end:05:00}") LocalTime end,
                         @Value("${leadtocash.zone:Asia/Shanghai}") ZoneId teamZone) {
        this(start, end, teamZone, ZoneId.systemDefault());
    }

    HistoryCleanupWindow(LocalTime start, LocalTime end, ZoneId teamZone, ZoneId engineZone) {
        if (start.equals(end)) {
            throw new IllegalArgumentException("leadtocash.history-cleanup.window-start and -end must differ (both " + start + ")");
        }
        this.start = start;
        this.end = end;
        this.teamZone = teamZone;
        this.engineZone = engineZone;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryCleanupBatchWindowStartTime(inEngineZone(start));
        configuration.setHistoryCleanupBatchWindowEndTime(inEngineZone(end));
        log.info("History cleanup window {}–{} {} ({}–{} {})", HH_MM.format(start), HH_MM.format(end), teamZone,
                inEngineZone(start), inEngineZone(end), engineZone);
    }

    /** The team's time of day as the engine's clock shows it (today's offset; the team's zone has no daylight saving). */
    String inEngineZone(LocalTime teamTime) {
        return HH_MM.format(LocalDate.now(teamZone).atTime(teamTime).atZone(teamZone).withZoneSameInstant(engineZone));
    }
}
