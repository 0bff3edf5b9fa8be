package org.leadtocash.payment.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;

/**
 * File-level reading of statements without the application: encodings, CSV and JSON shapes, and every way a file is
 * refused as a whole (each naming the field and rule).
 */
class StatementFileTests {
    static final String HEADER = "交易日期,流水号,付款人名称,付款人账号,金额,币种,摘要\n";

    // --- the documented examples ---

    @Test
    void readsTheDocumentedCsvExampleWithAllItsVariants() throws IOException {
        ParsedStatement s = parse(resource("example-statement.csv"), null, null);

        assertThat(s.format()).isEqualTo(StatementFormat.CSV);
        assertThat(s.charset()).isEqualTo("UTF-8");
        assertThat(s.lines()).extracting(RawStatementLine::lineNo, RawStatementLine::transactionId, RawStatementLine::amount,
                        RawStatementLine::currency)
                .containsExactly(
                        tuple(2, "HX202503180001", "56,500.00", "CNY"),
                        tuple(3, "HX202503180002", "20000.00", "人民币"),
                        tuple(4, "HX202503190003", "1500", "RMB"),
                        tuple(5, "HX202503190004", "￥3,000.00", "CNY"));
        assertThat(s.lines().get(1).payerAccount()).as("Excel text cell unwrapped").isEqualTo("31001234567890123456");
        assertThat(s.lines().get(1).memo()).as("quoted comma kept").isEqualTo("INV-2025-0002 首付款, 余款月底付");
        assertThat(s.lines()).allSatisfy(l -> assertThat(l.structuralErrors()).isEmpty());
    }

    @Test
    void readsTheDocumentedJsonExampleWithAmountsExact() throws IOException {
        ParsedStatement s = parse(resource("example-statement.json"), StatementFormat.JSON, null);

        assertThat(s.format()).isEqualTo(StatementFormat.JSON);
        assertThat(s.statementId()).isEqualTo("ICBC-1202020409900012345-20250319");
        assertThat(s.account()).isEqualTo("1202020409900012345");
        assertThat(s.lines()).extracting(RawStatementLine::lineNo, RawStatementLine::amount, RawStatementLine::invoiceNo)
                .containsExactly(tuple(1, "56500.00", null), tuple(2, "20000.00", "INV-2025-0002"));
    }

    // --- encodings ---

    @Test
    void acceptsUtf8WithByteOrderMark() {
        byte[] body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8(HEADER + "2025-03-18,T1,甲公司,1,100.00,CNY,发票FP001\n"));

        ParsedStatement s = parse(body, null, null);

        assertThat(s.charset()).isEqualTo("UTF-8");
        assertThat(s.lines()).singleElement().satisfies(l -> {
            assertThat(l.valueDate()).isEqualTo("2025-03-18");
            assertThat(l.payerName()).isEqualTo("甲公司");
        });
    }

    @Test
    void detectsGbkAsExcelOnChineseWindowsSavesIt() {
        byte[] body = (HEADER + "2025-03-18,T1,杭州云帆软件有限公司,1,100.00,人民币,支付发票号FP001货款\n").getBytes(Charset.forName("GBK"));

        ParsedStatement s = parse(body, null, null);

        assertThat(s.charset()).isEqualTo("GBK");
        assertThat(s.lines().get(0).payerName()).isEqualTo("杭州云帆软件有限公司");
        assertThat(s.lines().get(0).memo()).isEqualTo("支付发票号FP001货款");
    }

    @Test
    void usesADeclaredCharsetAndRefusesAnUnsupportedOne() {
        byte[] gbk = (HEADER + "2025-03-18,T1,甲公司,1,100.00,CNY,x\n").getBytes(Charset.forName("GBK"));
        assertThat(parse(gbk, StatementFormat.CSV, "gbk").charset()).isEqualTo("GBK");

        assertRefused(() -> parse(gbk, StatementFormat.CSV, "ISO-8859-1"), "charset", "supported-charset");
        assertRefused(() -> parse(gbk, StatementFormat.CSV, "no-such-charset"), "charset", "supported-charset");
        assertRefused(() -> parse(gbk, StatementFormat.CSV, "UTF-8"), "file", "encoding");
    }

    // --- CSV shape ---

    @Test
    void findsColumnsByNameInAnyOrderAlsoInEnglishAndIgnoresOtherColumns() {
        String csv = "amount,memo,余额,transactionId,currency,valueDate,invoiceNo\n"
                + "100.00,货款,99999.00,T1,CNY,2025-03-18,INV-7\n";

        RawStatementLine l = parse(utf8(csv), StatementFormat.CSV, null).lines().get(0);

        assertThat(l.amount()).isEqualTo("100.00");
        assertThat(l.memo()).isEqualTo("货款");
        assertThat(l.transactionId()).isEqualTo("T1");
        assertThat(l.valueDate()).isEqualTo("2025-03-18");
        assertThat(l.invoiceNo()).isEqualTo("INV-7");
        assertThat(l.payerName()).isNull();
    }

    @Test
    void skipsBlankLinesAndReportsLinesByTheirFileLineIncludingMultiLineQuotedMemos() {
        String csv = "\r\n" + HEADER.replace("\n", "\r\n")
                + "2025-03-18,T1,甲,1,1.00,CNY,\"第一行\r\n第二行\"\r\n"
                + ",,,,,,\r\n"
                + "\r\n"
                + "2025-03-18,T2,乙,2,2.00,CNY,\"他说\"\"付款\"\"\"\r\n";

        ParsedStatement s = parse(utf8(csv), StatementFormat.CSV, null);

        assertThat(s.lines()).extracting(RawStatementLine::lineNo, RawStatementLine::transactionId, RawStatementLine::memo)
                .containsExactly(tuple(3, "T1", "第一行\r\n第二行"), tuple(7, "T2", "他说\"付款\""));
    }

    @Test
    void aLineWithTheWrongNumberOfValuesIsMarkedNotRefusingTheFile() {
        String csv = HEADER
                + "2025-03-18,T1,甲,1,1.00,CNY,ok\n"
                + "2025-03-18,T2,乙,2,1,000.00,CNY,unquoted comma\n"
                + "2025-03-18,T3,丙\n";

        List<RawStatementLine> lines = parse(utf8(csv), StatementFormat.CSV, null).lines();

        assertThat(lines.get(0).structuralErrors()).isEmpty();
        assertThat(lines.get(1).structuralErrors()).extracting(FieldError::field, FieldError::rule).containsExactly(tuple("line", "column-count"));
        assertThat(lines.get(2).structuralErrors()).extracting(FieldError::field, FieldError::rule).containsExactly(tuple("line", "column-count"));
    }

    @Test
    void refusesAHeaderThatLacksRequiredColumnsAndNamesThem() {
        InvalidInputException e = assertRefused(() -> parse(utf8("日期,编号,金额\n2025-03-18,T1,100\n"), StatementFormat.CSV, null),
                "header", "required-columns");
        assertThat(e.errors().get(0).message()).contains("交易日期 (valueDate)", "流水号 (transactionId)", "币种 (currency)", "摘要 (memo)")
                .doesNotContain("金额 (amount)");
    }

    @Test
    void saysSoWhenTheColumnsAreSeparatedBySemicolonsOrTabs() {
        InvalidInputException semicolons = assertRefused(
                () -> parse(utf8(HEADER.replace(',', ';') + "2025-03-18;T1;甲;1;100.00;CNY;货款\n"), StatementFormat.CSV, null),
                "header", "required-columns");
        InvalidInputException tabs = assertRefused(
                () -> parse(utf8(HEADER.replace(',', '\t') + "2025-03-18\tT1\t甲\t1\t100.00\tCNY\t货款\n"), StatementFormat.CSV, null),
                "header", "required-columns");

        assertThat(semicolons.errors().get(0).message()).contains("separated by commas", "semicolons");
        assertThat(tabs.errors().get(0).message()).contains("separated by commas", "tabs");
    }

    @Test
    void refusesAFileWhoseFirstLineIsDataInsteadOfTheHeader() {
        assertRefused(() -> parse(utf8("2025-03-18,T1,甲,1,100.00,CNY,货款\n"), StatementFormat.CSV, null), "header", "required-columns");
    }

    @Test
    void refusesTwoColumnsMeaningTheSameField() {
        assertRefused(() -> parse(utf8("交易日期,流水号,金额,币种,摘要,附言\n2025-03-18,T1,1,CNY,a,b\n"), StatementFormat.CSV, null),
                "header", "unique-column");
    }

    @Test
    void refusesAnUnclosedQuoteNamingItsLine() {
        InvalidInputException e = assertRefused(
                () -> parse(utf8(HEADER + "2025-03-18,T1,甲,1,1.00,CNY,ok\n2025-03-18,T2,\"乙,2,1.00,CNY,x\n"), StatementFormat.CSV, null),
                "file", "csv-quotes");
        assertThat(e.errors().get(0).message()).contains("line 3");
    }

    @Test
    void refusesAHeaderWithoutLines() {
        assertRefused(() -> parse(utf8(HEADER + "\n\n"), StatementFormat.CSV, null), "file", "has-lines");
    }

    @Test
    void refusesJsonSentAsCsv() {
        assertRefused(() -> parse(utf8("{\"lines\":[]}"), StatementFormat.CSV, null), "file", "format");
    }

    // --- refused files ---

    @Test
    void refusesAnEmptyFileAndOneOfOnlyWhitespace() {
        assertRefused(() -> parse(new byte[0], null, null), "file", "not-empty");
        assertRefused(() -> parse(utf8(" \r\n\t\n"), StatementFormat.CSV, null), "file", "not-empty");
        assertRefused(() -> parse(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StatementFormat.JSON, null), "file", "not-empty");
    }

    @Test
    void refusesBinaryGarbage() {
        byte[] garbage = new byte[4096];
        new java.util.Random(42).nextBytes(garbage);
        garbage[0] = 'x'; // not a known signature: the content itself gives it away

        assertRefused(() -> parse(garbage, StatementFormat.CSV, null), "file", null);
    }

    @Test
    void refusesATextFileWithANulByteOrControlCharacters() {
        byte[] withNul = utf8(HEADER + "2025-03-18,T1,甲,1,1.00,CNY,x\u0000\n");
        assertRefused(() -> parse(withNul, StatementFormat.CSV, null), "file", "text-statement");

        byte[] withBell = utf8(HEADER + "2025-03-18,T1,甲,1,1.00,CNY,x\u0007\n");
        InvalidInputException e = assertRefused(() -> parse(withBell, StatementFormat.CSV, null), "file", "text-statement");
        assertThat(e.errors().get(0).message()).contains("U+0007", "line 2");
    }

    @Test
    void namesExcelWorkbooksPdfsAndUtf16Files() {
        byte[] xlsx = concat(new byte[] {'P', 'K', 3, 4}, utf8("[Content_Types].xml"));
        byte[] xls = new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        byte[] pdf = utf8("%PDF-1.7\n");
        byte[] utf16 = concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, HEADER.getBytes(StandardCharsets.UTF_16LE));

        assertThat(assertRefused(() -> parse(xlsx, null, null), "file", "text-statement").getMessage()).contains("Excel");
        assertThat(assertRefused(() -> parse(xls, null, null), "file", "text-statement").getMessage()).contains("Excel");
        assertThat(assertRefused(() -> parse(pdf, null, null), "file", "text-statement").getMessage()).contains("PDF");
        assertThat(assertRefused(() -> parse(utf16, null, null), "file", "text-statement").getMessage()).contains("UTF-16");
    }

    @Test
    void refusesAFileOverFiveMegabytes() {
        byte[] big = new byte[ParsedStatement.MAX_BYTES + 1];
        Arrays.fill(big, (byte) 'a');

        assertRefused(() -> parse(big, StatementFormat.CSV, null), "file", "max-size");
    }

    @Test
    void acceptsTenThousandLinesAndRefusesOneMore() {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= ParsedStatement.MAX_LINES; i++) {
            csv.append("2025-03-18,T").append(i).append(",甲,1,1.00,CNY,x\n");
        }
        assertThat(parse(utf8(csv.toString()), StatementFormat.CSV, null).lines()).hasSize(ParsedStatement.MAX_LINES);

        csv.append("2025-03-18,T0,甲,1,1.00,CNY,x\n");
        InvalidInputException e = assertRefused(() -> parse(utf8(csv.toString()), StatementFormat.CSV, null), "file", "max-lines");
        assertThat(e.errors().get(0).message()).contains("10001");
    }

    // --- JSON shape ---

    @Test
    void refusesMalformedJsonNamingWhere() {
        InvalidInputException e = assertRefused(() -> parse(utf8("{\"lines\": [\n {\"amount\": 1,}\n]}"), StatementFormat.JSON, null),
                "file", "json");
        assertThat(e.errors().get(0).message()).contains("line 2");
    }

    @Test
    void refusesJsonThatIsNotAStatementObject() {
        assertRefused(() -> parse(utf8("[1,2]"), StatementFormat.JSON, null), "file", "json-object");
        assertRefused(() -> parse(utf8("{\"lines\": []}"), StatementFormat.JSON, null), "lines", "not-empty");
        assertRefused(() -> parse(utf8("{\"statementId\": \"S\"}"), StatementFormat.JSON, null), "lines", "required");
        assertRefused(() -> parse(utf8("{\"lines\": {}}"), StatementFormat.JSON, null), "lines", "type");
        assertRefused(() -> parse(utf8("{\"lines\": [{}], \"bank\": \"ICBC\"}"), StatementFormat.JSON, null), "bank", "known-field");
        assertRefused(() -> parse(utf8("{\"lines\": [{}]} trailing"), StatementFormat.JSON, null), "file", "json");
    }

    @Test
    void marksJsonLinesOfTheWrongShapeWithoutRefusingTheFile() {
        String json = "{\"lines\": [\"not an object\", {\"amount\": true, \"colour\": \"red\", \"transactionId\": 12345678901234567890,"
                + " \"amount2\": 1}, {\"amount\": 0.1}]}";

        List<RawStatementLine> lines = parse(utf8(json), StatementFormat.JSON, null).lines();

        assertThat(lines.get(0).structuralErrors()).extracting(FieldError::field, FieldError::rule).containsExactly(tuple("line", "json-object"));
        assertThat(lines.get(1).structuralErrors()).extracting(FieldError::field, FieldError::rule)
                .containsExactlyInAnyOrder(tuple("colour", "known-field"), tuple("amount2", "known-field"), tuple("amount", "type"));
        assertThat(lines.get(1).transactionId()).isEqualTo("12345678901234567890");
        assertThat(lines.get(2).amount()).as("read exactly, never through a double").isEqualTo("0.1");
    }

    // --- helpers ---

    static ParsedStatement parse(byte[] bytes, StatementFormat format, String charset) {
        return BankStatementImports.parse(new BankStatementImports.Upload(bytes, format, charset, null));
    }

    static InvalidInputException assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field, String rule) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(InvalidInputException.class);
        InvalidInputException e = (InvalidInputException) thrown;
        assertThat(e.errors()).extracting(FieldError::field).contains(field);
        if (rule != null) {
            assertThat(e.errors()).extracting(FieldError::rule).contains(rule);
        }
        return e;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = StatementFileTests.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
