package org.leadtocash.followup;

import java.time.Instant;
import java.time.LocalDate;

/** One recorded contact (table {@code follow_up_contact}); via LEAD, TASK or API. */
public record FollowUpContact(long id, String customerId, String repId, Instant contactedAt, String outcome, String notes,
                              LocalDate nextFollowUpDate, String via, String recordedBy) {
}
