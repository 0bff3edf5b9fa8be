package org.leadtocash.quote;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.FormDates;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading form and API fields with a field-level error for every broken rule. */
final class QuoteInput {
    static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000");
    static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("100000000");

    private QuoteInput() {
    }

    static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }

    static String requiredText(Object value, String field, int max, String label, List<FieldError> errors) {
        String s = text(value);
        if (s == null) {
            errors.add(new FieldError(field, "required", label + "必填 is required"));
        } else if (s.length() > max) {
            errors.add(new FieldError(field, "max-length", "must be at most " + max + " characters"));
        }
        return s;
    }

    static String optionalText(Object value, String field, int max, List<FieldError> errors) {
        String s = text(value);
        if (s != null && s.length() > max) {
            errors.add(new FieldError(field, "max-length", "must be at most " + max + " characters"));
        }
        return s;
    }

    /** A date (yyyy-MM-dd, an ISO date-time, or a java.util.Date) on or after today. */
    static LocalDate futureDate(Object value, String field, LocalDate today, ZoneId zone, List<FieldError> errors) {
        if (value == null || value.toString().isBlank()) {
            errors.add(new FieldError(field, "required", "交货日期必填 a delivery date is required (yyyy-MM-dd)"));
            return null;
        }
        LocalDate date;
        try {
            date = FormDates.parse(value, zone);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "date", "must be a date like 2026-12-01"));
            return null;
        }
        if (date.isBefore(today)) {
            errors.add(new FieldError(field, "not-in-past", "交货日期不能早于今天 must be today or later"));
        }
        return date;
    }

    /** A positive amount with at most two decimals, at most {@code max}. */
    static BigDecimal positive(JsonNode node, String field, BigDecimal max, List<FieldError> errors) {
        if (node == null || node.isNull() || node.isMissingNode() || node.isTextual() && node.textValue().isBlank()) {
            errors.add(new FieldError(field, "required", "is required"));
            return null;
        }
        BigDecimal v = QuoteJson.decimal(node);
        if (v == null) {
            errors.add(new FieldError(field, "number", "must be a number"));
            return null;
        }
        return positive(v, field, max, errors);
    }

    static BigDecimal positive(BigDecimal v, String field, BigDecimal max, List<FieldError> errors) {
        if (v.signum() <= 0) {
            errors.add(new FieldError(field, "positive", "must be greater than 0"));
            return null;
        }
        if (v.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError(field, "scale", "must have at most 2 decimals"));
            return null;
        }
        if (v.compareTo(max) > 0) {
            errors.add(new FieldError(field, "max", "must be at most " + max.toPlainString()));
            return null;
        }
        return v.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
