package org.leadtocash.quote;

import org.leadtocash.quote.QuoteToInvoiceProcess.CustomerAnswer;

/**
 * The customer's checked answer to a quote (made by {@link QuoteValidator}).
 *
 * @param rejectReason set when the customer rejected
 * @param reviseNote   what the customer wants changed, optional, only with REVISE
 */
record QuoteAnswer(CustomerAnswer answer, String rejectReason, String reviseNote) {
}
