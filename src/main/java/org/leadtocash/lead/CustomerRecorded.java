package org.leadtocash.lead;

/**
 * A customer's business licence was recorded for the first time (a new customer from the one-action quote form, the
 * customer API or the import, or a customer known from a lead whose licence arrived). Published in the recording
 * transaction, so a listener's work (e.g. the U8 customer archive) is committed with it or not at all.
 */
public record CustomerRecorded(String customerId, String creditCode, String companyName, String address, String ownerId) {
}
