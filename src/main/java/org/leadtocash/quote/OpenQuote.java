package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.leadtocash.lead.CustomerRegistration;

/**
 * A checked request for a quote (made by {@link QuoteValidator}): a customer the rep owns — or a new one from its
 * business licence — the customer's store tier that decides the rebate, a delivery date from today on, active catalogue
 * products with positive quantities, and optionally the lead of the same customer it answers.
 *
 * @param quoteId         the id the API chose before starting the process, or null (the Tasklist start form)
 * @param customer        the existing customer, or null when {@code newCustomer} is to be recorded first
 * @param newCustomer     the licence of a customer to record with the quote (one action, R-30), or null
 * @param tier            the customer's store tier (a code of the rebate decision)
 */
record OpenQuote(String quoteId, String repId, CustomerRef customer, CustomerRegistration newCustomer, String tier,
                 LocalDate deliveryDate, List<Line> lines, String leadId) {

    OpenQuote {
        lines = List.copyOf(lines);
    }

    /** The same request for the customer just recorded. */
    OpenQuote forCustomer(CustomerRef recorded) {
        return new OpenQuote(quoteId, repId, recorded, null, tier, deliveryDate, lines, leadId);
    }

    /** One product and how many of it. */
    record Line(Product product, BigDecimal quantity) {
    }
}
