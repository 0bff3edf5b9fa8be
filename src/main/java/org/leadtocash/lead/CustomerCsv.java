package org.leadtocash.lead;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;

/**
 * Reads a customer-book CSV (RFC 4180: quoted fields may hold commas, quotes and line breaks) in UTF-8 (with or without
 * BOM) or GBK, as Excel saves it in China. The first record is the header, Chinese or English names
 * ({@link LicenceFields}); every later record keeps the file line it starts on (header = line 1). A file that cannot be
 * read as a whole (size, encoding, header) is refused with the problem named — nothing of it is stored.
 */
final class CustomerCsv {
    static final int MAX_BYTES = 2 * 1024 * 1024;
    static final int MAX_ROWS = 5000;
    private static final Charset GBK = Charset.forName("GBK");

    /** One data record: the line it starts on and its values by field name. */
    record Row(int lineNo, Map<String, String> values) {
    }

    record Parsed(String charset, List<Row> rows) {
    }

    private CustomerCsv() {
    }

    static Parsed parse(byte[] content) {
        if (content == null || content.length == 0) {
            throw new InvalidInputException("file", "required", "文件为空 the file is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new InvalidInputException("file", "max-size", "文件超过 2 MB the file is larger than 2 MB");
        }
        String charset = "UTF-8";
        String text;
        int offset = content.length >= 3 && (content[0] & 0xFF) == 0xEF && (content[1] & 0xFF) == 0xBB && (content[2] & 0xFF) == 0xBF ? 3 : 0;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content, offset, content.length - offset)).toString();
        } catch (CharacterCodingException notUtf8) {
            try {
                text = GBK.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(content)).toString();
                charset = "GBK";
            } catch (CharacterCodingException neither) {
                throw new InvalidInputException("file", "encoding", "文件既不是 UTF-8 也不是 GBK 编码 the file is neither UTF-8 nor GBK");
            }
        }
        List<Record> records = records(text);
        if (records.isEmpty()) {
            throw new InvalidInputException("file", "required", "文件为空 the file is empty");
        }
        List<String> columns = header(records.get(0).cells());
        if (records.size() - 1 > MAX_ROWS) {
            throw new InvalidInputException("file", "max-rows", "最多 " + MAX_ROWS + " 行客户 at most " + MAX_ROWS + " customers per file");
        }
        List<Row> rows = new ArrayList<>();
        for (Record r : records.subList(1, records.size())) {
            Map<String, String> values = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i), i < r.cells().size() ? r.cells().get(i) : null);
            }
            if (r.cells().size() > columns.size()) {
                values.put(EXTRA, String.valueOf(r.cells().size()));
            }
            rows.add(new Row(r.lineNo(), values));
        }
        return new Parsed(charset, rows);
    }

    /** Key of a row value set when the record has more cells than the header. */
    static final String EXTRA = "__extraCells";

    private static List<String> header(List<String> cells) {
        Map<String, String> byName = new HashMap<>();
        LicenceFields.CHINESE.forEach((field, chinese) -> {
            byName.put(field.toLowerCase(Locale.ROOT), field);
            byName.put(chinese, field);
            byName.put(chinese.replaceAll("\\(.*\\)", ""), field);
        });
        byName.put("注册资本（万元）", LicenceFields.REGISTERED_CAPITAL);
        List<String> columns = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String name = cells.get(i).strip();
            String field = byName.get(name.toLowerCase(Locale.ROOT));
            if (field == null) {
                field = byName.get(name);
            }
            if (field == null) {
                errors.add(new FieldError("header", "known-column", "第1行第" + (i + 1) + "列 '" + name + "' 不是客户字段 line 1 column "
                        + (i + 1) + " is no customer field; use " + LicenceFields.CHINESE.values() + " or " + LicenceFields.CHINESE.keySet()));
            } else if (columns.contains(field)) {
                errors.add(new FieldError("header", "unique-column", "第1行列 '" + name + "' 重复 line 1 names " + field + " twice"));
            }
            columns.add(field);
        }
        for (String required : LicenceFields.REQUIRED) {
            if (!columns.contains(required)) {
                errors.add(new FieldError("header", "required-column", "第1行缺少列 " + LicenceFields.CHINESE.get(required)
                        + " line 1 lacks the column " + required));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return columns;
    }

    private record Record(int lineNo, List<String> cells) {
    }

    /** RFC 4180 records with the line each starts on; blank lines are skipped. */
    private static List<Record> records(String text) {
        List<Record> out = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        int line = 1;
        int start = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
                any = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                end(out, cells, cell, any, start);
                cells = new ArrayList<>();
                any = false;
                line++;
                start = line;
            } else {
                cell.append(c);
                if (!Character.isWhitespace(c)) {
                    any = true;
                }
            }
        }
        if (quoted) {
            throw new InvalidInputException("file", "csv-quote", "第" + start + "行的引号没有闭合 the quote opened on line " + start
                    + " is never closed");
        }
        end(out, cells, cell, any, start);
        return out;
    }

    private static void end(List<Record> out, List<String> cells, StringBuilder cell, boolean any, int start) {
        if (!any && cell.toString().isBlank()) {
            cell.setLength(0);
            return;
        }
        cells.add(cell.toString());
        cell.setLength(0);
        out.add(new Record(start, cells));
    }
}
