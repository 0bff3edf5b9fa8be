package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The invoice request generated when legal approves a contract. Amounts in yuan, scale 2: every line and the
 * header satisfy net + tax = total exactly. {@code status}: CREATED, then the last U8 verdict (ACCEPTED,
 * ALREADY_ACCEPTED, EXPORTED_NOT_SENT, REJECTED). The API shows the customer and the amounts as flat fields
 * (customerName, netAmount, …), as it always has; the seller's tax number is stored and sent to U8 but, being the
 * company profile's, not repeated in the API.
 */
@JsonPropertyOrder({"id", "contractId", "quoteId", "customerId", "customerName", "customerCreditCode", "repId", "netAmount",
        "taxAmount", "totalAmount", "bankName", "bankAccount", "invoiceDate", "lines", "status", "createdAt"})
record InvoiceRequest(String id, String contractId, String quoteId, @JsonIgnore CustomerRef customer, String repId,
                      @JsonIgnore TaxMath.Amounts amounts, String bankName, String bankAccount,
                      @JsonIgnore String sellerTaxNumber, LocalDate invoiceDate,
                      List<InvoiceLine> lines, String status, Instant createdAt) implements MadeOutToCustomer {

    /**
     * A new request (CREATED) for the approved contract: these lines, their sums, the company's receiving account and
     * tax number (纳税人识别号, sent to U8 with the sale invoice).
     */
    static InvoiceRequest created(String id, Contract contract, List<InvoiceLine> lines, String bankName,
                                  String bankAccount, String sellerTaxNumber, LocalDate invoiceDate, Instant now) {
        TaxMath.Amounts amounts = TaxMath.sum(lines.stream().map(InvoiceLine::amounts).toList());
        return new InvoiceRequest(id, contract.id(), contract.quoteId(), contract.customer(), contract.repId(), amounts,
                bankName, bankAccount, sellerTaxNumber, invoiceDate, lines, "CREATED", now);
    }

    /** The same request with its lines (a stored request is read header first). */
    InvoiceRequest withLines(List<InvoiceLine> lines) {
        return new InvoiceRequest(id, contractId, quoteId, customer, repId, amounts, bankName, bankAccount, sellerTaxNumber,
                invoiceDate, lines, status, createdAt);
    }

    @JsonProperty
    public BigDecimal netAmount() {
        return amounts.net();
    }

    @JsonProperty
    public BigDecimal taxAmount() {
        return amounts.tax();
    }

    @JsonProperty
    public BigDecimal totalAmount() {
        return amounts.total();
    }
}
