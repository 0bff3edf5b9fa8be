package org.leadtocash.notify;

import java.util.HashMap;
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
 * {@code leadtocash_notification_deliveries{channel, status}} on {@code /actuator/prometheus}: the delivery log's
 * attempts per channel and status. Counted from the database on every scrape (one GROUP BY), not kept in memory, so
 * every node of a cluster reports the same truth and a restart loses nothing; every channel × status is reported, 0
 * included. While the database cannot be read the figure is left out of the scrape instead of failing it.
 */
@Component
class DeliveryMetrics implements MultiCollector {
    static final String DELIVERIES = "leadtocash_notification_deliveries";
    private static final Logger log = LoggerFactory.getLogger(DeliveryMetrics.class);

    private final JdbcTemplate jdbc;

    DeliveryMetrics(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public MetricSnapshots collect() {
        Map<String, Long> counts = new HashMap<>();
        try {
            jdbc.query("SELECT channel, status, COUNT(*) AS n FROM notification_delivery GROUP BY channel, status",
                    rs -> {
                        counts.put(rs.getString("channel") + "/" + rs.getString("status"), rs.getLong("n"));
                    });
        } catch (DataAccessException e) {
            log.warn("{} left out of this scrape: the delivery log cannot be read ({})", DELIVERIES, e.getMessage());
            return MetricSnapshots.of();
        }
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(DELIVERIES)
                .help("Notification delivery attempts in the delivery log by channel and status"
                        + " (SENT, FAILED, NOT_SENT_UNCONFIGURED); the same on every node");
        for (Channel channel : Channel.values()) {
            for (DeliveryStatus status : DeliveryStatus.values()) {
                gauge.dataPoint(GaugeDataPointSnapshot.builder()
                        .labels(Labels.of("channel", channel.name(), "status", status.name()))
                        .value(counts.getOrDefault(channel.name() + "/" + status.name(), 0L))
                        .build());
            }
        }
        return MetricSnapshots.of(gauge.build());
    }

    @Override
    public List<String> getPrometheusNames() {
        return List.of(DELIVERIES);
    }
}
