package org.leadtocash.payment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A payment journey as stored.
 *
 * @param node      the code of the node it is at ({@link JourneyNode#code()}), as drawn in the diagram
 * @param nodeSince when the journey last moved (reached the node, or received a partial payment at ⑤)
 * @param status    {@link #OPEN} or {@link #PAID}
 */
public record PaymentJourney(String id, String invoiceNo, String customerId, String customerName, String projectName,
                             String repId, BigDecimal amountDue, BigDecimal amountReceived, String node,
                             Instant nodeSince, String status, String processInstanceId, Instant startedAt,
                             Instant paidAt) {
    public static final String OPEN = "OPEN";
    public static final String PAID = "PAID";

    public BigDecimal amountOutstanding() {
        return amountDue.subtract(amountReceived);
    }

    public boolean open() {
        return OPEN.equals(status);
    }
}
