package org.leadtocash.quote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The texts the Tasklist forms show: the summaries of a quote, a contract and an invoice request, and the lines of
 * the edit forms. Money as "1,234.50", rates as "13%"; Chinese first, English after.
 */
final class QuoteText {
    private QuoteText() {
    }

    /** The priced lines as the edit forms list them. */
    static List<Map<String, Object>> lineVariables(List<PricedLine> lines) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PricedLine l : lines) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lineNo", l.lineNo());
            m.put("productModel", l.productModel());
            m.put("productName", l.productName());
            m.put("quantity", l.quantity());
            m.put("vatPercent", percent(l.vatRate()));
            m.put("listPrice", l.listPrice());
            m.put("unitPriceInclTax", l.unitPriceInclTax());
            m.put("totalAmount", l.totalAmount());
            list.add(m);
        }
        return list;
    }

    static String summary(Quote q) {
        StringBuilder s = new StringBuilder();
        s.append("报价 Quote ").append(q.id()).append(" 第").append(q.revision()).append("版 revision ").append(q.revision()).append('\n');
        s.append("客户 Customer: ").append(q.customerName()).append("（").append(q.customerCreditCode()).append("）\n");
        s.append("客户等级 Tier: ").append(q.customerTier()).append("，返利 rebate ").append(percent(q.rebateRate())).append('\n');
        s.append("交货日期 Delivery date: ").append(q.deliveryDate()).append('\n');
        appendLines(s, q.lines());
        s.append(totals(q.netTotal(), q.taxTotal(), q.total()));
        return s.toString();
    }

    static String summary(Contract c) {
        StringBuilder s = new StringBuilder();
        s.append("合同 Contract ").append(c.id()).append("（报价 quote ").append(c.quoteId()).append(" 第")
                .append(c.quoteRevision()).append("版 rev ").append(c.quoteRevision()).append("）\n");
        s.append("客户 Customer: ").append(c.customerName()).append("（").append(c.customerCreditCode()).append("）\n");
        s.append("销售 Rep: ").append(c.repId()).append("，返利 rebate ").append(percent(c.rebateRate()))
                .append("，交货日期 delivery ").append(c.deliveryDate()).append('\n');
        appendLines(s, c.lines());
        s.append(totals(c.netTotal(), c.taxTotal(), c.total())).append('\n');
        s.append("法务退回次数 Legal returns: ").append(c.legalReturns());
        return s.toString();
    }

    static String summary(InvoiceRequest r) {
        StringBuilder s = new StringBuilder();
        s.append("开票申请 Invoice request ").append(r.id()).append("（合同 contract ").append(r.contractId()).append("）\n");
        s.append("购方 Buyer: ").append(r.customerName()).append("（").append(r.customerCreditCode()).append("）\n");
        for (InvoiceLine l : r.lines()) {
            s.append(l.lineNo()).append(". ").append(l.productModel()).append(' ').append(l.productName()).append(" × ")
                    .append(l.quantity().stripTrailingZeros().toPlainString()).append("，税率 VAT ")
                    .append(percent(l.taxRate())).append("：不含税 net ¥").append(money(l.netAmount()))
                    .append(" + 税额 tax ¥").append(money(l.taxAmount())).append(" = ¥")
                    .append(money(l.totalAmount())).append('\n');
        }
        s.append(totals(r.netAmount(), r.taxAmount(), r.totalAmount())).append('\n');
        s.append("收款账户 Receiving account: ").append(r.bankName()).append(' ').append(r.bankAccount());
        return s.toString();
    }

    private static void appendLines(StringBuilder s, List<PricedLine> lines) {
        for (PricedLine l : lines) {
            s.append(l.lineNo()).append(". ").append(l.productModel()).append(' ').append(l.productName()).append(" × ")
                    .append(l.quantity().stripTrailingZeros().toPlainString()).append(" @ ¥").append(money(l.unitPriceInclTax()))
                    .append("（税率 VAT ").append(percent(l.vatRate())).append("）= ¥").append(money(l.totalAmount())).append('\n');
        }
    }

    private static String totals(BigDecimal net, BigDecimal tax, BigDecimal total) {
        return "合计 Total: 不含税 net ¥" + money(net) + " + 税额 tax ¥" + money(tax) + " = 含税 incl. tax ¥" + money(total);
    }

    static String money(BigDecimal v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

    static String percent(BigDecimal fraction) {
        return fraction.movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
