package org.leadtocash.quote;

import java.time.Instant;

/**
 * A quote PDF left the system for its customer (R-31: "sent" recorded as a side effect of the work). There is no mail
 * channel: the rep takes the PDF the API serves him and hands it to the customer, so serving the PDF of a quote to
 * the quote's own rep is the sending. {@code recipient} is the customer company the PDF is made out to.
 */
public record QuoteDocumentSent(String quoteId, int revision, String document, String repId, String leadId, String customerId,
                                String recipient, Instant sentAt) {
}
