package org.leadtocash.payment.statement;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;

/**
 * Reads the CSV statement shape (RFC 4180: comma separated, fields with commas, quotes or line breaks in double
 * quotes, {@code ""} for a quote inside; CRLF or LF line ends).
 * <p>
 * The first non-blank line is the header. Columns are found by name, in any order; each has a Chinese name (as a
 * Chinese bank's export writes it) and an English one:
 * <table>
 * <tr><th>field</th><th>header names</th><th></th></tr>
 * <tr><td>valueDate</td><td>交易日期, 记账日期, 入账日期, valueDate</td><td>required</td></tr>
 * <tr><td>transactionId</td><td>流水号, 交易流水号, 银行流水号, transactionId</td><td>required</td></tr>
 * <tr><td>payerName</td><td>付款人名称, 付款人户名, 对方户名, payerName</td><td>optional</td></tr>
 * <tr><td>payerAccount</td><td>付款人账号, 对方账号, payerAccount</td><td>optional</td></tr>
 * <tr><td>amount</td><td>金额, 交易金额, 收入金额, 贷方金额, amount</td><td>required</td></tr>
 * <tr><td>currency</td><td>币种, currency</td><td>required</td></tr>
 * <tr><td>memo</td><td>摘要, 附言, 用途, memo</td><td>required</td></tr>
 * <tr><td>invoiceNo</td><td>发票号, 发票号码, invoiceNo</td><td>optional (else the invoice number is looked for in the memo)</td></tr>
 * </table>
 * Other columns (余额 balance, 对方开户行 payer bank, …) are ignored. A missing required column, or two columns meaning
 * the same field, refuses the whole file (400) before anything is applied.
 * <p>
 * Data lines: fully blank lines (also {@code ,,,,,,} as Excel leaves them) are skipped; every other line becomes a
 * statement line, reported by the file line it starts on. A line with fewer values than the header, or extra non-empty
 * values, is reported INVALID (field {@code line}, rule {@code column-count}). Cells written as Excel text formulas
 * ({@code ="6222020200112233"}, how banks keep long account numbers from turning into 6.22202E+15) are unwrapped.
 */
final class CsvStatementParser {
    enum Column {
        VALUE_DATE("valueDate", true, "交易日期", "记账日期", "入账日期"),
        TRANSACTION_ID("transactionId", true, "流水号", "交易流水号", "银行流水号"),
        PAYER_NAME("payerName", false, "付款人名称", "付款人户名", "对方户名"),
        PAYER_ACCOUNT("payerAccount", false, "付款人账号", "对方账号"),
        AMOUNT("amount", true, "金额", "交易金额", "收入金额", "贷方金额"),
        CURRENCY("currency", true, "币种"),
        MEMO("memo", true, "摘要", "附言", "用途"),
        INVOICE_NO("invoiceNo", false, "发票号", "发票号码");

        final String field;
        final boolean required;
        final List<String> names;

        Column(String field, boolean required, String... chineseNames) {
            this.field = field;
            this.required = required;
            List<String> all = new ArrayList<>(List.of(chineseNames));
            all.add(field);
            this.names = List.copyOf(all);
        }

        String label() {
            return names.get(0) + " (" + field + ")";
        }
    }

    private static final Map<String, Column> BY_NAME = new LinkedHashMap<>();

    static {
        for (Column c : Column.values()) {
            for (String n : c.names) {
                BY_NAME.put(n.toLowerCase(Locale.ROOT), c);
            }
        }
    }

    /** The documented header, in the documented order. */
    static final String HEADER = "交易日期,流水号,付款人名称,付款人账号,金额,币种,摘要";

    private CsvStatementParser() {
    }

    static ParsedStatement parse(String text, String charset) {
        List<Record> records = records(text);
        int first = 0;
        while (first < records.size() && records.get(first).isBlank()) {
            first++;
        }
        if (first == records.size()) {
            throw new InvalidInputException("file", "not-empty", "对账单文件为空 the statement file is empty");
        }
        Record headerRecord = records.get(first);
        Map<Column, Integer> columns = header(headerRecord);
        int headerWidth = headerRecord.values().size();

        List<Record> data = records.subList(first + 1, records.size()).stream().filter(r -> !r.isBlank()).toList();
        if (data.isEmpty()) {
            throw new InvalidInputException("file", "has-lines",
                    "对账单没有交易明细 the statement has a header but no lines");
        }
        if (data.size() > ParsedStatement.MAX_LINES) {
            throw tooManyLines(data.size());
        }
        List<RawStatementLine> lines = new ArrayList<>(data.size());
        for (Record r : data) {
            lines.add(line(r, columns, headerWidth));
        }
        return new ParsedStatement(StatementFormat.CSV, charset, null, null, lines);
    }

    static InvalidInputException tooManyLines(int count) {
        return new InvalidInputException("file", "max-lines", "对账单超过 10000 行 the statement has " + count
                + " lines; at most " + ParsedStatement.MAX_LINES + " lines per file, split it by date range");
    }

    private static Map<Column, Integer> header(Record header) {
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < header.values().size(); i++) {
            String name = cell(header.values().get(i)).replace("\u3000", "").strip();
            Column column = BY_NAME.get(name.toLowerCase(Locale.ROOT));
            if (column == null) {
                continue;
            }
            Integer earlier = columns.putIfAbsent(column, i);
            if (earlier != null) {
                errors.add(new FieldError("header", "unique-column", "columns " + (earlier + 1) + " and " + (i + 1)
                        + " both mean " + column.label() + "; keep one"));
            }
        }
        List<String> missing = new ArrayList<>();
        for (Column c : Column.values()) {
            if (c.required && !columns.containsKey(c)) {
                missing.add(c.label());
            }
        }
        if (!missing.isEmpty()) {
            String found = header.values().stream().map(CsvStatementParser::cell).map(v -> abbreviate(v, 30))
                    .collect(Collectors.joining(","));
            String delimiterHint = header.values().size() == 1 && (found.contains(";") || found.contains("\t"))
                    ? " — columns must be separated by commas, this file uses " + (found.contains(";") ? "semicolons" : "tabs")
                    : "";
            errors.add(new FieldError("header", "required-columns", "表头缺少列 the header (line " + header.line()
                    + ") lacks " + String.join(", ", missing) + "; expected a header like " + HEADER + ", found: " + abbreviate(found, 200)
                    + delimiterHint));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return columns;
    }

    private static RawStatementLine line(Record r, Map<Column, Integer> columns, int headerWidth) {
        List<FieldError> structural = new ArrayList<>();
        int size = r.values().size();
        if (size < headerWidth) {
            structural.add(new FieldError("line", "column-count",
                    "has " + size + " values, the header has " + headerWidth + " columns (missing commas, or a quote left open?)"));
        } else if (size > headerWidth && r.values().subList(headerWidth, size).stream().anyMatch(v -> !cell(v).isEmpty())) {
            structural.add(new FieldError("line", "column-count",
                    "has " + size + " values, the header has " + headerWidth + " columns (a comma inside a value must be quoted)"));
        }
        return new RawStatementLine(r.line(), value(r, columns, Column.VALUE_DATE), value(r, columns, Column.TRANSACTION_ID),
                value(r, columns, Column.PAYER_NAME), value(r, columns, Column.PAYER_ACCOUNT), value(r, columns, Column.AMOUNT),
                value(r, columns, Column.CURRENCY), value(r, columns, Column.MEMO), value(r, columns, Column.INVOICE_NO), structural);
    }

    private static String value(Record r, Map<Column, Integer> columns, Column column) {
        Integer index = columns.get(column);
        if (index == null || index >= r.values().size()) {
            return null;
        }
        String v = cell(r.values().get(index));
        return v.isEmpty() ? null : v;
    }

    /** Trims (also full-width spaces and the tab banks prefix to force text) and unwraps Excel's {@code ="…"}. */
    static String cell(String raw) {
        String v = raw.replace("\uFEFF", "").strip();
        if (v.length() >= 3 && v.startsWith("=\"") && v.endsWith("\"")) {
            v = v.substring(2, v.length() - 1).strip();
        }
        return v;
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    /** One CSV record and the file line it starts on. */
    record Record(int line, List<String> values) {
        boolean isBlank() {
            return values.stream().allMatch(v -> cell(v).isEmpty());
        }
    }

    /** RFC 4180 records; an unterminated quoted field refuses the file (everything after it would shift). */
    static List<Record> records(String text) {
        List<Record> records = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int quoteLine = 0;
        boolean quoted = false;
        boolean afterQuote = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank() && !afterQuote) {
                quoted = true;
                quoteLine = line;
                field.setLength(0);
            } else if (c == ',') {
                values.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                values.add(field.toString());
                records.add(new Record(recordLine, List.copyOf(values)));
                values.clear();
                field.setLength(0);
                afterQuote = false;
                line++;
                recordLine = line;
            } else {
                field.append(c); // also text after a closing quote: kept, the value's own rules judge it
            }
        }
        if (quoted) {
            throw new InvalidInputException("file", "csv-quotes", "引号未闭合 the quoted value starting on line " + quoteLine
                    + " is never closed; every \" that opens a value must close it");
        }
        if (field.length() > 0 || !values.isEmpty()) {
            values.add(field.toString());
            records.add(new Record(recordLine, List.copyOf(values)));
        }
        return records;
    }
}
