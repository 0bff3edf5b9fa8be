package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks the rep's new prices for a quote (编辑报价, form or API) or a contract legal returned (修改合同): every line of
 * the document once with a new unit price, nothing else about a line changed, a delivery date from today on. Throws
 * {@link InvalidInputException} naming every field and rule broken.
 */
@Component
class PriceEditValidator {
    static final int MAX_NOTE = 1000;

    private final EngineClock clock;

    PriceEditValidator(EngineClock clock) {
        this.clock = clock;
    }

    /** The rep's edit of a quote (编辑报价): new unit prices, the delivery date, an optional note. */
    PriceEdit edit(Quote quote, Object lines, Object deliveryDate, Object note) {
        return priceEdit(quote.lines(), quote.rebateRate(), lines, deliveryDate, note, false);
    }

    /** The rep's revision of a contract legal returned: new unit prices, the delivery date, a note for legal (required). */
    PriceEdit revision(Contract contract, Object lines, Object deliveryDate, Object note) {
        return priceEdit(contract.lines(), contract.rebateRate(), lines, deliveryDate, note, true);
    }

    /**
     * Every line of the document once, by lineNo; product and quantity unchanged (if given); unit price incl. tax
     * &gt; 0 with at most 2 decimals.
     */
    private PriceEdit priceEdit(List<PricedLine> current, BigDecimal rebateRate, Object linesValue, Object deliveryDate,
                                Object note, boolean noteRequired) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode lines = QuoteJson.tree(linesValue);
        Map<Integer, PricedLine> byNo = new LinkedHashMap<>();
        current.forEach(l -> byNo.put(l.lineNo(), l));
        Map<Integer, PricedLine> repriced = new LinkedHashMap<>();
        if (lines == null || !lines.isArray()) {
            errors.add(new FieldError(Vars.LINES, "required", "报价行必填 the lines with their unit prices are required"));
        } else {
            for (int i = 0; i < lines.size(); i++) {
                reprice(lines.get(i), "lines[" + i + "]", byNo, rebateRate, repriced, errors);
            }
            if (errors.isEmpty()) {
                for (Integer missing : byNo.keySet()) {
                    if (!repriced.containsKey(missing)) {
                        errors.add(new FieldError(Vars.LINES, "every-line", "第" + missing + "行缺少单价 line " + missing
                                + " is missing: give every line with its unit price"));
                    }
                }
            }
        }
        LocalDate delivery = QuoteInput.futureDate(deliveryDate, Vars.DELIVERY_DATE, clock.today(), clock.zone(), errors);
        String n = noteRequired
                ? QuoteInput.requiredText(note, Vars.REVISION_NOTE, MAX_NOTE, "修改说明 A note for legal ", errors)
                : QuoteInput.optionalText(note, Vars.EDIT_NOTE, MAX_NOTE, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new PriceEdit(new ArrayList<>(repriced.values()), delivery, n);
    }

    private static void reprice(JsonNode line, String at, Map<Integer, PricedLine> byNo, BigDecimal rebateRate,
                                Map<Integer, PricedLine> repriced, List<FieldError> errors) {
        JsonNode no = line == null ? null : line.get("lineNo");
        PricedLine existing = no != null && no.canConvertToInt() ? byNo.get(no.asInt()) : null;
        if (existing == null) {
            errors.add(new FieldError(at + ".lineNo", "known-line", "must be one of the lines " + byNo.keySet()));
            return;
        }
        if (repriced.containsKey(existing.lineNo())) {
            errors.add(new FieldError(at + ".lineNo", "unique", "line " + existing.lineNo() + " appears twice"));
            return;
        }
        String model = QuoteJson.text(line, "productModel");
        if (model != null && !model.equals(existing.productModel())) {
            errors.add(new FieldError(at + ".productModel", "unchanged",
                    "只能修改单价和交货日期 only the unit price and the delivery date can change; start a new quote for other products"));
        }
        BigDecimal qty = QuoteJson.decimal(line.get("quantity"));
        if (line.hasNonNull("quantity") && (qty == null || qty.compareTo(existing.quantity()) != 0)) {
            errors.add(new FieldError(at + ".quantity", "unchanged",
                    "只能修改单价和交货日期 only the unit price and the delivery date can change; start a new quote for other quantities"));
        }
        BigDecimal price = QuoteInput.positive(line.get("unitPriceInclTax"), at + ".unitPriceInclTax",
                QuoteInput.MAX_UNIT_PRICE, errors);
        if (price != null) {
            repriced.put(existing.lineNo(), existing.repriced(price, rebateRate));
        }
    }
}
