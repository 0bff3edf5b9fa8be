package org.leadtocash.erp;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

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
 * {@code leadtocash_u8_handoff_attempts{outcome}} on {@code /actuator/prometheus}: the U8 hand-off log's attempts per
 * outcome (ACCEPTED, REJECTED, FAILED, IN_FLIGHT, EXPORTED_NOT_SENT). Counted from the database on every scrape (one
 * GROUP BY), not kept in memory, so every node of a cluster reports the same truth and an IN_FLIGHT attempt left by a
 * node that died is still seen; every outcome is reported, 0 included. While the database cannot be read the figure is
 * left out of the scrape instead of failing it.
 */
@Component
class HandOffMetrics implements MultiCollector {
    static final String ATTEMPTS = "leadtocash_u8_handoff_attempts";
    private static final Logger log = LoggerFactory.getLogger(HandOffMetrics.class);

    private final JdbcTemplate jdbc;

    HandOffMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public MetricSnapshots collect() {
        Map<AttemptOutcome, Long> counts = new EnumMap<>(AttemptOutcome.class);
        try {
            jdbc.query("SELECT outcome, COUNT(*) AS n FROM erp_handoff GROUP BY outcome",
                    rs -> {
                        counts.put(AttemptOutcome.valueOf(rs.getString("outcome")), rs.getLong("n"));
                    });
        } catch (DataAccessException e) {
            log.warn("{} left out of this scrape: the hand-off log cannot be read ({})", ATTEMPTS, e.getMessage());
            return MetricSnapshots.of();
        }
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(ATTEMPTS)
                .help("U8 hand-off attempts in the hand-off log by outcome; IN_FLIGHT for long means a node died"
                        + " mid-send or U8 does not answer; the same on every node");
        for (AttemptOutcome outcome : AttemptOutcome.values()) {
            gauge.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(Labels.of("outcome", outcome.name()))
                    .value(counts.getOrDefault(outcome, 0L))
                    .build());
        }
        return MetricSnapshots.of(gauge.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(ATTEMPTS);
    }
}
