package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A quote: priced lines, the rebate of the customer's tier, the clauses attached. */
record Quote(String id, int revision, String customerId, String customerName, String customerCreditCode,
                    String customerTier, String repId, String leadId, LocalDate quoteDate, LocalDate deliveryDate,
                    BigDecimal rebateRate, BigDecimal netTotal, BigDecimal taxTotal, BigDecimal total, QuoteStatus status,
                    String answerNote, String processInstanceId, Instant createdAt, Instant updatedAt, Instant answeredAt,
                    List<PricedLine> lines, List<AttachedClause> clauses) {
}
