package org.leadtocash.lead;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;

/**
 * Validates a lead from any entry point (intake API, Tasklist start form). Reports every broken rule at once,
 * each naming the field and the rule, so nothing half-valid is ever stored.
 */
final class LeadValidator {
    static final Set<String> FIELDS = new LinkedHashSet<>(List.of("externalId", "source", "companyName", "creditCode",
            "contactName", "contactPhone", "region", "budgetCny", "productInterest"));
    static final BigDecimal MAX_BUDGET = new BigDecimal("999999999999.99");

    private LeadValidator() {
    }

    /**
     * @param input field → value (String, Number, or anything else, which is a type error)
     * @param externalIdRequired true for channel intake (the idempotency key); Tasklist entries get a generated one
     * @param allowedExtraFields further keys that may be present (e.g. process variables next to the form fields)
     * @param activeRegions the region codes that take new leads ({@link Regions#activeCodes()})
     */
    public static LeadDraft validate(Map<String, ?> input, boolean externalIdRequired, Set<String> allowedExtraFields,
                                     List<String> activeRegions) {
        List<FieldError> errors = new ArrayList<>();
        for (String key : input.keySet()) {
            if (!FIELDS.contains(key) && !allowedExtraFields.contains(key)) {
                errors.add(new FieldError(key, "known-field", "unknown field; allowed fields are " + FIELDS));
            }
        }
        String externalId = text(input, "externalId", externalIdRequired, 1, 100, errors);
        String sourceText = text(input, "source", true, 1, 40, errors);
        LeadSource source = enumValue(LeadSource.class, "source", sourceText, errors);
        String companyName = text(input, "companyName", true, 2, 200, errors);
        String creditCode = text(input, "creditCode", true, 1, 40, errors);
        if (creditCode != null) {
            creditCode = creditCode.replace(" ", "").toUpperCase(Locale.ROOT);
            String problem = CreditCode.problem(creditCode);
            if (problem != null) {
                errors.add(new FieldError("creditCode", "GB 32100-2015", "统一社会信用代码无效 invalid unified social credit code: " + problem));
                creditCode = null;
            }
        }
        String contactName = text(input, "contactName", true, 1, 50, errors);
        String phoneText = text(input, "contactPhone", true, 1, 30, errors);
        String contactPhone = null;
        if (phoneText != null) {
            contactPhone = ChinesePhone.normalise(phoneText);
            if (contactPhone == null) {
                errors.add(new FieldError("contactPhone", "cn-phone",
                        "must be a mainland mobile (e.g. 13812345678) or landline number with area code (e.g. 021-62345678)"));
            }
        }
        String region = text(input, "region", true, 1, 10, errors);
        if (region != null && !activeRegions.contains(region)) {
            errors.add(new FieldError("region", "one-of", "must be one of the active regions " + activeRegions));
            region = null;
        }
        BigDecimal budget = budget(input.get("budgetCny"), errors);
        String productInterest = text(input, "productInterest", false, 0, 200, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return new LeadDraft(externalId, source, companyName, creditCode, contactName, contactPhone, region, budget,
                productInterest == null || productInterest.isBlank() ? null : productInterest);
    }

    private static String text(Map<String, ?> input, String field, boolean required, int min, int max, List<FieldError> errors) {
        Object value = input.get(field);
        if (value == null || value instanceof String s && invisible(s)) {
            if (required) {
                errors.add(new FieldError(field, "required", "is required"));
            }
            return null;
        }
        if (!(value instanceof String s)) {
            errors.add(new FieldError(field, "type", "must be a string"));
            return null;
        }
        String stripped = s.strip();
        int length = stripped.codePointCount(0, stripped.length());
        if (length > max || stripped.length() > max) {
            // columns count UTF-16 code units on H2: a character outside the BMP (e.g. CJK extension B) counts twice
            errors.add(new FieldError(field, "max-length", "must be at most " + max + " characters (got " + length
                    + (stripped.length() > length ? ", rare characters count twice" : "") + ")"));
            return null;
        }
        if (length < min) {
            errors.add(new FieldError(field, "min-length", "must be at least " + min + " characters"));
            return null;
        }
        if (stripped.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            errors.add(new FieldError(field, "no-control-characters", "must not contain control characters"));
            return null;
        }
        if (stripped.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            // half of a character (a JSON "\ud800" escape): not text, and not storable as UTF-8
            errors.add(new FieldError(field, "unicode", "must be well-formed Unicode text (contains half a surrogate pair)"));
            return null;
        }
        return stripped;
    }

    /** Blank, or only characters that show nothing (no-break and other spaces, zero-width and other format characters). */
    private static boolean invisible(String s) {
        return s.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String text, List<FieldError> errors) {
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "one-of", "must be one of " + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }

    private static BigDecimal budget(Object value, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError("budgetCny", "required", "is required"));
            return null;
        }
        BigDecimal amount;
        if (value instanceof BigDecimal b) {
            amount = b;
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof BigInteger) {
            amount = new BigDecimal(value.toString());
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                errors.add(new FieldError("budgetCny", "type", "must be a finite number"));
                return null;
            }
            amount = BigDecimal.valueOf(d);
        } else {
            errors.add(new FieldError("budgetCny", "type", "must be a number (CNY, e.g. 250000 or 88000.50)"));
            return null;
        }
        if (amount.signum() <= 0) {
            errors.add(new FieldError("budgetCny", "positive", "must be greater than 0"));
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError("budgetCny", "cents", "must have at most 2 decimal places (fen)"));
            return null;
        }
        if (amount.compareTo(MAX_BUDGET) > 0) {
            errors.add(new FieldError("budgetCny", "max", "must be at most " + MAX_BUDGET.toPlainString()));
            return null;
        }
        return amount.setScale(2);
    }
}
