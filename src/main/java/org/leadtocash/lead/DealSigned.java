package org.leadtocash.lead;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A deal a rep signed, published by the feature that signs it (the contract chain, on legal approval). The lead feature
 * counts it in the rep's workload: assignment prefers reps who signed more deals recently. Publish it inside the
 * transaction that signs the deal; it is recorded in that same transaction, so both commit or neither does.
 *
 * <p>The event belongs to the lead feature's API because the dependency runs from the contract chain to the lead
 * feature (a quote is for a customer the lead feature owns, R-06), not the other way round.
 */
public record DealSigned(String repId, String customerId, BigDecimal amountCny, String reference, Instant signedAt) {
}
