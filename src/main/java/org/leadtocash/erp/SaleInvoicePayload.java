package org.leadtocash.erp;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Maps a {@link SaleInvoiceOrder} to the body of U8 OpenAPI {@code saleinvoice/add} (the open platform's lower-case
 * JSON names, every value a string), and checks it first. Amounts are taken as they are, never recomputed, so what U8
 * books is exactly what our invoice request says. docs/design/u8-openapi.md lists the field mapping and its sources.
 */
final class SaleInvoicePayload {
    static final int MAX_BIZ_ID = 64;
    /**
     * Header custom item 1 (表头自定义项1) carries our tax number (销方税号): the OpenAPI sale invoice has no field of its
     * own for it (U8 knows its account's number), so the U8 set-up names this item 销方税号 and checks it.
     */
    static final String SELLER_TAX_NUMBER_FIELD = "define1";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private SaleInvoicePayload() {
    }

    /**
     * Rejects what is a programming error rather than invoice data.
     *
     * @throws IllegalArgumentException when the order, its bizId or its entry list is missing, or bizId is too long
     */
    static void checkStructure(SaleInvoiceOrder order) {
        if (order == null) {
            throw new IllegalArgumentException("order must not be null");
        }
        if (order.bizId() == null || order.bizId().isBlank()) {
            throw new IllegalArgumentException("bizId must not be blank");
        }
        if (!order.bizId().equals(order.bizId().strip())) {
            throw new IllegalArgumentException("bizId must not start or end with white space");
        }
        if (order.bizId().length() > MAX_BIZ_ID) {
            throw new IllegalArgumentException("bizId must be at most " + MAX_BIZ_ID + " characters");
        }
        if (order.entries() == null || order.entries().stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("entries must be a list without null elements");
        }
    }

    /** Every broken rule of the invoice data as "field: rule", empty when U8 can be asked. */
    static List<String> problems(SaleInvoiceOrder o) {
        List<String> problems = new ArrayList<>();
        blank(problems, "customerCode", o.customerCode());
        blank(problems, "customerName", o.customerName());
        blank(problems, "salesperson", o.salesperson());
        blank(problems, "bankAccount", o.bankAccount());
        blank(problems, "sellerTaxNumber", o.sellerTaxNumber());
        if (o.date() == null) {
            problems.add("date: must be set");
        }
        if (o.entries().isEmpty()) {
            problems.add("entries: must have at least one line");
        }
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        BigDecimal total = BigDecimal.ZERO;
        boolean sumsKnown = true;
        for (int i = 0; i < o.entries().size(); i++) {
            SaleInvoiceEntry e = o.entries().get(i);
            String at = "entries[" + i + "].";
            blank(problems, at + "inventoryCode", e.inventoryCode());
            if (e.quantity() == null || e.quantity().signum() <= 0) {
                problems.add(at + "quantity: must be greater than 0");
            }
            if (e.taxRatePercent() == null || e.taxRatePercent().signum() < 0
                    || e.taxRatePercent().compareTo(HUNDRED) >= 0) {
                problems.add(at + "taxRatePercent: must be a percent from 0 to under 100, e.g. 13");
            }
            if (e.unitPriceInclTax() == null || e.unitPriceInclTax().signum() < 0) {
                problems.add(at + "unitPriceInclTax: must be 0 or more");
            }
            boolean amounts = money(problems, at + "netAmount", e.netAmount())
                    & money(problems, at + "taxAmount", e.taxAmount())
                    & money(problems, at + "totalAmount", e.totalAmount());
            if (!amounts) {
                sumsKnown = false;
                continue;
            }
            if (e.netAmount().add(e.taxAmount()).compareTo(e.totalAmount()) != 0) {
                problems.add(at + "totalAmount: netAmount + taxAmount must equal totalAmount to the fen ("
                        + e.netAmount().toPlainString() + " + " + e.taxAmount().toPlainString() + " ≠ "
                        + e.totalAmount().toPlainString() + ")");
            }
            if (e.quantity() != null && e.quantity().signum() > 0 && e.unitPriceInclTax() != null
                    && discount(e).signum() < 0) {
                problems.add(at + "totalAmount: must not exceed unitPriceInclTax × quantity ("
                        + listAmount(e).toPlainString() + ")");
            }
            net = net.add(e.netAmount());
            tax = tax.add(e.taxAmount());
            total = total.add(e.totalAmount());
        }
        boolean totals = money(problems, "netTotal", o.netTotal()) & money(problems, "taxTotal", o.taxTotal())
                & money(problems, "total", o.total());
        if (totals && sumsKnown) {
            sum(problems, "netTotal", o.netTotal(), net, "net amounts");
            sum(problems, "taxTotal", o.taxTotal(), tax, "tax amounts");
            sum(problems, "total", o.total(), total, "total amounts");
        }
        if (totals && o.netTotal().add(o.taxTotal()).compareTo(o.total()) != 0) {
            problems.add("total: netTotal + taxTotal must equal total to the fen");
        }
        return problems;
    }

    /**
     * The request body, as the exact JSON text to send and record. Tolerates the data {@link #problems} reports
     * (missing values are left out), so a rejected order can still be recorded with what it would have sent.
     */
    static String json(SaleInvoiceOrder o, U8Properties settings, ObjectMapper mapper) {
        ObjectNode body = mapper.createObjectNode();
        ObjectNode inv = body.putObject("saleinvoice");
        inv.put("vouchertype", settings.voucherType());
        inv.put("saletypecode", settings.saleTypeCode());
        putIfSet(inv, "date", o.date() == null ? null : DATE.format(o.date()));
        putIfSet(inv, "customercode", o.customerCode());
        putIfSet(inv, "customername", o.customerName());
        putIfSet(inv, "personcode", o.salesperson());
        putIfSet(inv, "cbaccount", o.bankAccount());
        putIfSet(inv, SELLER_TAX_NUMBER_FIELD, o.sellerTaxNumber());
        inv.put("businesstype", "普通销售");
        inv.put("foreigncurrency", "人民币");
        inv.put("currencyrate", "1");
        List<BigDecimal> rates = o.entries().stream().map(SaleInvoiceEntry::taxRatePercent).distinct().toList();
        if (rates.size() == 1 && rates.get(0) != null) {
            inv.put("taxrate", plain(rates.get(0)));
        }
        String bank = o.bankName() == null || o.bankName().isBlank() ? "" : "；收款银行 " + o.bankName().strip();
        inv.put("memory", "L2C开票申请 " + o.bizId() + bank);
        ArrayNode entries = inv.putArray("entry");
        for (SaleInvoiceEntry e : o.entries()) {
            ObjectNode entry = entries.addObject();
            putIfSet(entry, "inventorycode", e.inventoryCode());
            putIfSet(entry, "inventoryname", e.inventoryName());
            putIfSet(entry, "quantity", e.quantity() == null ? null : plain(e.quantity()));
            putIfSet(entry, "taxrate", e.taxRatePercent() == null ? null : plain(e.taxRatePercent()));
            putIfSet(entry, "quotedprice", e.unitPriceInclTax() == null ? null : price(e.unitPriceInclTax()));
            boolean perUnit = e.quantity() != null && e.quantity().signum() > 0;
            putIfSet(entry, "originalprice", perUnit && e.netAmount() != null
                    ? price(e.netAmount().divide(e.quantity(), 6, RoundingMode.HALF_UP)) : null);
            putIfSet(entry, "originaltaxedprice", perUnit && e.totalAmount() != null
                    ? price(e.totalAmount().divide(e.quantity(), 6, RoundingMode.HALF_UP)) : null);
            putIfSet(entry, "originalmoney", amount(e.netAmount()));
            putIfSet(entry, "originaltax", amount(e.taxAmount()));
            putIfSet(entry, "originalsum", amount(e.totalAmount()));
            putIfSet(entry, "originaldiscount", perUnit && e.unitPriceInclTax() != null && e.totalAmount() != null
                    ? amount(discount(e)) : null);
            putIfSet(entry, "price", perUnit && e.netAmount() != null
                    ? price(e.netAmount().divide(e.quantity(), 6, RoundingMode.HALF_UP)) : null);
            putIfSet(entry, "money", amount(e.netAmount()));
            putIfSet(entry, "tax", amount(e.taxAmount()));
            putIfSet(entry, "sum", amount(e.totalAmount()));
        }
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the saleinvoice JSON", e);
        }
    }

    /** List price × quantity, HALF_UP to the fen. */
    private static BigDecimal listAmount(SaleInvoiceEntry e) {
        return e.unitPriceInclTax().multiply(e.quantity()).setScale(2, RoundingMode.HALF_UP);
    }

    private static BigDecimal discount(SaleInvoiceEntry e) {
        return listAmount(e).subtract(e.totalAmount());
    }

    private static boolean money(List<String> problems, String field, BigDecimal value) {
        if (value == null) {
            problems.add(field + ": must be set");
            return false;
        }
        if (value.signum() < 0) {
            problems.add(field + ": must be 0 or more");
            return false;
        }
        if (value.stripTrailingZeros().scale() > 2) {
            problems.add(field + ": must have at most 2 decimals (fen)");
            return false;
        }
        return true;
    }

    private static void sum(List<String> problems, String field, BigDecimal stated, BigDecimal sum, String what) {
        if (stated.compareTo(sum) != 0) {
            problems.add(field + ": must equal the sum of the lines' " + what + " (" + sum.toPlainString() + ")");
        }
    }

    private static void blank(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": must not be blank");
        }
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value.strip());
        }
    }

    private static String amount(BigDecimal v) {
        return v == null ? null : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** A unit price: as many decimals as it has, at least 2, at most 6. */
    private static String price(BigDecimal v) {
        BigDecimal p = v.setScale(Math.min(6, Math.max(2, v.stripTrailingZeros().scale())), RoundingMode.HALF_UP);
        return p.toPlainString();
    }

    private static String plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
