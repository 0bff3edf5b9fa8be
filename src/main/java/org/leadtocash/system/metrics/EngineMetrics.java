package org.leadtocash.system.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The engine's figures on {@code /actuator/prometheus}: open incidents per process definition key, due jobs and failed
 * jobs (retries exhausted). Counted from the engine's tables on every scrape, not kept in memory: every node of a
 * cluster shares one database, so every node reports the same truth, whichever node's job failed. Incidents are one
 * GROUP BY (the engine's query API cannot group), every deployed key reported, 0 included; jobs are two counts through
 * the engine's job query, with its meaning of "executable". While the database cannot be read these figures are left
 * out of the scrape instead of failing it.
 */
@Component
class EngineMetrics implements MultiCollector {
    static final String INCIDENTS = "leadtocash_incidents_open";
    static final String JOBS_DUE = "leadtocash_jobs_due";
    static final String JOBS_FAILED = "leadtocash_jobs_failed";
    /** The key label of incidents that belong to no process definition (e.g. of a batch). */
    static final String NO_PROCESS = "none";
    private static final Logger log = LoggerFactory.getLogger(EngineMetrics.class);

    private final JdbcTemplate jdbc;
    private final ManagementService managementService;

    EngineMetrics(JdbcTemplate jdbc, ManagementService managementService) {
        this.jdbc = jdbc;
        this.managementService = managementService;
    }

    @Override
    public MetricSnapshots collect() {
        try {
            return MetricSnapshots.of(incidents(),
                    gauge(JOBS_DUE, "Jobs whose due date has passed, with retries left and not suspended: waiting for"
                            + " or in the job executor", managementService.createJobQuery().executable().active().count()),
                    gauge(JOBS_FAILED, "Jobs whose retries are exhausted (each is an incident in Cockpit until retried)",
                            managementService.createJobQuery().noRetriesLeft().count()));
        } catch (DataAccessException | ProcessEngineException e) {
            log.warn("engine figures left out of this scrape: the engine's tables cannot be read ({})", e.getMessage());
            return MetricSnapshots.of();
        }
    }

    private GaugeSnapshot incidents() {
        Map<String, Long> open = new TreeMap<>();
        jdbc.query("SELECT DISTINCT KEY_ FROM ACT_RE_PROCDEF", rs -> {
            open.put(rs.getString("KEY_"), 0L);
        });
        jdbc.query("SELECT d.KEY_ AS process_key, COUNT(*) AS n FROM ACT_RU_INCIDENT i"
                + " LEFT JOIN ACT_RE_PROCDEF d ON d.ID_ = i.PROC_DEF_ID_ GROUP BY d.KEY_", rs -> {
                    String key = rs.getString("process_key");
                    open.put(key == null ? NO_PROCESS : key, rs.getLong("n"));
                });
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(INCIDENTS)
                .help("Open incidents (as Cockpit shows them) per process definition key, all versions");
        open.forEach((key, n) -> gauge.dataPoint(GaugeDataPointSnapshot.builder()
                .labels(Labels.of("process_definition_key", key)).value(n).build()));
        return gauge.build();
    }

    private static GaugeSnapshot gauge(String name, String help, long value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(INCIDENTS, JOBS_DUE, JOBS_FAILED);
    }
}
