package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A checked request for a quote (made by {@link QuoteValidator}): a customer the rep owns, the tier that decides the
 * rebate, a delivery date from today on, active catalogue products with positive quantities, and optionally the lead
 * of the same customer it answers.
 *
 * @param quoteId the id the API chose before starting the process, or null (the Tasklist start form)
 */
record OpenQuote(String quoteId, String repId, CustomerRef customer, CustomerTier tier, LocalDate deliveryDate,
                 List<Line> lines, String leadId) {

    OpenQuote {
        lines = List.copyOf(lines);
    }

    /** One product and how many of it. */
    record Line(Product product, BigDecimal quantity) {
    }
}
