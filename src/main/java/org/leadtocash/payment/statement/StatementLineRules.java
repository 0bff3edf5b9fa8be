package org.leadtocash.payment.statement;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.leadtocash.shared.FieldError;

/**
 * The rules every statement line must keep before it may touch a journey. A line that breaks any is INVALID and
 * every broken rule is named (field, rule, message), so finance can fix them all at once.
 * <ul>
 * <li>{@code transactionId} (流水号): required, at most 64 characters, no spaces; Excel's scientific notation
 *     ({@code 2.02503E+19}) is refused because the real id is lost.</li>
 * <li>{@code valueDate} (交易日期): required; {@code 2025-03-18}, {@code 2025/3/18}, {@code 2025.03.18},
 *     {@code 20250318} or {@code 2025年3月18日}, optionally followed by a time of day (ignored); a real calendar date,
 *     not after today (engine clock, Asia/Shanghai).</li>
 * <li>{@code amount} (金额): required; a positive number with at most 2 decimals (fen), optionally with a
 *     {@code ¥}/{@code ￥} sign and thousands separators ({@code 56,500.00}); at most 9,999,999,999,999.99. A negative
 *     amount is a debit and has no place in a receipts import.</li>
 * <li>{@code currency} (币种): required, CNY (also written RMB or 人民币); foreign-currency receipts go through finance.</li>
 * <li>{@code payerName} ≤ 200, {@code payerAccount} ≤ 64, {@code memo} ≤ 500, {@code invoiceNo} ≤ 64 characters;
 *     all optional (without memo and invoice number the line is UNMATCHED, not INVALID).</li>
 * </ul>
 */
final class StatementLineRules {
    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:[ T]+\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?");
    private static final Pattern COMPACT_DATE = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:[ T]?\\d{2}:?\\d{2}:?\\d{2})?");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?");
    private static final Pattern GROUPED_NUMBER = Pattern.compile("[+-]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?");
    private static final Pattern SCIENTIFIC = Pattern.compile("[+-]?\\d+(?:\\.\\d+)?[eE][+-]?\\d+");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("9999999999999.99");
    private static final Set<String> CNY = Set.of("CNY", "RMB", "人民币", "156");

    /** A line that keeps every rule; amount at scale 2, currency normalised to CNY. */
    record CheckedLine(int lineNo, LocalDate valueDate, String transactionId, String payerName, String payerAccount,
            BigDecimal amount, String currency, String memo, String invoiceNo) {
    }

    /** Either a checked line or the broken rules (never both). */
    record Result(CheckedLine line, List<FieldError> errors) {
        boolean valid() {
            return errors.isEmpty();
        }
    }

    private StatementLineRules() {
    }

    static Result check(RawStatementLine raw, LocalDate today) {
        List<FieldError> errors = new ArrayList<>(raw.structuralErrors());
        Set<String> reported = raw.structuralErrors().stream().map(FieldError::field).collect(Collectors.toSet());
        List<FieldError> own = new ArrayList<>();
        String transactionId = transactionId(raw.transactionId(), own);
        LocalDate valueDate = valueDate(raw.valueDate(), today, own);
        BigDecimal amount = amount(raw.amount(), own);
        String currency = currency(raw.currency(), own);
        String payerName = maxLength("payerName", "付款人名称", raw.payerName(), 200, own);
        String payerAccount = maxLength("payerAccount", "付款人账号", raw.payerAccount(), 64, own);
        String memo = maxLength("memo", "摘要", raw.memo(), 500, own);
        String invoiceNo = maxLength("invoiceNo", "发票号", raw.invoiceNo(), 64, own);
        // a field the parser already reported (wrong JSON type, …) is not reported twice
        own.stream().filter(e -> !reported.contains(e.field())).forEach(errors::add);
        if (!errors.isEmpty()) {
            return new Result(null, errors);
        }
        return new Result(new CheckedLine(raw.lineNo(), valueDate, transactionId, payerName, payerAccount, amount, currency,
                memo, invoiceNo), List.of());
    }

    private static String transactionId(String v, List<FieldError> errors) {
        if (v == null) {
            errors.add(new FieldError("transactionId", "required", "流水号必填 the bank transaction id is required (it is how a line is recognised when imported again)"));
            return null;
        }
        if (SCIENTIFIC.matcher(v).matches()) {
            errors.add(new FieldError("transactionId", "not-scientific", "流水号被 Excel 改成了科学计数法 '" + v
                    + "' is Excel's scientific notation, the real id is lost; format the column as text and export again"));
            return null;
        }
        if (v.length() > 64) {
            errors.add(new FieldError("transactionId", "max-length", "流水号过长 must be at most 64 characters"));
            return null;
        }
        if (v.chars().anyMatch(Character::isWhitespace)) {
            errors.add(new FieldError("transactionId", "no-spaces", "流水号不能含空格 must not contain spaces, was '" + v + "'"));
            return null;
        }
        return v;
    }

    static LocalDate valueDate(String v, LocalDate today, List<FieldError> errors) {
        if (v == null) {
            errors.add(new FieldError("valueDate", "required", "交易日期必填 the value date is required"));
            return null;
        }
        Matcher m = DATE.matcher(v);
        if (!m.matches()) {
            m = COMPACT_DATE.matcher(v);
        }
        if (!m.matches()) {
            errors.add(new FieldError("valueDate", "date", "交易日期格式不对 must be a date like 2025-03-18, 2025/3/18 or 20250318, was '" + cut(v) + "'"));
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            errors.add(new FieldError("valueDate", "date", "交易日期不存在 '" + cut(v) + "' is not a calendar date"));
            return null;
        }
        if (date.isAfter(today)) {
            errors.add(new FieldError("valueDate", "not-in-future", "交易日期晚于今天 " + date + " is after today (" + today + ")"));
            return null;
        }
        return date;
    }

    static BigDecimal amount(String v, List<FieldError> errors) {
        if (v == null) {
            errors.add(new FieldError("amount", "required", "金额必填 the amount is required"));
            return null;
        }
        String s = v.replace(" ", "");
        String sign = s.startsWith("-") || s.startsWith("+") ? s.substring(0, 1) : "";
        s = s.substring(sign.length());
        for (String symbol : List.of("¥", "￥", "CNY", "RMB")) {
            if (s.toUpperCase(Locale.ROOT).startsWith(symbol)) {
                s = s.substring(symbol.length());
            }
        }
        s = sign + s;
        if (GROUPED_NUMBER.matcher(s).matches()) {
            s = s.replace(",", "");
        } else if (!PLAIN_NUMBER.matcher(s).matches()) {
            errors.add(new FieldError("amount", "number", "金额不是数字 must be a number like 56500.00 or 56,500.00, was '" + cut(v) + "'"));
            return null;
        }
        BigDecimal amount = new BigDecimal(s);
        if (amount.signum() <= 0) {
            errors.add(new FieldError("amount", "positive", "金额必须大于零 must be more than 0, was " + cut(v)
                    + "; only credits (money received) belong in the import"));
            return null;
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError("amount", "scale", "金额最多两位小数 must have at most 2 decimals (fen), was " + cut(v)));
            return null;
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            errors.add(new FieldError("amount", "max", "金额过大 must be at most " + MAX_AMOUNT.toPlainString()));
            return null;
        }
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    private static String currency(String v, List<FieldError> errors) {
        if (v == null) {
            errors.add(new FieldError("currency", "required", "币种必填 the currency is required (CNY)"));
            return null;
        }
        if (!CNY.contains(v.toUpperCase(Locale.ROOT))) {
            errors.add(new FieldError("currency", "currency-cny", "只导入人民币到账 only CNY receipts are imported, was '" + cut(v)
                    + "'; foreign-currency receipts are confirmed by finance in Tasklist"));
            return null;
        }
        return "CNY";
    }

    private static String maxLength(String field, String chinese, String v, int max, List<FieldError> errors) {
        if (v != null && v.length() > max) {
            errors.add(new FieldError(field, "max-length", chinese + "过长 must be at most " + max + " characters, was " + v.length()));
            return null;
        }
        return v;
    }

    private static String cut(String v) {
        return v.length() <= 40 ? v : v.substring(0, 39) + "…";
    }
}
