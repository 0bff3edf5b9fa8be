package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A quote: priced lines, the rebate of the customer's tier, the clauses attached. The API shows
 * the customer and the totals as flat fields (customerName, netTotal, …), as it always has.
 */
@JsonPropertyOrder({"id", "revision", "customerId", "customerName", "customerCreditCode", "customerTier", "repId", "leadId",
        "quoteDate", "deliveryDate", "rebateRate", "netTotal", "taxTotal", "total", "status", "answerNote",
        "processInstanceId", "createdAt", "updatedAt", "answeredAt", "lines", "clauses"})
record Quote(String id, int revision, @JsonIgnore CustomerRef customer, String customerTier, String repId, String leadId,
             LocalDate quoteDate, LocalDate deliveryDate, BigDecimal rebateRate, @JsonIgnore TaxMath.Amounts totals,
             QuoteStatus status, String answerNote, String processInstanceId, Instant createdAt, Instant updatedAt,
             Instant answeredAt, List<PricedLine> lines, List<AttachedClause> clauses) implements MadeOutToCustomer {

    /** Revision 1 of a checked request, OPEN, quoted today; its totals are the sums of its lines. */
    static Quote opened(String id, OpenQuote request, BigDecimal rebateRate, List<PricedLine> lines,
                        List<AttachedClause> clauses, String processInstanceId, LocalDate today, Instant now) {
        TaxMath.Amounts totals = TaxMath.sum(lines.stream().map(PricedLine::amounts).toList());
        return new Quote(id, 1, request.customer(), request.tier(), request.repId(), request.leadId(), today,
                request.deliveryDate(), rebateRate, totals, QuoteStatus.OPEN, null, processInstanceId, now, now, null,
                lines, clauses);
    }

    /** The same quote with its lines and clauses (a stored quote is read header first). */
    Quote withDetails(List<PricedLine> lines, List<AttachedClause> clauses) {
        return new Quote(id, revision, customer, customerTier, repId, leadId, quoteDate, deliveryDate, rebateRate, totals,
                status, answerNote, processInstanceId, createdAt, updatedAt, answeredAt, lines, clauses);
    }

    @JsonProperty
    public BigDecimal netTotal() {
        return totals.net();
    }

    @JsonProperty
    public BigDecimal taxTotal() {
        return totals.tax();
    }

    @JsonProperty
    public BigDecimal total() {
        return totals.total();
    }
}
