package org.leadtocash.quote;

import java.math.BigDecimal;
import java.util.List;

/**
 * A catalogue product.
 *
 * @param model         the product model, e.g. {@code JM-200}; unique
 * @param name          Chinese name as it appears on quotes and invoices, e.g. 精密注塑模具
 * @param unitPriceCny  list price per unit, tax inclusive (含税单价), scale 2
 * @param vatRate       VAT rate as a fraction: 0.13 goods, 0.09 transport/installation, 0.06 services
 * @param clauseTypes   clause type codes a quote for this product carries, besides those that apply to every quote
 * @param active        whether it can be quoted
 */
record Product(String model, String name, BigDecimal unitPriceCny, BigDecimal vatRate, List<String> clauseTypes,
                      boolean active) {
    public Product {
        clauseTypes = List.copyOf(clauseTypes);
    }
}
