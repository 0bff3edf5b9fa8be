package org.leadtocash.quote;

import java.time.Instant;

/** One legal review of a contract. */
record ContractReview(int round, QuoteToInvoiceProcess.ReviewDecision decision, String reason, String reviewer,
                             Instant reviewedAt) {
}
