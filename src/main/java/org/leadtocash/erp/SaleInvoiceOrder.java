package org.leadtocash.erp;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A sale invoice (销售发票) to hand to U8.
 *
 * @param bizId        our invoice-request id; sent as U8's {@code biz_id}, the idempotency key of the hand-off
 * @param customerCode U8 customer code (客户编码); the customer's unified social credit code
 * @param customerName the customer's name
 * @param salesperson  U8 person code of the sales rep (业务员编码); our rep's user id
 * @param date         invoice date (开票日期)
 * @param bankName     our receiving bank (收款银行)
 * @param bankAccount  our receiving bank account (本单位银行账号, U8 {@code cbaccount})
 * @param sellerTaxNumber our tax number (销方纳税人识别号), which U8 checks against its own account
 * @param entries      at least one line
 * @param netTotal     sum of the lines' net amounts
 * @param taxTotal     sum of the lines' VAT
 * @param total        sum of the lines' totals; netTotal + taxTotal = total to the cent
 */
public record SaleInvoiceOrder(String bizId, String customerCode, String customerName, String salesperson,
                               LocalDate date, String bankName, String bankAccount, String sellerTaxNumber,
                               List<SaleInvoiceEntry> entries,
                               BigDecimal netTotal, BigDecimal taxTotal, BigDecimal total) {
}
