package org.leadtocash.quote;

import org.leadtocash.quote.QuoteToInvoiceProcess.ReviewDecision;

/**
 * Legal's checked review of a contract (made by {@link ContractValidator}).
 *
 * @param reason   required with RETURN, optional with APPROVE
 * @param reviewer a member of legal
 */
record ReviewVerdict(ReviewDecision decision, String reason, String reviewer) {
}
