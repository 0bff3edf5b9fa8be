package org.leadtocash.quote;

import java.math.BigDecimal;

/**
 * One priced line of a quote or contract. {@code unitPriceInclTax} is what the rep quotes (list price unless he
 * edited it); {@code totalAmount} = unit price × quantity × (1 − rebate), HALF_UP to the fen (TaxMath); net and tax
 * split that total by the VAT rate so that net + tax = total exactly.
 */
record PricedLine(int lineNo, String productModel, String productName, BigDecimal quantity, BigDecimal listPrice,
                         BigDecimal unitPriceInclTax, BigDecimal vatRate, BigDecimal netAmount, BigDecimal taxAmount,
                         BigDecimal totalAmount) {

    /** Prices a line with TaxMath: the rebate applies to the line total, then the total is split by the VAT rate. */
    public static PricedLine price(int lineNo, Product product, BigDecimal quantity, BigDecimal unitPriceInclTax,
                                   BigDecimal rebateRate) {
        BigDecimal total = TaxMath.lineTotal(unitPriceInclTax, quantity, rebateRate);
        TaxMath.Amounts amounts = TaxMath.split(total, product.vatRate());
        return new PricedLine(lineNo, product.model(), product.name(), quantity, product.unitPriceCny(), unitPriceInclTax,
                product.vatRate(), amounts.net(), amounts.tax(), amounts.total());
    }

    /** The same line at another unit price (the product's name, VAT rate and list price stay as quoted). */
    public PricedLine repriced(BigDecimal newUnitPriceInclTax, BigDecimal rebateRate) {
        BigDecimal total = TaxMath.lineTotal(newUnitPriceInclTax, quantity, rebateRate);
        TaxMath.Amounts amounts = TaxMath.split(total, vatRate);
        return new PricedLine(lineNo, productModel, productName, quantity, listPrice, newUnitPriceInclTax, vatRate,
                amounts.net(), amounts.tax(), amounts.total());
    }

    public TaxMath.Amounts amounts() {
        return new TaxMath.Amounts(netAmount, taxAmount, totalAmount);
    }
}
