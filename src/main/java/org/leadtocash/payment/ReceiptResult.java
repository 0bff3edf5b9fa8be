package org.leadtocash.payment;

import java.math.BigDecimal;

/**
 * A receipt applied to a journey.
 *
 * @param applied     the amount of this receipt
 * @param received    everything received for the journey so far, this receipt included
 * @param outstanding what is still to come (0 when paid in full)
 */
public record ReceiptResult(String journeyId, BigDecimal applied, BigDecimal received, BigDecimal outstanding,
                            boolean paidInFull) {
}
