package org.leadtocash.system.metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Registers every module's {@link MultiCollector} bean ({@code notify.DeliveryMetrics}, {@code erp.HandOffMetrics},
 * {@link EngineMetrics}) on the Prometheus registry behind {@code /actuator/prometheus}, next to Micrometer's own meters.
 * The modules declare their figures without knowing about the endpoint; no module depends on another for it.
 */
@Component
class PrometheusCollectors {

    PrometheusCollectors(ObjectProvider<PrometheusRegistry> registry, ObjectProvider<MultiCollector> collectors) {
        registry.ifAvailable(r -> collectors.orderedStream().forEach(r::register));
    }
}
