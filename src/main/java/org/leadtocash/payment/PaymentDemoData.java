package org.leadtocash.payment;

import java.math.BigDecimal;

import org.leadtocash.shared.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo payment journeys (profile demo with sample data): two invoices of zhangwei's waiting at ①, ready to be driven to
 * ⑤ in Tasklist (zhangwei records ②–④, wufang confirms ⑤) or by a bank-statement import. Idempotent: a journey start
 * is idempotent per invoice-request id.
 */
@Component
@ConditionalOnProperty(name = "leadtocash.demo.enabled", havingValue = "true")
class PaymentDemoData {
    private static final Logger log = LoggerFactory.getLogger(PaymentDemoData.class);

    private final PaymentJourneys journeys;
    private final EngineClock clock;
    private final boolean sampleData;

    public PaymentDemoData(PaymentJourneys journeys, EngineClock clock,
                           @Value("${leadtocash.demo.sample-data:true}") boolean sampleData) {
        this.journeys = journeys;
        this.clock = clock;
        this.sampleData = sampleData;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(20)
    public void setUp() {
        if (!sampleData) {
            return;
        }
        journeys.start(new JourneyStart("DEMO-IR-1", "DEMO00000001", null, "杭州市第一人民医院", "zhangwei",
                new BigDecimal("268000.00"), clock.today(), "周采购", "13912340001", "杭州市第一人民医院影像系统项目"), "demo");
        journeys.start(new JourneyStart("DEMO-IR-2", "DEMO00000002", null, "上海申远物流有限公司", "zhangwei",
                new BigDecimal("56000.00"), clock.today(), null, null, null), "demo");
        log.info("Demo payment journeys ready: DEMO-IR-1 (invoice DEMO00000001), DEMO-IR-2 (invoice DEMO00000002)");
    }
}
