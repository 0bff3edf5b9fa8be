package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.security.FuzzRunner.Case;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fuzzes {@code POST /api/bank-statements} (CSV and JSON, raw and multipart) with a seeded {@link Random}. Each valid
 * statement pays an open journey if it gets through; each case breaks the file as a whole — header, quoting, encoding,
 * binary content, control bytes, JSON syntax and shape, duplicate keys, nesting, sizes, line counts, content types,
 * credentials — and must be refused as a whole: a 4xx naming the problem, not one row in the import tables, no receipt,
 * the journey's money untouched, no 500.
 */
@AppTest
class BankStatementFuzzTests {
    private static final Logger log = LoggerFactory.getLogger(BankStatementFuzzTests.class);
    static final long SEED = 0xB5_2025_1127L;
    static final int RANDOM_CSV = 130;
    static final int RANDOM_JSON = 130;
    static final String HEADER = "交易日期,流水号,付款人名称,付款人账号,金额,币种,摘要";
    static final Set<Integer> BAD_REQUEST = Set.of(400);
    static final String BOUNDARY = "----sec-fuzz-boundary-7f3a";

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired PaymentJourneys journeys;
    @Autowired JdbcClient jdbc;

    private PaymentJourney journey;
    private String yesterday;

    @BeforeEach
    void setUp() {
        data.reset();
        journey = new SalesFixtures(rest, data, managementService, taskService, journeys).journey("zhangwei", null, "56500.00");
        yesterday = LocalDate.now(SalesFixtures.SHANGHAI).minusDays(1).toString();
    }

    @Test
    void hostileStatementFilesAreAll4xxNamingTheProblemAndStoreNothing() {
        Random rnd = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < RANDOM_CSV; i++) {
            cases.add(numbered(i, csvCase(rnd, i)));
        }
        for (int i = 0; i < RANDOM_JSON; i++) {
            cases.add(numbered(RANDOM_CSV + i, jsonCase(rnd, i)));
        }
        cases.addAll(handPicked());
        assertThat(cases.size()).isGreaterThanOrEqualTo(200);
        log.info("bank statement fuzz: seed {}, {} CSV and {} JSON random and {} hand-picked payloads", SEED, RANDOM_CSV, RANDOM_JSON,
                cases.size() - RANDOM_CSV - RANDOM_JSON);

        List<String> problems = new FuzzRunner(RawHttp.to(port), rows(), log).run("POST /api/bank-statements", cases);

        assertThat(problems).as(problems.size() + " wrong answers:\n" + String.join("\n", problems)).isEmpty();
        assertThat(rows().get()).allSatisfy((table, count) -> assertThat(count).as(table).isZero());
    }

    /** The fuzz must not be vacuous: the unbroken statements are imported and pay the journey. */
    @Test
    void theUnbrokenStatementsAreImportedAndPay() {
        var csv = RawHttp.to(port).send("POST", "/api/bank-statements", finance("text/csv"), validCsv().getBytes(StandardCharsets.UTF_8));
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(201);
        var json = RawHttp.to(port).send("POST", "/api/bank-statements", finance("application/json"),
                validJson().toString().getBytes(StandardCharsets.UTF_8));
        assertThat(json.statusCode()).as(json.body()).isEqualTo(201);
        assertThat(data.count("bank_statement_import")).isEqualTo(2);
        assertThat(received()).isEqualByComparingTo("56500.00");
    }

    private Supplier<Map<String, Integer>> rows() {
        return () -> {
            Map<String, Integer> rows = new LinkedHashMap<>();
            for (String table : List.of("bank_statement_import", "bank_statement_line", "bank_receipt_ledger", "payment_receipt")) {
                rows.put(table, data.count(table));
            }
            rows.put("fen received", received().movePointRight(2).intValue());
            return rows;
        };
    }

    private BigDecimal received() {
        return jdbc.sql("SELECT amount_received FROM payment_journey WHERE id = ?").param(journey.id()).query(BigDecimal.class).single();
    }

    private static Case numbered(int i, Case c) {
        return new Case(c.kind(), "#" + i + " " + c.name(), c.path(), c.headers(), c.body(), c.statuses(), c.fields());
    }

    // --- valid statements --------------------------------------------------------------------------------------------

    /** A header and three lines: the first pays the journey in full. */
    private String validCsv() {
        return HEADER + "\n"
                + String.join(",", yesterday, "FZ-" + System.nanoTime(), "杭州云帆软件有限公司", "6222020200112233445", "\"56,500.00\"", "CNY",
                        "支付发票号" + journey.invoiceNo() + "货款") + "\n"
                + String.join(",", yesterday, "FZ-" + System.nanoTime(), "上海申通精密模具有限公司", "31001234567890123456", "1200.00", "人民币",
                        "首付款") + "\n"
                + String.join(",", yesterday, "FZ-" + System.nanoTime(), "\"北京, 测试\"", "", "88.00", "RMB", "\"引号\"\"内\"\"\"") + "\n";
    }

    private JsonText validJson() {
        JsonText statement = new JsonText();
        statement.add("statementId", JsonText.string("ICBC-FZ-" + System.nanoTime()));
        statement.add("account", JsonText.string("1202020409900012345"));
        String line1 = "{\"valueDate\":\"" + yesterday + "\",\"transactionId\":\"FZJ-" + System.nanoTime() + "\",\"payerName\":\"杭州云帆软件有限公司\","
                + "\"amount\":56500.00,\"currency\":\"CNY\",\"memo\":\"货款\",\"invoiceNo\":\"" + journey.invoiceNo() + "\"}";
        String line2 = "{\"valueDate\":\"" + yesterday + "\",\"transactionId\":\"FZJ-" + System.nanoTime() + "\",\"amount\":\"20000.00\","
                + "\"currency\":\"CNY\",\"memo\":\"首付款\"}";
        statement.add("lines", "[" + line1 + "," + line2 + "]");
        return statement;
    }

    private static Map<String, String> finance(String contentType) {
        return FuzzRunner.headers("Content-Type", contentType, "Authorization", RawHttp.basic("wufang", "wufang"), "Accept", "application/json");
    }

    private static Case raw(String name, String contentType, byte[] body, Set<Integer> statuses, Set<String> fields) {
        return new Case("", name, "/api/bank-statements", finance(contentType), body, statuses, fields);
    }

    private static <T> T pick(Random rnd, List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes with the insert placed at a random position between two ASCII bytes (so no character is split). */
    private static byte[] insertBetweenAscii(Random rnd, byte[] bytes, byte[] insert) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 1; i < bytes.length; i++) {
            if (bytes[i - 1] >= 0x20 && bytes[i] >= 0x20) {
                positions.add(i);
            }
        }
        int at = positions.get(rnd.nextInt(positions.size()));
        return JsonText.concat(Arrays.copyOf(bytes, at), insert, Arrays.copyOfRange(bytes, at, bytes.length));
    }

    // --- CSV cases ---------------------------------------------------------------------------------------------------

    static final List<String> CSV_KINDS = List.of("CSV header lacks a column", "CSV column twice", "CSV other separator",
            "CSV header only", "CSV quote never closed", "CSV control byte", "CSV neither UTF-8 nor GBK", "CSV declared UTF-8, is not",
            "CSV unsupported charset", "CSV binary file", "CSV that is JSON", "CSV empty", "CSV wrong content type", "CSV multipart");
    static final List<String> JSON_KINDS = List.of("JSON truncated", "JSON not an object", "JSON unknown top-level field",
            "JSON lines missing or no array", "JSON statementId/account wrong", "JSON nested too deep", "JSON non-standard number",
            "JSON duplicate key", "JSON control or invalid byte", "JSON trailing data", "JSON not strict", "JSON declared UTF-8, is not",
            "JSON multipart");

    private Case csvCase(Random rnd, int i) {
        int kind = i < CSV_KINDS.size() ? i : rnd.nextInt(CSV_KINDS.size());
        Case c = csvCaseOfKind(rnd, kind);
        return new Case(CSV_KINDS.get(kind), c.name(), c.path(), c.headers(), c.body(), c.statuses(), c.fields());
    }

    private Case jsonCase(Random rnd, int i) {
        int kind = i < JSON_KINDS.size() ? i : rnd.nextInt(JSON_KINDS.size());
        Case c = jsonCaseOfKind(rnd, kind);
        Set<String> fields = c.fields();
        if ("text/plain".equals(c.headers().get("Content-Type")) && !fields.isEmpty()) {
            // as text/plain the content decides: a body not starting with { or [ is read as CSV and its header refused
            fields = new java.util.HashSet<>(fields);
            fields.add("header");
        }
        return new Case(JSON_KINDS.get(kind), c.name(), c.path(), c.headers(), c.body(), c.statuses(), Set.copyOf(fields));
    }

    private Case csvCaseOfKind(Random rnd, int kind) {
        String csv = validCsv();
        List<String> lines = new ArrayList<>(List.of(csv.split("\n")));
        String type = pick(rnd, List.of("text/csv", "text/csv; charset=UTF-8", "application/csv", "text/plain"));
        switch (kind) {
            case 0 -> { // a required column missing from the header
                String column = pick(rnd, List.of("交易日期", "流水号", "金额", "币种", "摘要"));
                lines.set(0, HEADER.replace(column, pick(rnd, List.of("", "备注", column + "X", "金額", "amount_", "\u200b" + column + "?"))));
                return csv("header without " + column, type, String.join("\n", lines), Set.of("header"));
            }
            case 1 -> { // the same field twice
                String alias = pick(rnd, List.of("金额", "交易金额", "amount", "摘要", "memo", "流水号", "transactionId", "币种"));
                lines.set(0, HEADER + "," + alias);
                return csv("header with a second " + alias, type, String.join("\n", lines), Set.of("header"));
            }
            case 2 -> { // another separator
                String sep = pick(rnd, List.of(";", "\t", "|", "，", " "));
                lines.replaceAll(l -> l.replace(",", sep));
                return csv("separated by '" + sep + "'", type, String.join("\n", lines), Set.of("header"));
            }
            case 3 -> { // a header and no line
                String tail = pick(rnd, List.of("", "\n", "\n\n\n", "\n,,,,,,\n", "\r\n \r\n", "\n\t\n"));
                return csv("header only" + (tail.isBlank() ? "" : " and blank lines"), type, HEADER + tail, Set.of("file"));
            }
            case 4 -> { // a quote never closed
                String open = "\"" + pick(rnd, List.of("未闭合", "unterminated, value", "x\nmore lines\nand more", "")).replace("\"", "");
                int at = 1 + rnd.nextInt(lines.size() - 1);
                lines.set(at, lines.get(at).replace("\"", "") + "," + open);
                for (int l = at + 1; l < lines.size(); l++) {
                    lines.set(l, lines.get(l).replace("\"", ""));
                }
                return csv("a quote opened on line " + (at + 1) + " and never closed", type, String.join("\n", lines), Set.of("file"));
            }
            case 5 -> { // a control character anywhere
                int c = pick(rnd, List.of(0, 1, 2, 7, 8, 0x0B, 0x0C, 0x0E, 0x10, 0x1A, 0x1B, 0x1F, 0x7F));
                byte[] bytes = insertBetweenAscii(rnd, utf8(csv), new byte[] {(byte) c});
                return raw(String.format("U+%04X in the file", c), type, bytes, BAD_REQUEST, Set.of("file"));
            }
            case 6 -> { // bytes that are neither UTF-8 nor GBK
                byte[][] seqs = {{(byte) 0xFF}, {(byte) 0x80}, {(byte) 0xFF, (byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF, 'x'}};
                byte[] seq = seqs[rnd.nextInt(seqs.length)];
                return raw("bytes " + java.util.HexFormat.of().formatHex(seq), type, insertBetweenAscii(rnd, utf8(csv), seq), BAD_REQUEST,
                        Set.of("file"));
            }
            case 7 -> { // declared UTF-8, not UTF-8
                byte[][] seqs = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xC4, (byte) 0xE3}, {(byte) 0xB0, (byte) 0xA1}};
                byte[] seq = seqs[rnd.nextInt(seqs.length)];
                return raw("declared UTF-8 with bytes " + java.util.HexFormat.of().formatHex(seq), "text/csv; charset=UTF-8",
                        insertBetweenAscii(rnd, utf8(csv), seq), BAD_REQUEST, Set.of("file"));
            }
            case 8 -> { // a charset we do not read
                String charset = pick(rnd, List.of("ISO-8859-1", "UTF-16", "UTF-16LE", "UTF-32", "windows-1252", "Shift_JIS", "Big5",
                        "US-ASCII", "EUC-KR", "bogus", "utf-7"));
                return new Case("", "declared charset " + charset, "/api/bank-statements", finance("text/csv; charset=" + charset),
                        utf8(csv), Set.of(400, 415), Set.of("charset"));
            }
            case 9 -> { // a binary file
                byte[] magic = pick(rnd, List.of(JsonText.octets('P', 'K', 3, 4), JsonText.octets(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1),
                        utf8("%PDF-1.7\n"), JsonText.octets(0xFF, 0xFE), JsonText.octets(0xFE, 0xFF), JsonText.octets(0x89, 'P', 'N', 'G')));
                return raw("a binary file starting " + java.util.HexFormat.of().formatHex(magic), type, JsonText.concat(magic, utf8(csv)),
                        BAD_REQUEST, Set.of("file"));
            }
            case 10 -> { // JSON sent as CSV
                String body = pick(rnd, List.of(validJson().toString(), "[" + validJson() + "]", "{", "[]"));
                return raw("JSON sent as text/csv", "text/csv", utf8(body), BAD_REQUEST, Set.of("file"));
            }
            case 11 -> { // empty
                byte[] body = pick(rnd, List.of(new byte[0], utf8(" "), utf8("\n\n\r\n\t"), JsonText.octets(0xEF, 0xBB, 0xBF),
                        JsonText.octets(0xEF, 0xBB, 0xBF, ' ', '\n')));
                return raw("empty file of " + body.length + " bytes", type, body, BAD_REQUEST, Set.of("file"));
            }
            case 12 -> { // another content type
                String other = pick(rnd, List.of("application/xml", "application/octet-stream", "text/html", "image/png", "application/pdf",
                        "application/x-www-form-urlencoded", "application/vnd.ms-excel", "text/tab-separated-values", "*/*", "text",
                        "application/csv+zip", "application/json-seq"));
                return raw("Content-Type " + other, other, utf8(csv), Set.of(415), Set.of());
            }
            default -> { // the file as a multipart upload, broken one of the ways above
                Case inner = csvCaseOfKind(rnd, rnd.nextInt(12));
                if (inner.statuses().contains(415) || inner.name().startsWith("declared")) {
                    inner = csv("header only", type, HEADER + "\n", Set.of("file"));
                }
                String fileName = pick(rnd, List.of("statement.csv", "对账单.csv", "s.CSV", "../../etc/passwd.csv", "x.csv\u0000.json"));
                return new Case("", "multipart " + fileName + ": " + inner.name(), "/api/bank-statements",
                        finance("multipart/form-data; boundary=" + BOUNDARY), multipart("file", fileName, "text/csv", inner.body()),
                        inner.statuses(), withFile(inner.fields()));
            }
        }
    }

    /** In a multipart upload the part itself may be refused (file name, part shape): then the error names "file". */
    private static Set<String> withFile(Set<String> fields) {
        if (fields.isEmpty()) {
            return fields;
        }
        java.util.Set<String> all = new java.util.HashSet<>(fields);
        all.add("file");
        return Set.copyOf(all);
    }

    private static Case csv(String name, String type, String text, Set<String> fields) {
        return raw(name, type, utf8(text), BAD_REQUEST, fields);
    }

    // --- JSON cases --------------------------------------------------------------------------------------------------

    private Case jsonCaseOfKind(Random rnd, int kind) {
        JsonText statement = validJson();
        String type = pick(rnd, List.of("application/json", "application/json; charset=UTF-8", "text/plain"));
        switch (kind) {
            case 0 -> {
                byte[] full = statement.bytes(null);
                int at = 1 + rnd.nextInt(full.length - 2);
                return raw("cut after " + at + " of " + full.length + " bytes", type, Arrays.copyOf(full, at), BAD_REQUEST, Set.of("file"));
            }
            case 1 -> {
                String body = pick(rnd, List.of("[" + statement + "]", "[]", "\"statement\"", "42", "true", "null", "[{\"lines\":[]}]", "-0"));
                return raw("top level " + UnauthenticatedAccessTests.abbreviate(body), "application/json", utf8(body), BAD_REQUEST, Set.of("file"));
            }
            case 2 -> {
                String key = pick(rnd, List.of("__proto__", "$where", "@type", "Lines", "lines ", "line", "statementID", "x".repeat(3000),
                        "a\u0000b", "😀"));
                return json("unknown top-level field " + UnauthenticatedAccessTests.abbreviate(key), type,
                        statement.add(key, pick(rnd, List.of("1", "null", "{}", "[]", "\"x\""))), Set.of(key), rnd);
            }
            case 3 -> {
                String lines = pick(rnd, List.of("null", "{}", "\"lines\"", "1", "true", "[]", "{\"0\":{}}"));
                if (rnd.nextInt(5) == 0) {
                    statement.remove("lines");
                    lines = "(missing)";
                } else {
                    statement.put("lines", lines);
                }
                return json("lines = " + lines, type, statement, Set.of("lines"), rnd);
            }
            case 4 -> {
                String f = pick(rnd, List.of("statementId", "account"));
                String v = pick(rnd, List.of("1", "1e999", "-0", "[]", "{}", "true", "[\"a\"]", JsonText.string("9".repeat(101)),
                        JsonText.string("户".repeat(70_000)), JsonText.nested("[", "]", 50, "")));
                return json(f + " = " + UnauthenticatedAccessTests.abbreviate(v), type, statement.put(f, v), Set.of(f), rnd);
            }
            case 5 -> {
                int depth = pick(rnd, List.of(1001, 1500, 5000, 100_000));
                String where = pick(rnd, List.of("lines", "inside a line", "statementId"));
                String nested = rnd.nextBoolean() ? JsonText.nested("[", "]", depth, "") : JsonText.nested("{\"a\":", "}", depth, "1");
                switch (where) {
                    case "lines" -> statement.put("lines", "[" + nested + "]");
                    case "inside a line" -> statement.put("lines", "[{\"transactionId\":\"T1\",\"memo\":" + nested + "}]");
                    default -> statement.put("statementId", nested);
                }
                return json("nested " + depth + " deep in " + where, type, statement, Set.of("file", "statementId"), rnd);
            }
            case 6 -> {
                String token = pick(rnd, List.of("NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10", "1_000", "'x'", "undefined"));
                String text = statement.toString().replace("56500.00", token);
                return raw("amount " + token, type, utf8(text), BAD_REQUEST, Set.of("file"));
            }
            case 7 -> {
                String key = pick(rnd, List.of("lines", "statementId", "account"));
                String value = statement.get(key);
                String other = key.equals("lines") ? pick(rnd, List.of("[]", "5", value)) : pick(rnd, List.of("\"other\"", "1", value));
                if (rnd.nextBoolean()) {
                    statement.put(key, other).add(key, value);
                } else {
                    statement.add(key, other);
                }
                return json(key + " twice", type, statement, Set.of("file", key), rnd);
            }
            case 8 -> {
                byte[] bytes = statement.bytes(null);
                byte[][] seqs = {{0}, {1}, {0x1F}, {0x7F}, {(byte) 0xFF}, {(byte) 0x80}};
                byte[] seq = seqs[rnd.nextInt(seqs.length)];
                return raw("bytes " + java.util.HexFormat.of().formatHex(seq) + " in the file", type, insertBetweenAscii(rnd, bytes, seq),
                        BAD_REQUEST, Set.of("file"));
            }
            case 9 -> {
                String tail = pick(rnd, List.of(" x", "}", "]", ",", "{}", statement.toString(), "//", "/* c */", "null"));
                return raw("trailing " + UnauthenticatedAccessTests.abbreviate(tail), type, utf8(statement + tail), BAD_REQUEST, Set.of("file"));
            }
            case 10 -> {
                String text = statement.toString();
                String broken = switch (rnd.nextInt(3)) {
                    case 0 -> "/* comment */" + text;
                    case 1 -> text.replace('"', '\'');
                    default -> text.replace("\"lines\"", "lines");
                };
                return raw("not strict JSON", type, utf8(broken), BAD_REQUEST, Set.of("file"));
            }
            case 11 -> {
                byte[][] seqs = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80,
                        (byte) 0x80, (byte) 0x80}, {(byte) 0xC4, (byte) 0xE3}};
                byte[] seq = seqs[rnd.nextInt(seqs.length)];
                return raw("declared UTF-8 with bytes " + java.util.HexFormat.of().formatHex(seq), "application/json; charset=UTF-8",
                        insertBetweenAscii(rnd, statement.bytes(null), seq), BAD_REQUEST, Set.of("file"));
            }
            default -> {
                Case inner = jsonCaseOfKind(rnd, rnd.nextInt(11));
                String fileName = pick(rnd, List.of("statement.json", "对账单.json", "s.JSON", "..\\..\\x.json"));
                return new Case("", "multipart " + fileName + ": " + inner.name(), "/api/bank-statements",
                        finance("multipart/form-data; boundary=" + BOUNDARY), multipart("file", fileName, "application/json", inner.body()),
                        inner.statuses(), withFile(inner.fields()));
            }
        }
    }

    private static Case json(String name, String type, JsonText statement, Set<String> fields, Random rnd) {
        return raw(name, type, statement.bytes(rnd), BAD_REQUEST, fields);
    }

    // --- hand-picked -------------------------------------------------------------------------------------------------

    private List<Case> handPicked() {
        List<Case> cases = new ArrayList<>();
        StringBuilder tooManyLines = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i <= 10_000; i++) {
            tooManyLines.append(yesterday).append(",T").append(i).append(",,,1.00,CNY,x\n");
        }
        cases.add(raw("10,001 lines", "text/csv", utf8(tooManyLines.toString()), BAD_REQUEST, Set.of("file")));
        StringBuilder jsonLines = new StringBuilder("{\"lines\":[");
        for (int i = 0; i <= 10_000; i++) {
            jsonLines.append(i == 0 ? "" : ",").append("{}");
        }
        cases.add(raw("10,001 JSON lines", "application/json", utf8(jsonLines.append("]}").toString()), BAD_REQUEST, Set.of("file")));
        byte[] sixMegabytes = new byte[6 * 1024 * 1024];
        Arrays.fill(sixMegabytes, (byte) 'x');
        byte[] big = JsonText.concat(utf8(validCsv()), sixMegabytes);
        cases.add(raw("6 MB raw CSV", "text/csv", big, BAD_REQUEST, Set.of("file")));
        cases.add(new Case("", "6 MB multipart CSV", "/api/bank-statements", finance("multipart/form-data; boundary=" + BOUNDARY),
                multipart("file", "big.csv", "text/csv", big), Set.of(413), Set.of()));
        cases.add(new Case("", "multipart without the file part", "/api/bank-statements", finance("multipart/form-data; boundary=" + BOUNDARY),
                multipart("statement", "s.csv", "text/csv", utf8(validCsv())), BAD_REQUEST, Set.of("file")));
        cases.add(new Case("", "multipart with an empty file", "/api/bank-statements", finance("multipart/form-data; boundary=" + BOUNDARY),
                multipart("file", "s.csv", "text/csv", new byte[0]), BAD_REQUEST, Set.of("file")));
        cases.add(new Case("", "multipart .xlsx", "/api/bank-statements", finance("multipart/form-data; boundary=" + BOUNDARY),
                multipart("file", "s.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        JsonText.concat(JsonText.octets('P', 'K', 3, 4), new byte[200])), BAD_REQUEST, Set.of("file")));
        cases.add(new Case("", "multipart with a broken boundary", "/api/bank-statements", finance("multipart/form-data; boundary=" + BOUNDARY),
                utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.csv\"\r\n\r\n" + validCsv()),
                Set.of(400), Set.of()));
        cases.add(new Case("", "multipart without a boundary", "/api/bank-statements", finance("multipart/form-data"), utf8(validCsv()),
                Set.of(400, 415), Set.of()));
        cases.add(new Case("", "no credentials", "/api/bank-statements", FuzzRunner.headers("Content-Type", "text/csv"), utf8(validCsv()),
                Set.of(401), Set.of()));
        cases.add(new Case("", "an unknown user", "/api/bank-statements", FuzzRunner.headers("Content-Type", "text/csv", "Authorization",
                RawHttp.basic("nobody", "nobody")), utf8(validCsv()), Set.of(401), Set.of()));
        cases.add(new Case("", "a channel key instead of a user", "/api/bank-statements", FuzzRunner.headers("Content-Type", "text/csv",
                "X-Api-Key", "test-website-key-0001"), utf8(validCsv()), Set.of(401), Set.of()));
        cases.add(raw("no Content-Type", null, utf8(validCsv()), Set.of(415), Set.of()));
        cases.add(raw("CSV formula header", "text/csv", utf8("=HYPERLINK(\"http://x\"),@SUM(1),+1,-1\n" + yesterday + ",a,b,c\n"), BAD_REQUEST,
                Set.of("header")));
        cases.add(raw("UTF-16LE CSV with BOM", "text/csv", JsonText.concat(JsonText.octets(0xFF, 0xFE), validCsv().getBytes(StandardCharsets.UTF_16LE)),
                BAD_REQUEST, Set.of("file")));
        cases.add(raw("GB18030 four-byte junk", "text/csv; charset=GBK", JsonText.concat(utf8(HEADER + "\n"), JsonText.octets(0x81, 0x30, 0xFF)),
                BAD_REQUEST, Set.of("file")));
        cases.add(raw("a lone CR-separated file without a header", "text/csv", utf8("a\rb\rc"), BAD_REQUEST, Set.of("header")));
        cases.add(raw("JSON duplicate lines: empty first, paying second", "application/json",
                utf8("{\"lines\":[],\"lines\":" + validJson().get("lines") + "}"), BAD_REQUEST, Set.of("file", "lines")));
        cases.add(raw("JSON with a BOM and an array", "application/json", JsonText.concat(JsonText.octets(0xEF, 0xBB, 0xBF), utf8("[]")),
                BAD_REQUEST, Set.of("file")));
        cases.add(raw("JSON lines as a string of JSON", "application/json", utf8("{\"lines\":" + JsonText.string(validJson().get("lines")) + "}"),
                BAD_REQUEST, Set.of("lines")));
        return cases.stream().map(c -> new Case("hand-picked", c.name(), c.path(), c.headers(), c.body(), c.statuses(), c.fields())).toList();
    }

    private static byte[] multipart(String part, String fileName, String contentType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: " + contentType + "\r\n\r\n"));
        out.writeBytes(content);
        out.writeBytes(utf8("\r\n--" + BOUNDARY + "--\r\n"));
        return out.toByteArray();
    }
}
