package org.leadtocash.payment.statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;

/**
 * Reads the JSON statement shape:
 * <pre>
 * {"statementId": "ICBC-310001-20250318", "account": "1001 2345 6789 0123 456",
 *  "lines": [{"valueDate": "2025-03-18", "transactionId": "HX202503180001", "payerName": "杭州云帆软件有限公司",
 *             "payerAccount": "6222020200112233445", "amount": "56500.00", "currency": "CNY",
 *             "memo": "支付发票 25312000000012345678 货款", "invoiceNo": "25312000000012345678"}]}
 * </pre>
 * {@code lines} is required (1…10,000 entries); {@code statementId} and {@code account} are optional strings; any
 * other top-level field, and any key given twice, refuses the file. In a line, {@code amount} may be a JSON number or a string (numbers are
 * read exactly, never through a double); {@code memo} and {@code invoiceNo} are both optional (without either the
 * line is UNMATCHED). A line that is not an object, has an unknown field or a value of the wrong JSON type is
 * reported INVALID; the other lines go on.
 */
final class JsonStatementParser {
    private static final Set<String> TOP_LEVEL = Set.of("statementId", "account", "lines");
    static final List<String> LINE_FIELDS =
            List.of("valueDate", "transactionId", "payerName", "payerAccount", "amount", "currency", "memo", "invoiceNo");
    private static final ObjectMapper EXACT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private JsonStatementParser() {
    }

    static ParsedStatement parse(String text, String charset) {
        JsonNode root;
        try {
            root = EXACT.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field ")
                    ? ": d" + e.getOriginalMessage().substring(1) + ", every key once" : "";
            throw new InvalidInputException("file", "json", "对账单不是合法的 JSON the statement is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + duplicate);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("file", "json-object",
                    "the statement must be a JSON object {\"statementId\", \"account\", \"lines\": [...]}");
        }
        List<FieldError> errors = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!TOP_LEVEL.contains(name)) {
                errors.add(new FieldError(name, "known-field", "unknown field; allowed fields are " + List.of("statementId", "account", "lines")));
            }
        });
        String statementId = topLevelText(root, "statementId", 100, errors);
        String account = topLevelText(root, "account", 64, errors);
        JsonNode lines = root.get("lines");
        if (lines == null || lines.isNull()) {
            errors.add(new FieldError("lines", "required", "对账单没有交易明细 the statement needs a \"lines\" array"));
        } else if (!lines.isArray()) {
            errors.add(new FieldError("lines", "type", "must be an array of statement lines"));
        } else if (lines.isEmpty()) {
            errors.add(new FieldError("lines", "not-empty", "对账单没有交易明细 the statement has no lines"));
        } else if (lines.size() > ParsedStatement.MAX_LINES) {
            throw CsvStatementParser.tooManyLines(lines.size());
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        List<RawStatementLine> result = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            result.add(line(i + 1, lines.get(i)));
        }
        return new ParsedStatement(StatementFormat.JSON, charset, statementId, account, result);
    }

    private static String topLevelText(JsonNode root, String field, int max, List<FieldError> errors) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "type", "must be a string"));
            return null;
        }
        String v = node.textValue().strip();
        if (v.length() > max) {
            errors.add(new FieldError(field, "max-length", "must be at most " + max + " characters"));
            return null;
        }
        return v.isEmpty() ? null : v;
    }

    private static RawStatementLine line(int lineNo, JsonNode node) {
        List<FieldError> structural = new ArrayList<>();
        if (!node.isObject()) {
            structural.add(new FieldError("line", "json-object", "a statement line must be a JSON object, was " + node.getNodeType().name().toLowerCase()));
            return new RawStatementLine(lineNo, null, null, null, null, null, null, null, null, structural);
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String name = field.getKey();
            if (!LINE_FIELDS.contains(name)) {
                structural.add(new FieldError(name, "known-field", "unknown field; allowed fields are " + LINE_FIELDS));
            }
        }
        return new RawStatementLine(lineNo, text(node, "valueDate", false, structural), text(node, "transactionId", true, structural),
                text(node, "payerName", false, structural), text(node, "payerAccount", true, structural),
                text(node, "amount", true, structural), text(node, "currency", false, structural),
                text(node, "memo", false, structural), text(node, "invoiceNo", true, structural), structural);
    }

    /** A string field's trimmed text; numbers are accepted where digits are natural (amount, ids, account numbers). */
    private static String text(JsonNode line, String field, boolean numberAllowed, List<FieldError> errors) {
        JsonNode v = line.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            String s = CsvStatementParser.cell(v.textValue());
            return s.isEmpty() ? null : s;
        }
        if (v.isNumber() && numberAllowed) {
            return v.isBigDecimal() ? v.decimalValue().toPlainString() : v.asText();
        }
        errors.add(new FieldError(field, "type", "must be a string" + (numberAllowed ? " or a number" : "")
                + ", was " + v.getNodeType().name().toLowerCase()));
        return null;
    }
}
