package org.leadtocash.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A lead as stored in {@code sales_lead}; its id is the business key of its {@code LeadRoutingProcess} instance. */
public record Lead(String id, LeadSource source, String externalId, String customerId, String companyName, String creditCode,
                   String contactName, String contactPhone, String region, BigDecimal budgetCny, String productInterest,
                   LeadStatus status, String assignee, Instant assignedAt, String routingRule, String routingExplanation,
                   String processInstanceId, String createdBy, Instant createdAt, Instant firstContactAt,
                   Instant lastAttemptAt, int contactAttempts, String contactNotes, LocalDate nextFollowUpDate,
                   String invalidReason) {
}
