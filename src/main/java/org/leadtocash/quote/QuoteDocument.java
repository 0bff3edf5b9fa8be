package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Everything printed on a quote PDF (R-30), already decided and computed: {@link QuotePdf} only lays it out.
 * Amounts are tax-inclusive CNY unless named net/tax; rates are fractions (0.13 = 13 %, rebate 0.0800 = 8 %).
 * Nullable: repName, customerCreditCode, deliveryDate (printed as "—" / "待定 TBD"), rebateRate (0).
 * The seller is our company profile, complete (no invented defaults).
 */
record QuoteDocument(String quoteId, int revision, Seller seller, String customerName, String customerCreditCode,
        String repName, LocalDate quoteDate, LocalDate deliveryDate, BigDecimal rebateRate, List<Line> lines,
        BigDecimal netTotal, BigDecimal taxTotal, BigDecimal total, List<Clause> clauses) {

    public QuoteDocument {
        lines = lines == null ? List.of() : List.copyOf(lines);
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }

    String sellerName() {
        return seller.name();
    }

    /**
     * Our company as printed: name, taxpayer id, address and phone, bank and account; logo (PNG/JPEG bytes) and
     * watermark text are optional (null: no logo, the plain "报价单 QUOTATION" watermark).
     */
    public record Seller(String name, String taxNumber, String addressPhone, String bankName, String bankAccount,
                         byte[] logo, String watermark) {

        /** Records print arrays by identity: the logo by size and content hash, so the same seller prints the same. */
        @Override
        public String toString() {
            return "Seller[name=" + name + ", taxNumber=" + taxNumber + ", addressPhone=" + addressPhone + ", bankName="
                    + bankName + ", bankAccount=" + bankAccount + ", logo="
                    + (logo == null ? "none" : logo.length + " bytes #" + Integer.toHexString(Arrays.hashCode(logo)))
                    + ", watermark=" + watermark + "]";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Seller s && toString().equals(s.toString()) && Arrays.equals(logo, s.logo);
        }

        @Override
        public int hashCode() {
            return toString().hashCode();
        }
    }

    /** One product line; total is the tax-inclusive line total after rebate. */
    public record Line(int lineNo, String model, String name, BigDecimal quantity, BigDecimal unitPriceInclTax,
            BigDecimal vatRate, BigDecimal total) {}

    /** One clause version as attached to the quote; text is printed in full. */
    public record Clause(String typeName, int version, boolean locked, String text) {}
}
