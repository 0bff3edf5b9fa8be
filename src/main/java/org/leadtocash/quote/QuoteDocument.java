package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything printed on a quote PDF, already decided and computed: {@link QuotePdf} only lays it out.
 * Amounts are tax-inclusive CNY unless named net/tax; rates are fractions (0.13 = 13 %, rebate 0.0800 = 8 %).
 * Nullable: repName, customerCreditCode, deliveryDate (printed as "—" / "待定 TBD"), rebateRate (0).
 */
record QuoteDocument(String quoteId, int revision, String sellerName, String customerName, String customerCreditCode,
        String repName, LocalDate quoteDate, LocalDate deliveryDate, BigDecimal rebateRate, List<Line> lines,
        BigDecimal netTotal, BigDecimal taxTotal, BigDecimal total, List<Clause> clauses) {

    public QuoteDocument {
        lines = lines == null ? List.of() : List.copyOf(lines);
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }

    /** One product line; total is the tax-inclusive line total after rebate. */
    public record Line(int lineNo, String model, String name, BigDecimal quantity, BigDecimal unitPriceInclTax,
            BigDecimal vatRate, BigDecimal total) {}

    /** One clause version as attached to the quote; text is printed in full. */
    public record Clause(String typeName, int version, boolean locked, String text) {}
}
