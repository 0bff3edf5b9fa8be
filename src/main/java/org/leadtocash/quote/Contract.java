package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A contract drafted from an accepted quote: the quote's lines, its clauses with every locked clause at
 * the library's latest version, legal's reviews. {@code clauseChanges} describes locked clauses that moved on since
 * the quote (null when none).
 */
record Contract(String id, String quoteId, int quoteRevision, String customerId, String customerName,
                       String customerCreditCode, String repId, LocalDate deliveryDate, BigDecimal rebateRate,
                       BigDecimal netTotal, BigDecimal taxTotal, BigDecimal total, ContractStatus status, int legalReturns,
                       String clauseChanges, Instant clauseChangesConfirmedAt, String revisionNote,
                       String processInstanceId, Instant draftedAt, Instant approvedAt, String approvedBy,
                       Boolean clausesCurrentAtApproval, Boolean attachmentsComplete, List<PricedLine> lines,
                       List<AttachedClause> clauses, List<ContractReview> reviews) {
}
