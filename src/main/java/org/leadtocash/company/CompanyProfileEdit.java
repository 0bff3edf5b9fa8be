package org.leadtocash.company;

/**
 * An administrator's edit of the profile's text fields ({@code PUT /api/company-profile}, the Admin form): the whole
 * set, a blank or missing field clears it. The logo is uploaded on its own.
 */
public record CompanyProfileEdit(String sellerName, String taxNumber, String addressPhone, String bankName,
                                 String bankAccount, String watermark) {
}
