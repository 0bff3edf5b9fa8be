package org.leadtocash.payment;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A journey with what was recorded along the way. */
record JourneyDetails(PaymentJourney journey, LocalDate invoiceDate, String procurementContactName,
                             String procurementContactMobile, String startedBy, LocalDate invoiceSignedDate,
                             LocalDate expectedPaymentDate, String procurementReference, LocalDate procurementStartedDate,
                             LocalDate customerPaidDate, BigDecimal customerPaidAmount) {
}
