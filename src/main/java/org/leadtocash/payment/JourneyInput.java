package org.leadtocash.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.leadtocash.lead.ChinesePhone;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads values as the API and Tasklist forms send them (strings, numbers, dates as ISO strings or {@link Date}s, JSON
 * arrays from checklists) and collects every broken rule, field by field; {@link #check()} throws them all at once.
 */
final class JourneyInput {
    static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999999.99");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<FieldError> errors = new ArrayList<>();

    /** Throws the collected errors, if any. */
    void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    void error(String field, String rule, String message) {
        errors.add(new FieldError(field, rule, message));
    }

    boolean ok(String field) {
        return errors.stream().noneMatch(e -> e.field().equals(field));
    }

    /** Stripped text; blank is null. */
    String text(String field, Object value, int max, boolean required) {
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                error(field, "required", "必填 is required");
            }
            return null;
        }
        if (!(value instanceof String s)) {
            error(field, "type", "must be text");
            return null;
        }
        String stripped = s.strip();
        if (stripped.length() > max) {
            error(field, "max-length", "最多" + max + "个字符 must be at most " + max + " characters");
            return null;
        }
        return stripped;
    }

    /** A positive amount in CNY with at most 2 decimals, at scale 2. */
    BigDecimal amount(String field, Object value, boolean required) {
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                error(field, "required", "必填 is required");
            }
            return null;
        }
        BigDecimal amount = null;
        try {
            if (value instanceof BigDecimal b) {
                amount = b;
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                amount = BigDecimal.valueOf(((Number) value).longValue());
            } else if (value instanceof Double || value instanceof Float) {
                double d = ((Number) value).doubleValue();
                amount = Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
            } else if (value instanceof String s) {
                amount = new BigDecimal(s.strip());
            }
        } catch (NumberFormatException e) {
            amount = null;
        }
        if (amount == null) {
            error(field, "type", "must be an amount in CNY, e.g. 12800.00");
            return null;
        }
        if (amount.signum() <= 0) {
            error(field, "positive", "金额必须大于0 must be greater than 0");
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            error(field, "scale", "最多两位小数 must have at most 2 decimals (fen)");
            return null;
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            error(field, "max", "must be at most " + MAX_AMOUNT.toPlainString());
            return null;
        }
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** A calendar date: LocalDate, ISO string (Tasklist date fields send yyyy-MM-dd) or Date (in the team's zone). */
    LocalDate date(String field, Object value, boolean required, java.time.ZoneId zone) {
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                error(field, "required", "必填 is required (yyyy-MM-dd)");
            }
            return null;
        }
        try {
            if (value instanceof LocalDate d) {
                return d;
            }
            if (value instanceof Date d) {
                return LocalDate.ofInstant(d.toInstant(), zone);
            }
            if (value instanceof String s) {
                String t = s.strip();
                return LocalDate.parse(t.length() > 10 && t.charAt(10) == 'T' ? t.substring(0, 10) : t);
            }
            throw new DateTimeParseException("not a date", String.valueOf(value), 0);
        } catch (DateTimeParseException e) {
            error(field, "date", "must be a date yyyy-MM-dd");
            return null;
        }
    }

    /** A mainland mobile number (the SMS goes there), normalised to 11 digits. */
    String mobile(String field, Object value, boolean required) {
        String raw = text(field, value, 30, required);
        if (raw == null) {
            return null;
        }
        String normalised = ChinesePhone.normalise(raw);
        if (normalised == null || !normalised.matches("1[3-9]\\d{9}")) {
            error(field, "mobile", "须为大陆手机号 must be a mainland mobile number (11 digits, 1[3-9]…), the SMS goes there");
            return null;
        }
        return normalised;
    }

    /** Checklist values: a list, a JSON array (as Tasklist sends checklists) or comma-separated text. */
    Set<BlockerCause> causes(String field, Object value) {
        List<String> raw = new ArrayList<>();
        if (value instanceof Collection<?> c) {
            c.forEach(v -> raw.add(String.valueOf(v)));
        } else if (value != null) {
            String text = String.valueOf(value).strip();
            if (text.startsWith("[")) {
                try {
                    JsonNode array = JSON.readTree(text);
                    array.forEach(n -> raw.add(n.asText()));
                } catch (JsonProcessingException e) {
                    error(field, "type", "must be a list of causes");
                    return Set.of();
                }
            } else if (!text.isEmpty()) {
                for (String part : text.split(",")) {
                    raw.add(part);
                }
            }
        }
        Set<BlockerCause> causes = new LinkedHashSet<>();
        for (String r : raw) {
            String name = r.strip();
            if (name.isEmpty()) {
                continue;
            }
            try {
                causes.add(BlockerCause.valueOf(name));
            } catch (IllegalArgumentException e) {
                error(field, "known-cause", "unknown cause " + name + "; allowed: " + List.of(BlockerCause.values()));
                return Set.of();
            }
        }
        if (causes.isEmpty()) {
            error(field, "required", "至少勾选一项原因 tick at least one cause");
        }
        return causes;
    }
}
