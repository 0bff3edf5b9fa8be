package org.leadtocash.payment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Test fixtures of the payment journey: empties its tables and builds valid journey starts. */
@Component
public class PaymentFixtures {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private final JdbcClient jdbc;

    public PaymentFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Empties the payment journey tables (call after TestData.reset(), which deletes the process instances). */
    public void reset() {
        for (String table : new String[] {"payment_blocker_cause", "payment_blocker_check", "payment_receipt",
                "payment_node_visit", "payment_journey"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
    }

    /** A valid start for rep zhangwei: ¥128,000.00 owed by "A医院", a fresh invoice-request id and invoice number. */
    public static JourneyStart start() {
        int n = SEQ.incrementAndGet();
        return new JourneyStart("IR-TEST-" + n, "FP" + String.format("%08d", n), null, "A医院", "zhangwei",
                new BigDecimal("128000.00"), LocalDate.of(2025, 6, 2), "王采购", "13912345678", null);
    }

    public static JourneyStart start(String repId, String customerName, String amountDue) {
        JourneyStart s = start();
        return new JourneyStart(s.invoiceRequestId(), s.invoiceNo(), null, customerName, repId, new BigDecimal(amountDue),
                s.invoiceDate(), s.procurementContactName(), s.procurementContactMobile(), null);
    }
}
