package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A contract drafted from an accepted quote: the quote's lines, its clauses with every locked clause at
 * the library's latest version, legal's reviews. {@code clauseChanges} describes locked clauses that moved on since
 * the quote (null when none); {@code approval} is null until legal approves. The API shows the customer, the totals
 * and the approval as flat fields (customerName, netTotal, approvedAt, …), as it always has.
 */
@JsonPropertyOrder({"id", "quoteId", "quoteRevision", "customerId", "customerName", "customerCreditCode", "repId",
        "deliveryDate", "rebateRate", "netTotal", "taxTotal", "total", "status", "legalReturns", "clauseChanges",
        "clauseChangesConfirmedAt", "revisionNote", "processInstanceId", "draftedAt", "approvedAt", "approvedBy",
        "clausesCurrentAtApproval", "attachmentsComplete", "lines", "clauses", "reviews"})
record Contract(String id, String quoteId, int quoteRevision, @JsonIgnore CustomerRef customer, String repId,
                LocalDate deliveryDate, BigDecimal rebateRate, @JsonIgnore TaxMath.Amounts totals, ContractStatus status,
                int legalReturns, String clauseChanges, Instant clauseChangesConfirmedAt, String revisionNote,
                String processInstanceId, Instant draftedAt, @JsonIgnore Approval approval, List<PricedLine> lines,
                List<AttachedClause> clauses, List<ContractReview> reviews) implements MadeOutToCustomer {

    /**
     * Legal's approval and the compliance facts recorded with it.
     *
     * @param clausesCurrent     every locked clause was the library's latest at approval
     * @param attachmentsComplete every clause type the products need was attached
     */
    record Approval(Instant at, String by, Boolean clausesCurrent, Boolean attachmentsComplete) {
    }

    /** A contract in review, drafted now from the accepted quote: its customer, prices and lines, these clauses. */
    static Contract draftedFrom(Quote quote, String id, List<AttachedClause> clauses, String clauseChanges,
                                String processInstanceId, Instant now) {
        return new Contract(id, quote.id(), quote.revision(), quote.customer(), quote.repId(), quote.deliveryDate(),
                quote.rebateRate(), quote.totals(), ContractStatus.IN_REVIEW, 0, clauseChanges, null, null,
                processInstanceId, now, null, quote.lines(), clauses, List.of());
    }

    /** The same contract with its lines, clauses and reviews (a stored contract is read header first). */
    Contract withDetails(List<PricedLine> lines, List<AttachedClause> clauses, List<ContractReview> reviews) {
        return new Contract(id, quoteId, quoteRevision, customer, repId, deliveryDate, rebateRate, totals, status,
                legalReturns, clauseChanges, clauseChangesConfirmedAt, revisionNote, processInstanceId, draftedAt, approval,
                lines, clauses, reviews);
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

    @JsonProperty
    public Instant approvedAt() {
        return approval == null ? null : approval.at();
    }

    @JsonProperty
    public String approvedBy() {
        return approval == null ? null : approval.by();
    }

    @JsonProperty
    public Boolean clausesCurrentAtApproval() {
        return approval == null ? null : approval.clausesCurrent();
    }

    @JsonProperty
    public Boolean attachmentsComplete() {
        return approval == null ? null : approval.attachmentsComplete();
    }
}
