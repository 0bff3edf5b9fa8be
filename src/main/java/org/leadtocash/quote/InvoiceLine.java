package org.leadtocash.quote;

import java.math.BigDecimal;

/**
 * One invoice line: {@code taxRate} a fraction (0.13); {@code unitPriceInclTax} the effective unit price after
 * rebate = total / quantity, HALF_UP to 6 decimals (informative; the amounts are authoritative).
 */
record InvoiceLine(int lineNo, String productModel, String productName, BigDecimal quantity, BigDecimal taxRate,
                          BigDecimal unitPriceInclTax, BigDecimal netAmount, BigDecimal taxAmount, BigDecimal totalAmount) {

    TaxMath.Amounts amounts() {
        return new TaxMath.Amounts(netAmount, taxAmount, totalAmount);
    }
}
