package org.leadtocash.quote;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The texts the Tasklist forms show: the summaries of a quote, a contract and an invoice request, the lines of the
 * edit forms, and the clause changes a drafted contract brings. Money as "1,234.50", rates as "13%"; Chinese first, English after.
 */
final class QuoteText {
    /** Characters of unchanged text shown around a changed clause passage. */
    static final int CONTEXT = 24;

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

    /** "知识产权归属 IP ownership（锁定 locked）：第1版 v1 → 第2版 v2 …" with the changed passage of the text. */
    static String clauseChanged(AttachedClause old, ClauseVersion latest) {
        String a = old.text();
        String b = latest.text();
        int prefix = 0;
        while (prefix < a.length() && prefix < b.length() && a.charAt(prefix) == b.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.length() - prefix && suffix < b.length() - prefix
                && a.charAt(a.length() - 1 - suffix) == b.charAt(b.length() - 1 - suffix)) {
            suffix++;
        }
        StringBuilder s = new StringBuilder();
        s.append(latest.typeName()).append("（锁定 locked）：第").append(old.version()).append("版 v").append(old.version())
                .append(" → 第").append(latest.version()).append("版 v").append(latest.version()).append("（生效 effective ")
                .append(latest.effectiveDate()).append("）\n");
        s.append("  原文 old: ").append(excerpt(a, prefix, a.length() - suffix)).append('\n');
        s.append("  新文 new: ").append(excerpt(b, prefix, b.length() - suffix));
        return s.toString();
    }

    /** "环保条款 Environmental：新增 added 第1版 v1 …" with the text of a clause the contract adds. */
    static String clauseAdded(ClauseVersion added) {
        return added.typeName() + (added.locked() ? "（锁定 locked）" : "") + "：新增 added 第" + added.version() + "版 v"
                + added.version() + "（生效 effective " + added.effectiveDate() + "）\n  "
                + excerpt(added.text(), 0, added.text().length());
    }

    /** The passage [from, to) with a little context, "…" where text is left out. */
    private static String excerpt(String text, int from, int to) {
        int start = Math.max(0, from - CONTEXT);
        int end = Math.min(text.length(), Math.max(to, from) + CONTEXT);
        String middle = to > from ? "【" + text.substring(from, to) + "】" : "【】";
        return (start > 0 ? "…" : "") + text.substring(start, from) + middle + text.substring(Math.max(to, from), end)
                + (end < text.length() ? "…" : "");
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
