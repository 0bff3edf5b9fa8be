package org.leadtocash.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The payment-journey REST API over real HTTP: who may start journeys, and a rep sees only his own. */
@AppTest
class PaymentJourneyApiTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Monday 2025-06-09 09:00 in Shanghai. */
    static final Instant T0 = Instant.parse("2025-06-09T01:00:00Z");

    @Autowired TestRestTemplate rest;
    @Autowired PaymentJourneys journeys;
    @Autowired TestData data;
    @Autowired PaymentFixtures fixtures;

    @BeforeEach
    void setUp() {
        data.reset();
        fixtures.reset();
        ClockUtil.setCurrentTime(Date.from(T0));
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
    }

    @Test
    void financeStartsAJourneyOnceAndAgainGetsTheSameOne() throws Exception {
        Map<String, Object> body = body("FP-API-0001");

        ResponseEntity<String> created = post("wufang", "/api/payment-journeys", body);
        ResponseEntity<String> again = post("wufang", "/api/payment-journeys", body);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        JsonNode journey = JSON.readTree(created.getBody());
        assertThat(journey.path("id").asText()).isEqualTo("INV-FP-API-0001");
        assertThat(journey.path("node").asText()).isEqualTo("INVOICE_SUBMITTED");
        assertThat(journey.path("amountDue").decimalValue()).isEqualByComparingTo("88000.00");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/payment-journeys/INV-FP-API-0001");
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(JSON.readTree(again.getBody()).path("processInstanceId").asText())
                .isEqualTo(journey.path("processInstanceId").asText());
        assertThat(journeys.view("INV-FP-API-0001", null).details().startedBy()).isEqualTo("wufang");
    }

    @Test
    void aRepOrAManagerCannotStartAJourney() throws Exception {
        assertThat(post("zhangwei", "/api/payment-journeys", body("FP-API-0002")).getStatusCode().value()).isEqualTo(403);
        assertThat(post("limin", "/api/payment-journeys", body("FP-API-0003")).getStatusCode().value()).isEqualTo(403);
        assertThat(data.count("payment_journey")).isZero();
    }

    @Test
    void badInputAnswers400NamingEveryFieldAndStoresNothing() throws Exception {
        Map<String, Object> bad = body("FP API 4");
        bad.put("amountDue", new BigDecimal("12.345"));
        bad.put("repId", "wanglei");
        bad.put("procurementContactMobile", "555");

        ResponseEntity<String> response = post("wufang", "/api/payment-journeys", bad);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        JSON.readTree(response.getBody()).path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertThat(fields).containsExactlyInAnyOrder("invoiceNo", "amountDue", "repId", "procurementContactMobile");

        Map<String, Object> unknown = body("FP-API-5");
        unknown.put("discount", 5);
        ResponseEntity<String> unknownField = post("wufang", "/api/payment-journeys", unknown);
        assertThat(unknownField.getStatusCode().value()).isEqualTo(400);
        assertThat(unknownField.getBody()).contains("discount");
        assertThat(data.count("payment_journey")).isZero();
    }

    @Test
    void aRepSeesOnlyHisOwnJourneysWhileManagersAndFinanceSeeAll() throws Exception {
        PaymentJourney his = journeys.start(PaymentFixtures.start("zhangwei", "A医院", "100.00"));
        PaymentJourney hers = journeys.start(PaymentFixtures.start("lina", "C公司", "200.00"));

        assertThat(ids(get("zhangwei", "/api/payment-journeys"))).containsExactly(his.id());
        assertThat(get("zhangwei", "/api/payment-journeys/" + his.id()).getStatusCode().value()).isEqualTo(200);
        assertThat(get("zhangwei", "/api/payment-journeys/" + hers.id()).getStatusCode().value()).isEqualTo(404);
        assertThat(get("zhangwei", "/api/payment-journeys?repId=lina").getStatusCode().value()).isEqualTo(403);
        assertThat(get("zhangwei", "/api/payment-journeys/no-such-journey").getStatusCode().value()).isEqualTo(404);

        assertThat(ids(get("limin", "/api/payment-journeys"))).containsExactlyInAnyOrder(his.id(), hers.id());
        assertThat(ids(get("wanglei", "/api/payment-journeys?repId=lina"))).containsExactly(hers.id());
        assertThat(ids(get("wufang", "/api/payment-journeys?status=OPEN"))).containsExactlyInAnyOrder(his.id(), hers.id());
        assertThat(get("limin", "/api/payment-journeys/" + hers.id()).getStatusCode().value()).isEqualTo(200);
        assertThat(get("limin", "/api/payment-journeys?status=LOST").getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void theStuckViewShowsARepHisOwnStuckPaymentsAndAManagerEveryonesOrOneReps() throws Exception {
        PaymentJourney his = journeys.start(PaymentFixtures.start("zhangwei", "A医院", "100.00"));
        PaymentJourney hers = journeys.start(PaymentFixtures.start("lina", "C公司", "200.00"));
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofHours(48 + 36))));

        JsonNode mine = JSON.readTree(get("zhangwei", "/api/payment-journeys/stuck").getBody());
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("journeyId").asText()).isEqualTo(his.id());
        assertThat(mine.get(0).path("hoursOverdue").asLong()).isEqualTo(36);
        assertThat(mine.get(0).path("sentence").asText()).isEqualTo(
                "【张伟负责的A医院项目】卡在节点①（提交开票申请），已超时36小时，建议明日10点前电话确认客户已收到并签收发票");
        assertThat(get("zhangwei", "/api/payment-journeys/stuck?repId=lina").getStatusCode().value()).isEqualTo(403);

        assertThat(ids(get("limin", "/api/payment-journeys/stuck"), "journeyId")).containsExactlyInAnyOrder(his.id(), hers.id());
        assertThat(ids(get("limin", "/api/payment-journeys/stuck?repId=lina"), "journeyId")).containsExactly(hers.id());
    }

    @Test
    void aRepGetsHisOwnPaymentKpisAndTheRangeIsRequired() throws Exception {
        PaymentJourney his = journeys.start(PaymentFixtures.start("zhangwei", "A医院", "100.00"));
        journeys.start(PaymentFixtures.start("lina", "C公司", "200.00"));
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofHours(36))));
        journeys.applyBankReceipt(his.invoiceNo(), new BigDecimal("100.00"), LocalDate.of(2025, 6, 10), "BK-1", "wufang");

        JsonNode report = JSON.readTree(get("zhangwei", "/api/kpi/payments?from=2025-06-01&to=2025-06-30").getBody());
        assertThat(report.path("repId").asText()).isEqualTo("zhangwei");
        assertThat(report.path("cycle").path("journeysPaid").asInt()).isEqualTo(1);
        assertThat(report.path("cycle").path("averageDays").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(report.path("dwellByNode")).hasSize(5);
        JsonNode all = JSON.readTree(get("limin", "/api/kpi/payments?from=2025-06-01&to=2025-06-30").getBody());
        assertThat(all.has("repId")).isFalse();

        ResponseEntity<String> missing = get("zhangwei", "/api/kpi/payments?from=2025-06-01");
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody()).contains("\"field\":\"to\"");
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static Map<String, Object> body(String invoiceNo) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("invoiceNo", invoiceNo);
        body.put("customerName", "杭州某某医院");
        body.put("repId", "zhangwei");
        body.put("amountDue", new BigDecimal("88000.00"));
        body.put("invoiceDate", "2025-06-05");
        body.put("procurementContactName", "赵采购");
        body.put("procurementContactMobile", "13612345678");
        body.put("projectName", "检验科信息化项目");
        return body;
    }

    private List<String> ids(ResponseEntity<String> response) throws Exception {
        return ids(response, "id");
    }

    private List<String> ids(ResponseEntity<String> response, String field) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.getBody()).forEach(n -> ids.add(n.path(field).asText()));
        return ids;
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, user).getForEntity(path, String.class);
    }

    private ResponseEntity<String> post(String user, String path, Object body) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, HttpMethod.POST,
                new HttpEntity<>(JSON.writeValueAsString(body), h), String.class);
    }
}
