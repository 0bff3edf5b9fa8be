/**
 * Quote to invoice (R-10… ): catalogue, clause library, rebate policy, quotes and their PDF, contracts
 * and legal review, invoice requests, the U8 hand-off and the start of the payment journey. Publishes
 * {@link org.leadtocash.lead.DealSigned} on approval. API: {@link org.leadtocash.quote.QuoteToInvoiceProcess}.
 */
@ApplicationModule(displayName = "Quote 报价到开票", allowedDependencies = {"shared", "lead", "erp", "payment", "company"})
package org.leadtocash.quote;

import org.springframework.modulith.ApplicationModule;
