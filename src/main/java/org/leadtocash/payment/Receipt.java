package org.leadtocash.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Money received for a journey.
 *
 * @param source     {@link #BANK} (bank-statement import) or {@link #FINANCE} (entered in Tasklist)
 * @param nodeBefore where the journey was when the money arrived (a node code; an early receipt shows ①–③ here)
 */
record Receipt(BigDecimal amount, LocalDate valueDate, String reference, String source, String nodeBefore,
                      String recordedBy, Instant recordedAt) {
    public static final String BANK = "BANK";
    public static final String FINANCE = "FINANCE";
}
