package org.leadtocash.erp;

import java.math.BigDecimal;

/**
 * One line of a sale invoice to hand to U8 (one {@code entry} of {@code saleinvoice/add}).
 *
 * @param inventoryCode    U8 inventory code (存货编码); our product model
 * @param inventoryName    the product name (存货名称), for people reading the payload; U8 looks it up by code
 * @param quantity         positive
 * @param taxRatePercent   VAT rate in percent, e.g. {@code 13} (U8 keeps tax rates as percent)
 * @param unitPriceInclTax list unit price including VAT, before any rebate (U8 报价 quotedprice)
 * @param netAmount        line amount without VAT, scale 2
 * @param taxAmount        line VAT, scale 2
 * @param totalAmount      line amount including VAT (价税合计), scale 2; net + tax = total to the cent
 */
public record SaleInvoiceEntry(String inventoryCode, String inventoryName, BigDecimal quantity,
                               BigDecimal taxRatePercent, BigDecimal unitPriceInclTax, BigDecimal netAmount,
                               BigDecimal taxAmount, BigDecimal totalAmount) {
}
