package org.leadtocash.lead;

import java.math.BigDecimal;

/** A lead that passed validation and is ready to be stored. */
record LeadDraft(String externalId, LeadSource source, String companyName, String creditCode, String contactName,
                        String contactPhone, String region, BigDecimal budgetCny, String productInterest) {
}
