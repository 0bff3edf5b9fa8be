package org.leadtocash.lead;

import java.time.LocalDate;

/** A rep's business trip (出差), both days inclusive; assignment skips the rep while it lasts. */
record Trip(long id, String repId, LocalDate startDate, LocalDate endDate, String note, String createdBy) {
}
