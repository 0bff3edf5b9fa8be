package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The invoice request generated when legal approves a contract. Amounts in yuan, scale 2: every line and the
 * header satisfy net + tax = total exactly. {@code status}: CREATED, then the last U8 verdict (ACCEPTED,
 * ALREADY_ACCEPTED, EXPORTED_NOT_SENT, REJECTED).
 */
record InvoiceRequest(String id, String contractId, String quoteId, String customerId, String customerName,
                             String customerCreditCode, String repId, BigDecimal netAmount, BigDecimal taxAmount,
                             BigDecimal totalAmount, String bankName, String bankAccount, LocalDate invoiceDate,
                             List<InvoiceLine> lines, String status, Instant createdAt) {
}
