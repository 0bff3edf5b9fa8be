package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.security.FuzzRunner.Case;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Fuzzes {@code POST /api/leads} with a seeded {@link Random}: valid bodies broken one way each — wrong types, missing,
 * blank and invisible values, huge strings, control characters, lone surrogates, unknown enum values, bad credit codes,
 * phones and numbers (1e999, -0, NaN), unknown and duplicate keys, deep nesting, truncation, structural garbage, trailing
 * data, invalid UTF-8, raw control bytes, non-objects, wrong content types, wrong channel keys — with harmless noise
 * (legal whitespace, key order, valid exotic Unicode in other fields), plus hand-picked hostile bodies. Every answer is
 * a 4xx naming what is wrong, nothing is ever stored, no 500.
 */
@AppTest
class LeadIntakeFuzzTests {
    private static final Logger log = LoggerFactory.getLogger(LeadIntakeFuzzTests.class);
    static final long SEED = 0x5EC_1A7E_2025L;
    static final int RANDOM_CASES = 260;
    static final String KEY = "test-website-key-0001";
    static final List<String> TEXT_FIELDS = List.of("externalId", "source", "companyName", "creditCode", "contactName", "contactPhone",
            "region", "productInterest");
    static final List<String> REQUIRED_TEXT = TEXT_FIELDS.subList(0, 7);
    static final Map<String, Integer> MAX = Map.of("externalId", 100, "source", 40, "companyName", 200, "creditCode", 40,
            "contactName", 50, "contactPhone", 30, "region", 10, "productInterest", 200);
    static final Set<Integer> BAD_REQUEST = Set.of(400);

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired RuntimeService runtimeService;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void hostileIntakePayloadsAreAll4xxNamingTheProblemAndStoreNothing() {
        List<Case> cases = new ArrayList<>(randomCases(new Random(SEED)));
        cases.addAll(handPicked());
        assertThat(cases.size()).isGreaterThanOrEqualTo(200);
        log.info("lead intake fuzz: seed {}, {} random and {} hand-picked payloads", SEED, RANDOM_CASES, cases.size() - RANDOM_CASES);

        List<String> problems = new FuzzRunner(RawHttp.to(port), rows(), log).run("POST /api/leads", cases);

        assertThat(problems).as(problems.size() + " wrong answers:\n" + String.join("\n", problems)).isEmpty();
        assertThat(rows().get()).allSatisfy((table, count) -> assertThat(count).as(table).isZero());
    }

    /** The fuzz must not be vacuous: the same machinery accepts and stores the unbroken bodies. */
    @Test
    void theUnbrokenBodiesAreAcceptedAndStored() {
        Random rnd = new Random(SEED);
        for (int i = 0; i < 3; i++) {
            var r = RawHttp.to(port).send("POST", "/api/leads", FuzzRunner.headers("Content-Type", "application/json", "X-Api-Key", KEY),
                    valid().shuffle(rnd).bytes(rnd));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        assertThat(data.count("sales_lead")).isEqualTo(3);
    }

    private Supplier<Map<String, Integer>> rows() {
        return () -> {
            Map<String, Integer> rows = new LinkedHashMap<>();
            for (String table : List.of("sales_lead", "customer", "rep_trip", "notification_delivery")) {
                rows.put(table, data.count(table));
            }
            rows.put("LeadRoutingProcess instances", (int) runtimeService.createProcessInstanceQuery()
                    .processDefinitionKey(LeadRoutingProcess.KEY).count());
            return rows;
        };
    }

    // --- generators --------------------------------------------------------------------------------------------------

    interface Generator {
        Case make(Random rnd);
    }

    private List<Case> randomCases(Random rnd) {
        Map<String, Generator> generators = new LinkedHashMap<>();
        generators.put("wrong type", this::wrongType);
        generators.put("missing, null or blank", this::missingNullBlank);
        generators.put("invisible-only text", this::invisibleOnly);
        generators.put("huge string", this::hugeString);
        generators.put("control character", this::controlCharacter);
        generators.put("lone surrogate", this::loneSurrogate);
        generators.put("unknown enum value", this::badEnum);
        generators.put("bad credit code", this::badCreditCode);
        generators.put("bad phone", this::badPhone);
        generators.put("bad number", this::badNumber);
        generators.put("unknown field", this::unknownField);
        generators.put("duplicate key", this::duplicateKey);
        generators.put("truncated", this::truncated);
        generators.put("structural garbage", this::structuralGarbage);
        generators.put("trailing data", this::trailingData);
        generators.put("deep nesting", this::deepNesting);
        generators.put("not an object", this::notAnObject);
        generators.put("invalid UTF-8", this::invalidUtf8);
        generators.put("raw control byte", this::rawControlByte);
        generators.put("wrong content type", this::wrongContentType);
        generators.put("bad channel key", this::badKey);
        List<String> kinds = new ArrayList<>(generators.keySet());
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            String kind = kinds.get(i < kinds.size() ? i : rnd.nextInt(kinds.size())); // every kind at least once
            Case c = generators.get(kind).make(rnd);
            cases.add(new Case(kind, "#" + i + " " + c.name(), c.path(), c.headers(), c.body(), c.statuses(), c.fields()));
        }
        return cases;
    }

    private static JsonText valid() {
        return JsonText.of(TestData.leadBody("WEBSITE_FORM", "EAST", "250000"));
    }

    /** Harmless noise: valid exotic Unicode in a field other than the broken one, and random key order. */
    private static JsonText noisy(Random rnd, String brokenField) {
        JsonText body = valid();
        if (rnd.nextBoolean()) {
            String[] names = {"张三😀", "e\u0301lise", "\u202e张三", "👨\u200d👩\u200d👧", "𠀀𠀁", "Zoë Ωmega", "张\u2028三", "李\u00a0四"};
            String target = rnd.nextBoolean() ? "contactName" : "productInterest";
            if (!target.equals(brokenField)) {
                body.put(target, JsonText.string(names[rnd.nextInt(names.length)]));
            }
        }
        if (rnd.nextInt(3) == 0) {
            body.shuffle(rnd);
        }
        return body;
    }

    private static Case json(String name, byte[] body, Set<Integer> statuses, Set<String> fields) {
        return new Case("", name, "/api/leads", FuzzRunner.headers("Content-Type", "application/json", "X-Api-Key", KEY,
                "Accept", "application/json"), body, statuses, fields);
    }

    private static Case field(Random rnd, String name, JsonText body, String field) {
        return json(name, body.bytes(rnd), BAD_REQUEST, Set.of(field));
    }

    private static <T> T pick(Random rnd, List<T> values) {
        return values.get(rnd.nextInt(values.size()));
    }

    private static String middleInsert(Random rnd, String value, String insert) {
        int at = value.length() < 2 ? 0 : 1 + rnd.nextInt(value.length() - 1);
        return value.substring(0, at) + insert + value.substring(at);
    }

    private static String unquoted(String raw) {
        return raw.startsWith("\"") ? raw.substring(1, raw.length() - 1) : raw;
    }

    private Case wrongType(Random rnd) {
        String f = pick(rnd, List.of("externalId", "source", "companyName", "creditCode", "contactName", "contactPhone", "region",
                "productInterest", "budgetCny"));
        List<String> values = f.equals("budgetCny")
                ? List.of("\"250000\"", "\"NaN\"", "\"Infinity\"", "\"-0\"", "\"1e999\"", "\"0x10\"", "true", "false", "[]", "[250000]",
                        "{\"amount\":250000}", "\"\"")
                : List.of("42", "-1", "0", "3.14", "1e5", "true", "false", "[]", "[\"a\"]", "[1,2]", "{}", "{\"a\":1}", "[[[]]]",
                        "{\"$ne\":null}");
        String v = pick(rnd, values);
        return field(rnd, f + " = " + v, noisy(rnd, f).put(f, v), f);
    }

    private Case missingNullBlank(Random rnd) {
        String f = pick(rnd, List.of("externalId", "source", "companyName", "creditCode", "contactName", "contactPhone", "region",
                "budgetCny"));
        JsonText body = noisy(rnd, f);
        int op = rnd.nextInt(f.equals("budgetCny") ? 2 : 3);
        String blank = pick(rnd, List.of("", " ", "   ", "\t", "\n\n", "\u3000", "\u2003", "\r\n", " \u3000\t "));
        switch (op) {
            case 0 -> body.remove(f);
            case 1 -> body.put(f, "null");
            default -> body.put(f, JsonText.string(blank));
        }
        return field(rnd, f + (op == 0 ? " missing" : op == 1 ? " null" : " blank"), body, f);
    }

    private Case invisibleOnly(Random rnd) {
        String f = pick(rnd, REQUIRED_TEXT);
        String v = pick(rnd, List.of("\u200b", "\u00a0", "\ufeff", "\u2060", "\u200b\u00a0\u200b", "\u00ad", "\u200e\u200f",
                "\u2063\u2064", "\u00a0\u3000\u00a0"));
        return field(rnd, f + " of invisible characters only", noisy(rnd, f).put(f, JsonText.string(v)), f);
    }

    private Case hugeString(Random rnd) {
        String f = pick(rnd, TEXT_FIELDS);
        int max = MAX.get(f);
        String unit = pick(rnd, List.of("甲", "x", "😀", "𠀀", "Ab9"));
        int extra = pick(rnd, List.of(1, 7, 100, 5_000, 300_000));
        int repeat = (max + extra) / unit.length() + 1;
        return field(rnd, f + " of " + repeat + " × '" + unit + "'", noisy(rnd, f).put(f, JsonText.string(unit.repeat(repeat))), f);
    }

    private Case controlCharacter(Random rnd) {
        String f = pick(rnd, TEXT_FIELDS);
        List<Integer> controls = new ArrayList<>();
        for (int c = 0; c < 0x20; c++) {
            if (c != '\t' && c != '\n') {
                controls.add(c);
            }
        }
        for (int c = 0x7f; c <= 0x9f; c++) {
            controls.add(c);
        }
        int c = pick(rnd, controls);
        JsonText body = noisy(rnd, f);
        String value = f.equals("productInterest") ? "智能网关" : unquoted(body.get(f));
        return field(rnd, f + String.format(" with U+%04X", c), body.put(f, JsonText.string(middleInsert(rnd, value, String.valueOf((char) c)))), f);
    }

    private Case loneSurrogate(Random rnd) {
        String f = pick(rnd, TEXT_FIELDS);
        String s = pick(rnd, List.of("\ud800", "\udbff", "\udc00", "\udfff", "\udc00\ud800", "\ud83d"));
        JsonText body = noisy(rnd, f);
        String value = f.equals("productInterest") ? "智能网关" : unquoted(body.get(f));
        String broken = rnd.nextBoolean() ? middleInsert(rnd, value, s) : value + s;
        return field(rnd, f + " with a lone surrogate", body.put(f, JsonText.string(broken)), f);
    }

    private Case badEnum(Random rnd) {
        boolean source = rnd.nextBoolean();
        String v = source
                ? pick(rnd, List.of("website_form", "EMAIL", "WEBSITE FORM", "ＷＥＢＳＩＴＥ＿ＦＯＲＭ", "WEBSITE_FORM\u200b", "WEBSIT\u0415_FORM",
                        "PHONE_CALL", "TRADE_SHOW_QR", "*", "WEBSITE_FORM' OR '1'='1", "${source}"))
                : pick(rnd, List.of("east", "WEST", "CENTRAL", "ＥＡＳＴ", "EAST\u0301", "華東", "EAS", "NORTH;SOUTH", "%"));
        String f = source ? "source" : "region";
        return field(rnd, f + " = " + v, noisy(rnd, f).put(f, JsonText.string(v)), f);
    }

    private Case badCreditCode(Random rnd) {
        String code = TestData.creditCode();
        char check = code.charAt(17);
        String v = switch (rnd.nextInt(7)) {
            case 0 -> code.substring(0, 17) + (check == '0' ? '1' : '0');
            case 1 -> code.substring(0, 17);
            case 2 -> code + "1";
            case 3 -> code.substring(0, 10) + pick(rnd, List.of("I", "O", "S", "V", "Z")) + code.substring(11);
            case 4 -> code.replace('1', '１').replace('0', '０');
            case 5 -> code.substring(0, 17).toLowerCase() + (check == 'A' ? 'B' : 'A');
            default -> code.substring(0, 9) + "-" + code.substring(9);
        };
        return field(rnd, "creditCode = " + v, noisy(rnd, "creditCode").put("creditCode", JsonText.string(v)), "creditCode");
    }

    private Case badPhone(Random rnd) {
        String v = pick(rnd, List.of("12345", "139123456789", "1391234567", "+1 415 555 0100", "１３９１２３４５６７８", "139-abc-5678",
                "0000000000000", "110", "021-1234", "13912345678;rm -rf /", "12812345678", "+86 139 1234 567"));
        return field(rnd, "contactPhone = " + v, noisy(rnd, "contactPhone").put("contactPhone", JsonText.string(v)), "contactPhone");
    }

    private Case badNumber(Random rnd) {
        boolean syntax = rnd.nextInt(3) == 0;
        String v = syntax
                ? pick(rnd, List.of("NaN", "Infinity", "-Infinity", "+1", "01", ".5", "1.", "0x10", "1_000", "1e", "--1", "1e+", "١٢٣"))
                : pick(rnd, List.of("0", "-0", "-0.0", "0.00", "-1", "-250000", "0.001", "1.005", "1e-999", "1e999", "-1e999", "1E400",
                        "1000000000000", "999999999999.999", "99999999999999999999999999999", "1e12", "123.456", "-1e-3"));
        return json("budgetCny = " + v, noisy(rnd, "budgetCny").put("budgetCny", v).bytes(rnd), BAD_REQUEST,
                syntax ? Set.of("body") : Set.of("budgetCny"));
    }

    private Case unknownField(Random rnd) {
        String key = pick(rnd, List.of("discount", "__proto__", "constructor", "class", "@type", "@class", "$where", "budgetCny ",
                "BudgetCny", "budget_cny", "assignee", "status", "a\u0000b", "😀", "x".repeat(5000), "processInstanceId", "leadId"));
        String value = pick(rnd, List.of("\"30%\"", "{\"admin\":true}", "\"java.lang.Runtime\"", "null", "1", "[\"zhangwei\"]"));
        return field(rnd, "unknown field " + UnauthenticatedAccessTests.abbreviate(key), noisy(rnd, "").add(key, value), key);
    }

    private Case duplicateKey(Random rnd) {
        String f = pick(rnd, List.of("externalId", "source", "companyName", "creditCode", "contactName", "contactPhone", "region",
                "budgetCny"));
        JsonText body = noisy(rnd, f);
        String validValue = body.get(f);
        String invalid = f.equals("budgetCny") ? "-1" : "null";
        String[] order = switch (rnd.nextInt(3)) {
            case 0 -> new String[] {validValue, validValue};
            case 1 -> new String[] {invalid, validValue};
            default -> new String[] {validValue, invalid};
        };
        body.put(f, order[0]).add(f, order[1]);
        return json(f + " twice: " + order[0] + ", " + order[1], body.bytes(rnd), BAD_REQUEST, Set.of(f, "body"));
    }

    private Case truncated(Random rnd) {
        byte[] full = noisy(rnd, "").bytes(null);
        int at = rnd.nextInt(full.length - 1);
        return json("cut after " + at + " of " + full.length + " bytes", java.util.Arrays.copyOf(full, at), BAD_REQUEST, Set.of("body"));
    }

    private Case structuralGarbage(Random rnd) {
        // a budget no rule accepts, and one structural character added, removed or replaced somewhere: whatever the
        // parser makes of it, the body is refused
        String text = noisy(rnd, "budgetCny").put("budgetCny", "-1").text(null);
        StringBuilder b = new StringBuilder(text);
        int at = rnd.nextInt(b.length());
        char c = pick(rnd, List.of('{', '}', '[', ']', ',', ':', '"', '\\', '\'', '/'));
        String op;
        switch (rnd.nextInt(3)) {
            case 0 -> {
                b.insert(at, c);
                op = "inserted " + c;
            }
            case 1 -> {
                b.deleteCharAt(at);
                op = "deleted a character";
            }
            default -> {
                b.setCharAt(at, c);
                op = "replaced a character with " + c;
            }
        }
        return json(op + " at " + at, b.toString().getBytes(StandardCharsets.UTF_8), BAD_REQUEST, Set.of());
    }

    private Case trailingData(Random rnd) {
        JsonText body = noisy(rnd, "");
        String tail = pick(rnd, List.of(" x", "}", "]", ",", "{}", body.toString(), "//", "/* c */", "null", "\"x\"", "1"));
        return json("trailing " + UnauthenticatedAccessTests.abbreviate(tail), (body.text(rnd) + tail).getBytes(StandardCharsets.UTF_8),
                BAD_REQUEST, Set.of("body"));
    }

    private Case deepNesting(Random rnd) {
        String f = pick(rnd, List.of("companyName", "budgetCny", "productInterest", "region", "nested"));
        int depth = pick(rnd, List.of(2, 50, 999, 1001, 5000, 50_000));
        boolean arrays = rnd.nextBoolean();
        String value = arrays ? JsonText.nested("[", "]", depth, "1") : JsonText.nested("{\"a\":", "}", depth, "1");
        JsonText body = noisy(rnd, f).put(f, value);
        return json(f + " nested " + depth + (arrays ? " arrays" : " objects") + " deep", body.bytes(rnd), BAD_REQUEST, Set.of(f, "body"));
    }

    private Case notAnObject(Random rnd) {
        String valid = valid().toString();
        String body = pick(rnd, List.of("[" + valid + "]", "[]", "\"lead\"", "42", "true", "null", "[[[]]]", "\"" + valid.replace("\"", "\\\"")
                + "\"", "{}", "[null]", "-0", "1e999"));
        return json("body " + UnauthenticatedAccessTests.abbreviate(body), body.getBytes(StandardCharsets.UTF_8), BAD_REQUEST, Set.of());
    }

    private Case invalidUtf8(Random rnd) {
        byte[][] sequences = {{(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xC1, (byte) 0xBF},
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xED, (byte) 0xBF, (byte) 0xBF},
                {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                {(byte) 0xC3, 'x'}, {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
        byte[] sequence = sequences[rnd.nextInt(sequences.length)];
        String f = pick(rnd, List.of("companyName", "contactName", "externalId", "productInterest"));
        JsonText body = noisy(rnd, f).put(f, JsonText.string("__BYTES__"));
        String text = body.text(rnd);
        int at = text.indexOf("__BYTES__");
        byte[] bytes = JsonText.concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8), "上海".getBytes(StandardCharsets.UTF_8), sequence,
                "公司".getBytes(StandardCharsets.UTF_8), text.substring(at + "__BYTES__".length()).getBytes(StandardCharsets.UTF_8));
        return json(f + " with bytes " + java.util.HexFormat.ofDelimiter(" ").formatHex(sequence), bytes, BAD_REQUEST, Set.of("body", f));
    }

    private Case rawControlByte(Random rnd) {
        int c = rnd.nextInt(0x20);
        String f = pick(rnd, List.of("companyName", "contactName", "externalId", "creditCode"));
        JsonText body = noisy(rnd, f);
        String raw = body.get(f);
        body.put(f, raw.substring(0, 2) + (char) c + raw.substring(2));
        return json(f + String.format(" with an unescaped U+%04X", c), body.bytes(null), BAD_REQUEST, Set.of("body", f));
    }

    private Case wrongContentType(Random rnd) {
        String type = pick(rnd, List.of("text/plain", "text/html", "application/xml", "text/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/octet-stream", "application/json-patch+json", "application/problem+json",
                "application/javascript", "text/csv", "image/png", "*/*", "application", "application/json; charset=bogus",
                "application/x-json", "text/json"));
        return new Case("", "Content-Type " + type, "/api/leads", FuzzRunner.headers("Content-Type", type, "X-Api-Key", KEY),
                noisy(rnd, "").bytes(rnd), Set.of(415), Set.of());
    }

    private Case badKey(Random rnd) {
        String key = pick(rnd, List.of("", "wrong", "demo-website-key", KEY.toUpperCase(), KEY.substring(1), KEY + "0", KEY + "," + KEY,
                "test-tradeshow-key-000", "Bearer " + KEY, "${" + KEY + "}", "test_website_key_0001", "*"));
        Map<String, String> h = FuzzRunner.headers("Content-Type", "application/json");
        if (rnd.nextInt(4) != 0) {
            h.put("X-Api-Key", key);
        } else {
            key = "(none)";
        }
        return new Case("", "X-Api-Key " + key, "/api/leads", h, noisy(rnd, "").bytes(rnd), Set.of(401), Set.of());
    }

    // --- hand-picked -------------------------------------------------------------------------------------------------

    private List<Case> handPicked() {
        List<Case> cases = new ArrayList<>();
        JsonText sixMb = valid().put("companyName", JsonText.string("公".repeat(2_100_000)));
        cases.add(json("a 6 MB company name", sixMb.bytes(null), Set.of(400, 413), Set.of("companyName")));
        cases.add(json("2 MB of whitespace, then {}", (" ".repeat(2_000_000) + "{}").getBytes(StandardCharsets.UTF_8), BAD_REQUEST, Set.of()));
        cases.add(json("empty object", "{}".getBytes(StandardCharsets.UTF_8), BAD_REQUEST, Set.of("companyName", "source")));
        cases.add(json("empty body", new byte[0], BAD_REQUEST, Set.of("body")));
        JsonText allNull = valid();
        allNull.entries.replaceAll(e -> new JsonText.Entry(e.key(), "null"));
        cases.add(json("every field null", allNull.bytes(null), BAD_REQUEST, Set.of("companyName")));
        JsonText allArrays = valid();
        allArrays.entries.replaceAll(e -> new JsonText.Entry(e.key(), "[" + e.raw() + "]"));
        cases.add(json("every field wrapped in an array", allArrays.bytes(null), BAD_REQUEST, Set.of("companyName")));
        cases.add(json("prototype pollution", valid().add("__proto__", "{\"isAdmin\":true}").bytes(null), BAD_REQUEST, Set.of("__proto__")));
        cases.add(json("a Jackson type id", valid().add("@class", "\"java.lang.ProcessBuilder\"").bytes(null), BAD_REQUEST, Set.of("@class")));
        cases.add(json("budgetCny spelled with escapes and negative",
                valid().remove("budgetCny").toString().replace("}", ",\"\\u0062udgetCny\":-1}").getBytes(StandardCharsets.UTF_8),
                BAD_REQUEST, Set.of("budgetCny")));
        cases.add(json("a NUL in a key", valid().add("a\u0000b", "1").bytes(null), BAD_REQUEST, Set.of("a\u0000b")));
        cases.add(json("source with SQL", valid().put("source", JsonText.string("WEBSITE_FORM' OR '1'='1")).bytes(null), BAD_REQUEST,
                Set.of("source")));
        cases.add(json("a 2000-digit budget", valid().put("budgetCny", "9".repeat(2000)).bytes(null), BAD_REQUEST, Set.of("budgetCny", "body")));
        cases.add(json("an exponent of a billion", valid().put("budgetCny", "1e1000000000").bytes(null), BAD_REQUEST, Set.of("budgetCny", "body")));
        cases.add(json("100,000 nested arrays in an unknown field", valid().add("x", JsonText.nested("[", "]", 100_000, "")).bytes(null),
                BAD_REQUEST, Set.of("x", "body")));
        cases.add(json("UTF-8 BOM and a broken phone", JsonText.concat(JsonText.octets(0xEF, 0xBB, 0xBF),
                valid().put("contactPhone", "\"1\"").bytes(null)), BAD_REQUEST, Set.of("contactPhone")));
        byte[] utf16 = valid().put("budgetCny", "-5").toString().getBytes(StandardCharsets.UTF_16LE);
        cases.add(json("UTF-16LE without BOM, negative budget", utf16, BAD_REQUEST, Set.of()));
        cases.add(json("UTF-32 noise", JsonText.octets(0, 0, 0, '{', 0, 0, 0, '}'), BAD_REQUEST, Set.of()));
        cases.add(json("a lone surrogate escape in every text field", lonely(), BAD_REQUEST, Set.of("companyName")));
        cases.add(json("JSON with comments", ("/* lead */" + valid()).getBytes(StandardCharsets.UTF_8), BAD_REQUEST, Set.of("body")));
        cases.add(json("single-quoted JSON", valid().toString().replace('"', '\'').getBytes(StandardCharsets.UTF_8), BAD_REQUEST, Set.of("body")));
        cases.add(json("two leads back to back", (valid().toString() + valid()).getBytes(StandardCharsets.UTF_8), BAD_REQUEST, Set.of("body")));
        cases.add(json("an overlong '/' (C0 AF) in the company name", overlong(), BAD_REQUEST, Set.of("body")));
        cases.add(new Case("", "the channel key in a query parameter", "/api/leads?X-Api-Key=" + KEY,
                FuzzRunner.headers("Content-Type", "application/json"), valid().bytes(null), Set.of(401), Set.of()));
        cases.add(new Case("", "the channel key as a cookie", "/api/leads",
                FuzzRunner.headers("Content-Type", "application/json", "Cookie", "X-Api-Key=" + KEY), valid().bytes(null), Set.of(401), Set.of()));
        cases.add(new Case("", "no Content-Type", "/api/leads", FuzzRunner.headers("X-Api-Key", KEY), valid().bytes(null), Set.of(415), Set.of()));
        return cases.stream().map(c -> new Case("hand-picked", c.name(), c.path(), c.headers(), c.body(), c.statuses(), c.fields())).toList();
    }

    private static byte[] lonely() {
        JsonText body = valid();
        for (String f : TEXT_FIELDS) {
            if (body.get(f) != null) {
                body.put(f, JsonText.string(unquoted(body.get(f)) + "\ud800"));
            }
        }
        return body.bytes(null);
    }

    private static byte[] overlong() {
        String text = valid().put("companyName", "\"上海__公司\"").toString();
        int at = text.indexOf("__");
        return JsonText.concat(text.substring(0, at).getBytes(StandardCharsets.UTF_8), JsonText.octets(0xC0, 0xAF),
                text.substring(at + 2).getBytes(StandardCharsets.UTF_8));
    }
}
