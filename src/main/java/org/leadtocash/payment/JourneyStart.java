package org.leadtocash.payment;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What starts a payment journey: the invoice to collect.
 *
 * @param invoiceRequestId         the journey id and business key (the quote chain's invoice-request id; for an invoice
 *                                 raised elsewhere finance may leave it empty and gets {@code INV-<invoiceNo>})
 * @param invoiceNo                the invoice number bank receipts are matched by; unique
 * @param customerId               our customer id, if the customer is in the CRM
 * @param repId                    the owning rep, who records nodes ②–④
 * @param amountDue                tax-inclusive amount to collect, CNY, at most 2 decimals, &gt; 0
 * @param procurementContactName   the customer's procurement contact; may be left for the rep to enter at ②
 * @param procurementContactMobile their mobile (the R-21 SMS goes there); may be left for the rep to enter at ②
 * @param projectName              how people call the deal ("A医院项目"); optional
 */
public record JourneyStart(String invoiceRequestId, String invoiceNo, String customerId, String customerName, String repId,
                           BigDecimal amountDue, LocalDate invoiceDate, String procurementContactName,
                           String procurementContactMobile, String projectName) {
}
