package org.leadtocash.lead;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A rep reached a lead's customer at first contact: the lead's process ends here, and the customer's follow-up
 * cadence starts from it. Published in the transaction that records the contact; {@code ownerId} is the customer's
 * owner after the contact (the rep who reached it, unless another rep already owned the customer).
 */
public record CustomerReached(String customerId, String companyName, String ownerId, String reachedBy, String leadId,
                              Instant reachedAt, LocalDate nextFollowUpDate, String notes) {
}
