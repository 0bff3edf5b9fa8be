package org.leadtocash.payment.statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.camunda.bpm.engine.RuntimeService;
import org.leadtocash.payment.JourneyStart;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.EngineClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/bank-statements} over real HTTP against real payment journeys (R-20 node ⑤): matching by invoice
 * number and amount, every line reported, nothing applied twice, malformed files refused whole, finance only.
 */
@AppTest
class BankStatementImportApiTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "交易日期,流水号,付款人名称,付款人账号,金额,币种,摘要\n";
    /** Unique per JVM run: journeys of other test classes share the database. */
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired PaymentJourneys journeys;
    @Autowired JdbcClient jdbc;
    @Autowired EngineClock clock;
    @Autowired RuntimeService runtimeService;

    private String yesterday;

    @BeforeEach
    void reset() {
        data.reset();
        for (String table : new String[] {"bank_receipt_ledger", "bank_statement_line", "bank_statement_import"}) {
            jdbc.sql("DELETE FROM " + table).update();
        }
        yesterday = clock.today().minusDays(1).toString();
    }

    // --- matching ---

    @Test
    void csvLineWithTheInvoiceNumberInTheMemoPaysTheJourneyInFull() throws Exception {
        PaymentJourney journey = journey("56500.00");
        String txn = txn();

        JsonNode report = imported(postCsv("wufang", HEADER
                + line(yesterday, txn, "\"56,500.00\"", "CNY", "支付发票号" + journey.invoiceNo() + "货款")));

        JsonNode l = report.path("lines").get(0);
        assertThat(l.path("outcome").asText()).isEqualTo("MATCHED");
        assertThat(l.path("reason").asText()).isEqualTo("PAID_IN_FULL");
        assertThat(l.path("lineNo").asInt()).isEqualTo(2);
        assertThat(l.path("journeyId").asText()).isEqualTo(journey.id());
        assertThat(l.path("invoiceNo").asText()).isEqualTo(journey.invoiceNo());
        assertThat(l.path("applied").decimalValue()).isEqualByComparingTo("56500.00");
        assertThat(l.path("outstanding").decimalValue()).isEqualByComparingTo("0");
        assertThat(l.path("paidInFull").asBoolean()).isTrue();
        assertThat(report.path("summary").path("matched").asInt()).isEqualTo(1);
        assertThat(report.path("summary").path("appliedTotal").decimalValue()).isEqualByComparingTo("56500.00");
        assertThat(report.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(report.path("format").asText()).isEqualTo("CSV");
        assertThat(report.path("importedBy").asText()).isEqualTo("wufang");

        assertThat(journeys.findOpenByInvoiceNo(journey.invoiceNo())).as("paid in full: no longer open").isEmpty();
        PaymentJourney paid = journeys.find(journey.id()).orElseThrow();
        assertThat(paid.node()).isEqualTo("BANK_RECEIVED");
        assertThat(paid.status()).isEqualTo(PaymentJourney.PAID);
        assertThat(received(journey)).isEqualByComparingTo("56500.00");
        assertThat(receipts(journey)).isEqualTo(1);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(journey.id()).count())
                .as("the journey's process ended at 已全部到账 Paid in full").isZero();
    }

    @Test
    void jsonLineWithAnExplicitInvoiceNumberMatches() throws Exception {
        PaymentJourney journey = journey("20000.00");
        String body = "{\"statementId\": \"ICBC-1202-" + SEQ.incrementAndGet() + "\", \"account\": \"1202020409900012345\", \"lines\": ["
                + "{\"valueDate\": \"" + yesterday + "\", \"transactionId\": \"" + txn() + "\", \"payerName\": \"杭州云帆软件有限公司\","
                + " \"amount\": 20000.00, \"currency\": \"CNY\", \"memo\": \"首付款\", \"invoiceNo\": \"" + journey.invoiceNo() + "\"}]}";

        JsonNode report = imported(post("wufang", MediaType.APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8)));

        assertThat(report.path("format").asText()).isEqualTo("JSON");
        assertThat(report.path("account").asText()).isEqualTo("1202020409900012345");
        assertThat(report.path("lines").get(0).path("outcome").asText()).isEqualTo("MATCHED");
        assertThat(report.path("lines").get(0).path("lineNo").asInt()).isEqualTo(1);
        assertThat(received(journey)).isEqualByComparingTo("20000.00");
    }

    @Test
    void twoPartialPaymentsKeepTheJourneyOpenUntilTheSecondCompletesIt() throws Exception {
        PaymentJourney journey = journey("100000.00");

        JsonNode report = imported(postCsv("wufang", HEADER
                + line(yesterday, txn(), "30000.00", "CNY", "发票号" + journey.invoiceNo() + " 第一期")
                + line(yesterday, txn(), "70000.00", "CNY", "发票号" + journey.invoiceNo() + " 第二期")));

        JsonNode first = report.path("lines").get(0);
        JsonNode second = report.path("lines").get(1);
        assertThat(first.path("outcome").asText()).isEqualTo("MATCHED");
        assertThat(first.path("reason").asText()).isEqualTo("PARTIAL_PAYMENT");
        assertThat(first.path("outstanding").decimalValue()).isEqualByComparingTo("70000.00");
        assertThat(first.path("paidInFull").asBoolean()).isFalse();
        assertThat(second.path("reason").asText()).isEqualTo("PAID_IN_FULL");
        assertThat(second.path("outstanding").decimalValue()).isEqualByComparingTo("0");
        assertThat(second.path("paidInFull").asBoolean()).isTrue();
        assertThat(received(journey)).isEqualByComparingTo("100000.00");
        assertThat(journeys.findOpenByInvoiceNo(journey.invoiceNo())).isEmpty();
    }

    @Test
    void aPartialPaymentLeavesTheJourneyOpenWithTheRestOutstanding() throws Exception {
        PaymentJourney journey = journey("10000.00");

        imported(postCsv("wufang", HEADER + line(yesterday, txn(), "2500.00", "CNY", "INV " + journey.invoiceNo())));

        Optional<PaymentJourney> open = journeys.findOpenByInvoiceNo(journey.invoiceNo());
        assertThat(open).isPresent();
        assertThat(open.get().amountReceived()).isEqualByComparingTo("2500.00");
        assertThat(open.get().node()).as("money on our account moves the journey to ⑤").isEqualTo("BANK_RECEIVED");
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(journey.id()).count())
                .as("still waiting for the rest").isEqualTo(1);
    }

    // --- not matched ---

    @Test
    void linesWithoutAnOpenJourneyOrInvoiceNumberAreReportedUnmatchedAndApplyNothing() throws Exception {
        PaymentJourney a = journey("1000.00");
        PaymentJourney b = journey("2000.00");

        JsonNode report = imported(postCsv("wufang", HEADER
                + line(yesterday, txn(), "1000.00", "CNY", "支付发票号25319999999999999999货款")
                + line(yesterday, txn(), "1000.00", "CNY", "服务费")
                + line(yesterday, txn(), "3000.00", "CNY", "发票号" + a.invoiceNo() + "、" + b.invoiceNo() + " 合并付款")));

        assertThat(report.path("lines")).extracting(l -> l.path("outcome").asText(), l -> l.path("reason").asText())
                .containsExactly(tuple("UNMATCHED", "NO_OPEN_JOURNEY"), tuple("UNMATCHED", "NO_INVOICE_NUMBER"),
                        tuple("UNMATCHED", "AMBIGUOUS_INVOICE"));
        assertThat(report.path("lines").get(0).path("message").asText()).contains("25319999999999999999");
        assertThat(report.path("lines").get(2).path("message").asText()).contains(a.invoiceNo(), b.invoiceNo());
        assertThat(report.path("summary").path("unmatched").asInt()).isEqualTo(3);
        assertThat(report.path("summary").path("appliedTotal").decimalValue()).isEqualByComparingTo("0");
        assertThat(received(a)).isEqualByComparingTo("0");
        assertThat(received(b)).isEqualByComparingTo("0");
    }

    @Test
    void anUnmatchedLineMatchesWhenImportedAgainOnceItsJourneyExists() throws Exception {
        String invoiceNo = invoiceNo();
        String csv = HEADER + line(yesterday, txn(), "8000.00", "CNY", "支付发票号" + invoiceNo);
        assertThat(imported(postCsv("wufang", csv)).path("lines").get(0).path("outcome").asText()).isEqualTo("UNMATCHED");

        PaymentJourney journey = journey(invoiceNo, "8000.00");
        JsonNode again = imported(postCsv("wufang", csv));

        assertThat(again.path("lines").get(0).path("outcome").asText()).isEqualTo("MATCHED");
        assertThat(received(journey)).isEqualByComparingTo("8000.00");
    }

    @Test
    void anAmountOverTheOutstandingSumIsAMismatchSayingByHowMuchAndAppliesNothing() throws Exception {
        PaymentJourney journey = journey("10000.00");
        imported(postCsv("wufang", HEADER + line(yesterday, txn(), "4000.00", "CNY", "发票号" + journey.invoiceNo())));

        JsonNode report = imported(postCsv("wufang", HEADER + line(yesterday, txn(), "7000.00", "CNY", "发票号" + journey.invoiceNo())));

        JsonNode l = report.path("lines").get(0);
        assertThat(l.path("outcome").asText()).isEqualTo("AMOUNT_MISMATCH");
        assertThat(l.path("exceedsBy").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(l.path("outstanding").decimalValue()).isEqualByComparingTo("6000.00");
        assertThat(l.path("journeyId").asText()).isEqualTo(journey.id());
        assertThat(l.path("message").asText()).contains("¥1,000.00", "¥6,000.00");
        assertThat(report.path("summary").path("amountMismatch").asInt()).isEqualTo(1);
        assertThat(received(journey)).isEqualByComparingTo("4000.00");
        assertThat(receipts(journey)).isEqualTo(1);
    }

    @Test
    void anInvalidLineNamesFieldAndRuleWhileTheGoodLinesAreApplied() throws Exception {
        PaymentJourney journey = journey("5000.00");

        JsonNode report = imported(postCsv("wufang", HEADER
                + line(yesterday, txn(), "abc", "CNY", "发票号" + journey.invoiceNo())
                + line("2025-02-30", txn(), "100.00", "USD", "发票号" + journey.invoiceNo())
                + line(yesterday, txn(), "5000.00", "CNY", "发票号" + journey.invoiceNo())));

        JsonNode bad = report.path("lines").get(0);
        assertThat(bad.path("outcome").asText()).isEqualTo("INVALID");
        assertThat(bad.path("amount").asText()).as("echoed as sent").isEqualTo("abc");
        assertThat(bad.path("errors")).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple("amount", "number"));
        assertThat(report.path("lines").get(1).path("errors")).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple("valueDate", "date"), tuple("currency", "currency-cny"));
        assertThat(report.path("lines").get(2).path("outcome").asText()).isEqualTo("MATCHED");
        assertThat(report.path("summary").path("invalid").asInt()).isEqualTo(2);
        assertThat(received(journey)).isEqualByComparingTo("5000.00");
    }

    // --- never twice ---

    @Test
    void theSameTransactionTwiceInOneFileIsAppliedOnce() throws Exception {
        PaymentJourney journey = journey("9000.00");
        String txn = txn();
        String l = line(yesterday, txn, "3000.00", "CNY", "发票号" + journey.invoiceNo());

        JsonNode report = imported(postCsv("wufang", HEADER + l + l));

        assertThat(report.path("lines")).extracting(x -> x.path("outcome").asText(), x -> x.path("reason").asText())
                .containsExactly(tuple("MATCHED", "PARTIAL_PAYMENT"), tuple("DUPLICATE", "DUPLICATE_IN_FILE"));
        assertThat(report.path("lines").get(1).path("duplicateOfLine").asInt()).isEqualTo(2);
        assertThat(received(journey)).isEqualByComparingTo("3000.00");
        assertThat(receipts(journey)).isEqualTo(1);
    }

    @Test
    void reImportingTheSameFileAppliesNothingAndPointsAtTheFirstImport() throws Exception {
        PaymentJourney journey = journey("9000.00");
        String csv = HEADER
                + line(yesterday, txn(), "3000.00", "CNY", "发票号" + journey.invoiceNo())
                + line(yesterday, txn(), "2000.00", "CNY", "发票号" + journey.invoiceNo());
        JsonNode first = imported(postCsv("wufang", csv));

        JsonNode second = imported(postCsv("wufang", csv));

        assertThat(second.path("lines")).extracting(x -> x.path("outcome").asText(), x -> x.path("reason").asText())
                .containsExactly(tuple("DUPLICATE", "ALREADY_IMPORTED"), tuple("DUPLICATE", "ALREADY_IMPORTED"));
        assertThat(second.path("lines").get(0).path("duplicateOfImport").asText()).isEqualTo(first.path("importId").asText());
        assertThat(second.path("lines").get(1).path("duplicateOfLine").asInt()).isEqualTo(3);
        assertThat(second.path("lines").get(0).path("journeyId").asText()).isEqualTo(journey.id());
        assertThat(second.path("sameFileImportedBefore")).extracting(JsonNode::asText).containsExactly(first.path("importId").asText());
        assertThat(second.path("summary").path("appliedTotal").decimalValue()).isEqualByComparingTo("0");
        assertThat(received(journey)).isEqualByComparingTo("5000.00");
        assertThat(receipts(journey)).isEqualTo(2);
    }

    @Test
    void aTransactionAlreadyImportedAsCsvIsADuplicateInAJsonFeedToo() throws Exception {
        PaymentJourney journey = journey("9000.00");
        String txn = txn();
        imported(postCsv("wufang", HEADER + line(yesterday, txn, "3000.00", "CNY", "发票号" + journey.invoiceNo())));

        String json = "{\"lines\": [{\"valueDate\": \"" + yesterday + "\", \"transactionId\": \"" + txn + "\", \"amount\": \"3000.00\","
                + " \"currency\": \"CNY\", \"invoiceNo\": \"" + journey.invoiceNo() + "\"}]}";
        JsonNode report = imported(post("wufang", MediaType.APPLICATION_JSON, json.getBytes(StandardCharsets.UTF_8)));

        assertThat(report.path("lines").get(0).path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(received(journey)).isEqualByComparingTo("3000.00");
    }

    @Test
    void aTransactionFinanceAlreadyRecordedByHandIsADuplicate() throws Exception {
        PaymentJourney journey = journey("9000.00");
        String txn = txn();
        journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("3000.00"), clock.today().minusDays(1), txn, "wufang");

        JsonNode report = imported(postCsv("wufang", HEADER + line(yesterday, txn, "3000.00", "CNY", "发票号" + journey.invoiceNo())));

        assertThat(report.path("lines").get(0).path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(report.path("lines").get(0).path("reason").asText()).isEqualTo("ALREADY_RECORDED");
        assertThat(received(journey)).isEqualByComparingTo("3000.00");
        assertThat(receipts(journey)).isEqualTo(1);
    }

    @Test
    void concurrentImportsOfTheSameFileApplyEachTransactionOnce() throws Exception {
        PaymentJourney journey = journey("9000.00");
        String csv = HEADER
                + line(yesterday, txn(), "3000.00", "CNY", "发票号" + journey.invoiceNo())
                + line(yesterday, txn(), "2000.00", "CNY", "发票号" + journey.invoiceNo());
        int imports = 4;
        ExecutorService pool = Executors.newFixedThreadPool(imports);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ResponseEntity<String>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < imports; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return postCsv("wufang", csv);
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<ResponseEntity<String>> f : responses) {
                imported(f.get(60, TimeUnit.SECONDS)).path("lines").forEach(l -> outcomes.add(l.path("outcome").asText()));
            }
            assertThat(outcomes).hasSize(imports * 2);
            assertThat(outcomes).filteredOn("MATCHED"::equals).hasSize(2);
            assertThat(outcomes).filteredOn(o -> !o.equals("MATCHED")).allMatch(o -> o.equals("DUPLICATE") || o.equals("FAILED"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(received(journey)).isEqualByComparingTo("5000.00");
        assertThat(receipts(journey)).isEqualTo(2);
        assertThat(data.count("bank_receipt_ledger")).isEqualTo(2);
    }

    @Test
    void multipartUploadOfAJsonFileAndATextPlainBodyAreReadByTheirContent() throws Exception {
        PaymentJourney journey = journey("300.00");
        String json = "{\"lines\": [{\"valueDate\": \"" + yesterday + "\", \"transactionId\": \"" + txn() + "\", \"amount\": 100,"
                + " \"currency\": \"CNY\", \"invoiceNo\": \"" + journey.invoiceNo() + "\"}]}";

        JsonNode fromFile = imported(upload("wufang", "feed.json", json.getBytes(StandardCharsets.UTF_8)));
        JsonNode fromText = imported(post("wufang", MediaType.TEXT_PLAIN,
                (HEADER + line(yesterday, txn(), "100.00", "CNY", "发票号" + journey.invoiceNo())).getBytes(StandardCharsets.UTF_8)));

        assertThat(fromFile.path("format").asText()).isEqualTo("JSON");
        assertThat(fromText.path("format").asText()).isEqualTo("CSV");
        assertThat(fromFile.path("lines").get(0).path("outcome").asText()).isEqualTo("MATCHED");
        assertThat(fromText.path("lines").get(0).path("outcome").asText()).isEqualTo("MATCHED");
        assertThat(received(journey)).isEqualByComparingTo("200.00");
    }

    // --- uploads and encodings ---

    @Test
    void multipartUploadOfAGbkCsvFileMatches() throws Exception {
        PaymentJourney journey = journey("1200.00");
        byte[] gbk = (HEADER + line(yesterday, txn(), "\"1,200.00\"", "人民币", "杭州云帆 支付发票号" + journey.invoiceNo() + "货款"))
                .getBytes(Charset.forName("GBK"));

        JsonNode report = imported(upload("wufang", "对账单-2025-03.csv", gbk));

        assertThat(report.path("charset").asText()).isEqualTo("GBK");
        assertThat(report.path("fileName").asText()).isEqualTo("对账单-2025-03.csv");
        assertThat(report.path("lines").get(0).path("outcome").asText()).isEqualTo("MATCHED");
        assertThat(report.path("lines").get(0).path("memo").asText()).startsWith("杭州云帆");
        assertThat(received(journey)).isEqualByComparingTo("1200.00");
    }

    @Test
    void theDocumentedExamplesImportLineByLine() throws Exception {
        JsonNode csv = imported(post("wufang", MediaType.valueOf("text/csv"), StatementFileTests.resource("example-statement.csv")));
        assertThat(csv.path("lines")).hasSize(4);
        assertThat(csv.path("lines")).allSatisfy(l -> assertThat(l.path("outcome").asText()).isIn("UNMATCHED", "DUPLICATE"));

        JsonNode json = imported(post("wufang", MediaType.APPLICATION_JSON, StatementFileTests.resource("example-statement.json")));
        assertThat(json.path("lines")).extracting(l -> l.path("outcome").asText()).containsOnly("UNMATCHED");
    }

    @Test
    void theStoredReportIsAnsweredAgainAndUnknownImportsAre404() throws Exception {
        PaymentJourney journey = journey("700.00");
        JsonNode report = imported(postCsv("wufang", HEADER
                + line(yesterday, txn(), "700.00", "CNY", "发票号" + journey.invoiceNo())
                + line(yesterday, txn(), "x", "CNY", "坏数据")));
        String importId = report.path("importId").asText();

        ResponseEntity<String> again = as("wufang").getForEntity("/api/bank-statements/" + importId, String.class);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(again.getBody())).isEqualTo(report);
        assertThat(as("admin").getForEntity("/api/bank-statements/" + importId, String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(as("wufang").getForEntity("/api/bank-statements/BS000000-XXXXXX", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        JsonNode list = JSON.readTree(as("wufang").getForEntity("/api/bank-statements", String.class).getBody());
        assertThat(list).extracting(n -> n.path("importId").asText()).containsExactly(importId);
    }

    // --- refused files: clear 4xx, nothing stored or applied ---

    @Test
    void aHeaderWithoutTheRequiredColumnsIsRefusedAndNothingIsApplied() throws Exception {
        PaymentJourney journey = journey("100.00");

        ResponseEntity<String> response = postCsv("wufang", "日期,编号,金额,备注\n" + yesterday + "," + txn() + ",100.00,发票号" + journey.invoiceNo() + "\n");

        assertRefused(response, HttpStatus.BAD_REQUEST, "header", "required-columns");
        assertNothingApplied(journey);
    }

    @Test
    void binaryGarbageIsRefused() throws Exception {
        PaymentJourney journey = journey("100.00");
        byte[] garbage = new byte[2048];
        new java.util.Random(7).nextBytes(garbage);

        assertRefused(post("wufang", MediaType.valueOf("text/csv"), garbage), HttpStatus.BAD_REQUEST, "file", null);
        assertRefused(upload("wufang", "statement.xlsx", concatZip()), HttpStatus.BAD_REQUEST, "file", "text-statement");
        assertNothingApplied(journey);
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        assertRefused(post("wufang", MediaType.valueOf("text/csv"), new byte[0]), HttpStatus.BAD_REQUEST, "file", "not-empty");
        assertRefused(upload("wufang", "empty.csv", new byte[0]), HttpStatus.BAD_REQUEST, "file", "not-empty");
        assertRefused(post("wufang", MediaType.APPLICATION_JSON, "{\"lines\": []}".getBytes(StandardCharsets.UTF_8)),
                HttpStatus.BAD_REQUEST, "lines", "not-empty");
        assertThat(data.count("bank_statement_import")).isZero();
    }

    @Test
    void malformedJsonIsRefused() throws Exception {
        PaymentJourney journey = journey("100.00");

        ResponseEntity<String> response = post("wufang", MediaType.APPLICATION_JSON,
                ("{\"lines\": [{\"transactionId\": \"" + txn() + "\", \"invoiceNo\": \"" + journey.invoiceNo() + "\", ").getBytes(StandardCharsets.UTF_8));

        assertRefused(response, HttpStatus.BAD_REQUEST, "file", "json");
        assertNothingApplied(journey);
    }

    @Test
    void anotherContentTypeIsRefusedWith415() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_XML);
        ResponseEntity<String> xml = as("wufang").postForEntity("/api/bank-statements",
                new HttpEntity<>("<statement/>".getBytes(StandardCharsets.UTF_8), headers), String.class);
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        ResponseEntity<String> octets = as("wufang").postForEntity("/api/bank-statements",
                new HttpEntity<>(new byte[] {1, 2, 3}, headers), String.class);

        assertThat(xml.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(xml.getHeaders().getAccept()).as("the supported types").contains(MediaType.valueOf("text/csv"),
                MediaType.APPLICATION_JSON, MediaType.MULTIPART_FORM_DATA);
        assertThat(octets.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(data.count("bank_statement_import")).isZero();
    }

    @Test
    void aFileOverFiveMegabytesIsRefused() throws Exception {
        PaymentJourney journey = journey("100.00");
        StringBuilder csv = new StringBuilder(HEADER).append(line(yesterday, txn(), "100.00", "CNY", "发票号" + journey.invoiceNo()));
        String filler = line(yesterday, "F", "1.00", "CNY", "x".repeat(400));
        while (csv.length() <= ParsedStatement.MAX_BYTES) {
            csv.append(filler);
        }
        // one byte over: the server reads it all before answering (it drops the connection after a 4xx, so a body
        // still being sent would end in a broken pipe on the client instead of the answer)
        byte[] big = Arrays.copyOf(csv.toString().getBytes(StandardCharsets.UTF_8), ParsedStatement.MAX_BYTES + 1);

        assertRefused(post("wufang", MediaType.valueOf("text/csv"), big), HttpStatus.BAD_REQUEST, "file", "max-size");
        byte[] sevenMegabytes = Arrays.copyOf(big, 7 * 1024 * 1024);
        Arrays.fill(sevenMegabytes, big.length, sevenMegabytes.length, (byte) 'x');
        assertRefused(post("wufang", MediaType.valueOf("text/csv"), sevenMegabytes), HttpStatus.BAD_REQUEST, "file", "max-size");
        ResponseEntity<String> multipart = upload("wufang", "big.csv", big);
        assertThat(multipart.getStatusCode()).as("the servlet upload limit").isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertNothingApplied(journey);
    }

    @Test
    void moreThanTenThousandLinesAreRefused() throws Exception {
        PaymentJourney journey = journey("100.00");
        StringBuilder csv = new StringBuilder(HEADER).append(line(yesterday, txn(), "100.00", "CNY", "发票号" + journey.invoiceNo()));
        for (int i = 0; i < ParsedStatement.MAX_LINES; i++) {
            csv.append(yesterday).append(",T").append(i).append(",,,1.00,CNY,x\n");
        }

        assertRefused(postCsv("wufang", csv.toString()), HttpStatus.BAD_REQUEST, "file", "max-lines");
        assertNothingApplied(journey);
    }

    // --- who may import ---

    @Test
    void aRepMayNotImportOrReadStatements() throws Exception {
        PaymentJourney journey = journey("100.00");
        String csv = HEADER + line(yesterday, txn(), "100.00", "CNY", "发票号" + journey.invoiceNo());

        assertThat(postCsv("zhangwei", csv).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(postCsv("limin", csv).getStatusCode()).as("a sales manager neither").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(postCsv("zhangwei", "garbage").getStatusCode()).as("403 before the body is judged").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(upload("zhangwei", "s.csv", csv.getBytes(StandardCharsets.UTF_8)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        String importId = imported(postCsv("wufang", HEADER + line(yesterday, txn(), "1.00", "CNY", "x"))).path("importId").asText();
        assertThat(as("zhangwei").getForEntity("/api/bank-statements/" + importId, String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("zhangwei").getForEntity("/api/bank-statements", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertNothingAppliedExceptTheOtherImport(journey);
    }

    @Test
    void anUnauthenticatedCallerIsRefusedWith401() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.valueOf("text/csv"));
        ResponseEntity<String> anonymous = rest.postForEntity("/api/bank-statements",
                new HttpEntity<>((HEADER + line(yesterday, txn(), "1.00", "CNY", "x")).getBytes(StandardCharsets.UTF_8), headers), String.class);
        // an unknown user: a wrong password for a real one would make Camunda delay that user's next log-ins
        ResponseEntity<String> wrongPassword = rest.withBasicAuth("nosuchuser", "nosuchuser").postForEntity("/api/bank-statements",
                new HttpEntity<>((HEADER + line(yesterday, txn(), "1.00", "CNY", "x")).getBytes(StandardCharsets.UTF_8), headers), String.class);

        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.getForEntity("/api/bank-statements", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(data.count("bank_statement_import")).isZero();
    }

    @Test
    void anAdministratorMayImport() throws Exception {
        PaymentJourney journey = journey("100.00");

        JsonNode report = imported(postCsv("admin", HEADER + line(yesterday, txn(), "100.00", "CNY", "发票号" + journey.invoiceNo())));

        assertThat(report.path("lines").get(0).path("outcome").asText()).isEqualTo("MATCHED");
        assertThat(report.path("importedBy").asText()).isEqualTo("admin");
    }

    // --- helpers ---

    private PaymentJourney journey(String amountDue) {
        return journey(invoiceNo(), amountDue);
    }

    private PaymentJourney journey(String invoiceNo, String amountDue) {
        return journeys.start(new JourneyStart("IR-BST-" + SEQ.incrementAndGet(), invoiceNo, null, "杭州云帆软件有限公司", "zhangwei",
                new BigDecimal(amountDue), clock.today().minusDays(10), "陈采购", "13912345678", "A医院项目"));
    }

    /** A 20-digit fully-digital e-invoice number (全电发票号码), unique in this run. */
    private static String invoiceNo() {
        return String.format("2531%016d", SEQ.incrementAndGet());
    }

    private static String txn() {
        return "HX" + SEQ.incrementAndGet();
    }

    private static String line(String date, String txn, String amount, String currency, String memo) {
        return String.join(",", date, txn, "杭州云帆软件有限公司", "6222020200112233445", amount, currency, memo) + "\n";
    }

    private BigDecimal received(PaymentJourney journey) {
        return jdbc.sql("SELECT amount_received FROM payment_journey WHERE id = ?").param(journey.id()).query(BigDecimal.class).single();
    }

    private int receipts(PaymentJourney journey) {
        return jdbc.sql("SELECT COUNT(*) FROM payment_receipt WHERE journey_id = ?").param(journey.id()).query(Integer.class).single();
    }

    private void assertNothingApplied(PaymentJourney journey) {
        assertThat(received(journey)).isEqualByComparingTo("0");
        assertThat(receipts(journey)).isZero();
        assertThat(data.count("bank_statement_import")).isZero();
        assertThat(data.count("bank_statement_line")).isZero();
        assertThat(data.count("bank_receipt_ledger")).isZero();
    }

    private void assertNothingAppliedExceptTheOtherImport(PaymentJourney journey) {
        assertThat(received(journey)).isEqualByComparingTo("0");
        assertThat(receipts(journey)).isZero();
        assertThat(data.count("bank_statement_import")).isEqualTo(1);
        assertThat(data.count("bank_receipt_ledger")).isZero();
    }

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, user);
    }

    private ResponseEntity<String> postCsv(String user, String csv) {
        return post(user, MediaType.valueOf("text/csv"), csv.getBytes(StandardCharsets.UTF_8));
    }

    private ResponseEntity<String> post(String user, MediaType type, byte[] body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(type);
        return as(user).postForEntity("/api/bank-statements", new HttpEntity<>(body, headers), String.class);
    }

    private ResponseEntity<String> upload(String user, String fileName, byte[] content) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return as(user).postForEntity("/api/bank-statements", new HttpEntity<>(parts, headers), String.class);
    }

    private static JsonNode imported(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode report = JSON.readTree(response.getBody());
        assertThat(response.getHeaders().getLocation()).hasToString("/api/bank-statements/" + report.path("importId").asText());
        return report;
    }

    private static void assertRefused(ResponseEntity<String> response, HttpStatus status, String field, String rule) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        JsonNode errors = JSON.readTree(response.getBody()).path("errors");
        List<String> fields = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        errors.forEach(e -> {
            fields.add(e.path("field").asText());
            rules.add(e.path("rule").asText());
        });
        assertThat(fields).as(response.getBody()).contains(field);
        if (rule != null) {
            assertThat(rules).as(response.getBody()).contains(rule);
        }
    }

    private static byte[] concatZip() {
        byte[] zip = Arrays.copyOf(new byte[] {'P', 'K', 3, 4}, 64);
        Arrays.fill(zip, 4, 64, (byte) 'x');
        return zip;
    }
}
