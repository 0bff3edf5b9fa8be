package org.leadtocash.followup;

import java.time.Instant;
import java.time.LocalDate;

/** A customer in the follow-up cadence (table {@code follow_up_customer}); status ACTIVE or LOST (流失). */
public record FollowUpCustomer(String customerId, String companyName, String repId, String status, Instant lastContactAt,
                               LocalDate nextFollowUpDate, Instant lostAt, Instant wonBackAt) {
    public static final String ACTIVE = "ACTIVE";
    public static final String LOST = "LOST";
}
