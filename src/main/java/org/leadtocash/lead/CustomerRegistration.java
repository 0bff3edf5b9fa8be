package org.leadtocash.lead;

/**
 * A checked request to record a customer from its business licence (made by {@link CustomerBook#check}).
 *
 * @param ownerId the rep who owns it, or null (a customer imported without an owner goes to the first rep who reaches it)
 */
public record CustomerRegistration(BusinessLicence licence, String storeTier, String ownerId) {
}
