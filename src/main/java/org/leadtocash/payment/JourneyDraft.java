package org.leadtocash.payment;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A validated {@link JourneyStart}: trimmed, the id filled in, the amount at scale 2. */
record JourneyDraft(String id, String invoiceNo, String customerId, String customerName, String repId, BigDecimal amountDue,
                    LocalDate invoiceDate, String procurementContactName, String procurementContactMobile,
                    String projectName) {
}
