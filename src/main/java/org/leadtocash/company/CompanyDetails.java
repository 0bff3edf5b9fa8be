package org.leadtocash.company;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The company profile as stored; text fields are null when not set. {@code logo} holds PNG or JPEG bytes
 * ({@code logoContentType}); {@code demo} marks the demo set-up's invented company until an administrator saves.
 */
public record CompanyDetails(String sellerName, String taxNumber, String addressPhone, String bankName,
                             String bankAccount, byte[] logo, String logoContentType, String watermark, boolean demo,
                             String updatedBy, Instant updatedAt) {

    /** No profile yet (a fresh install). */
    static final CompanyDetails EMPTY = new CompanyDetails(null, null, null, null, null, null, null, null, false, null, null);

    /** The required fields that are not set, in form order. */
    public List<CompanyField> missing() {
        List<CompanyField> missing = new ArrayList<>();
        for (CompanyField f : CompanyField.required()) {
            if (blank(text(f))) {
                missing.add(f);
            }
        }
        return missing;
    }

    public boolean complete() {
        return missing().isEmpty();
    }

    public boolean hasLogo() {
        return logo != null && logo.length > 0;
    }

    /** The value of a text field (null for the logo). */
    String text(CompanyField field) {
        return switch (field) {
            case SELLER_NAME -> sellerName;
            case TAX_NUMBER -> taxNumber;
            case ADDRESS_PHONE -> addressPhone;
            case BANK_NAME -> bankName;
            case BANK_ACCOUNT -> bankAccount;
            case WATERMARK -> watermark;
            case LOGO -> null;
        };
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompanyDetails d && toString().equals(d.toString()) && Arrays.equals(logo, d.logo);
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    /** The logo by size and content hash (records print arrays by identity). */
    @Override
    public String toString() {
        return "CompanyDetails[sellerName=" + sellerName + ", taxNumber=" + taxNumber + ", addressPhone=" + addressPhone
                + ", bankName=" + bankName + ", bankAccount=" + bankAccount + ", logo="
                + (hasLogo() ? logoContentType + " " + logo.length + " bytes #" + Integer.toHexString(Arrays.hashCode(logo)) : "none")
                + ", watermark=" + watermark + ", demo=" + demo + ", updatedBy=" + updatedBy + ", updatedAt=" + updatedAt + "]";
    }
}
