package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leadtocash.quote.QuoteTestSupport.JSON;
import static org.leadtocash.quote.QuoteTestSupport.REP;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.quote.QuoteToInvoiceProcess.Task;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.standin.U8StandIn;
import org.leadtocash.support.AppTest;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * contract KPIs over four contracts with known histories: A approved after 2 h; B returned once and
 * approved after 5 h; C returned and still with the rep; D approved after 6 h but after legal published a newer IP
 * clause (not current at approval). Hand-offs: A exported, B rejected once then accepted.
 */
@AppTest
class QuoteKpiTests {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired QuoteTestSupport support;
    @Autowired QuoteKpi kpi;
    @Autowired ContractKpiSummary summary;
    @Autowired RuntimeService runtimeService;
    @Autowired TestRestTemplate rest;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private Instant t0;
    private LocalDate today;

    @BeforeEach
    void setUp() {
        support.reset();
        today = LocalDate.now(SHANGHAI);
        t0 = today.atTime(8, 0).atZone(SHANGHAI).toInstant();
        at(0);
    }

    @AfterEach
    void tearDown() {
        support.reset();
        ClockUtil.reset();
    }

    @Test
    void returnRateHandlingTimeErrorRateAndComplianceOverTheContractsOfTheRange() throws Exception {
        try (U8StandIn u8 = new U8StandIn()) {
            String a = support.quote("zhangwei").processInstanceId();
            String b = support.quote("zhangwei").processInstanceId();
            String c = support.quote("lina").processInstanceId();
            String d = support.quote("lina").processInstanceId();
            support.toLegalReview(a, "zhangwei");
            support.toLegalReview(b, "zhangwei");
            support.toLegalReview(c, "lina");
            support.toLegalReview(d, "lina");
            String contractB = (String) runtimeService.getVariable(b, Vars.CONTRACT_ID);
            String contractD = (String) runtimeService.getVariable(d, Vars.CONTRACT_ID);

            at(60);
            support.review(b, "RETURN", "付款条款与报价不一致");
            support.review(c, "RETURN", "缺少技术协议附件编号");
            at(120);
            support.review(a, "APPROVE", null);
            support.executeJob(a, Task.CREATE_INVOICE_REQUEST);
            support.executeJob(a, Task.HAND_OFF_TO_U8); // no U8 configured: exported
            Map<String, Object> revision = new HashMap<>();
            revision.put(Vars.LINES, QuoteJson.variable(support.currentLines(b)));
            revision.put(Vars.DELIVERY_DATE, today.plusDays(40).toString());
            revision.put(Vars.REVISION_NOTE, "已按报价更正付款条款说明");
            support.complete(b, Task.REVISE_CONTRACT, "zhangwei", REP, revision);
            at(300);
            support.review(b, "APPROVE", null);
            support.useU8(u8);
            support.executeJob(b, Task.CREATE_INVOICE_REQUEST);
            u8.rejectNext("30102", "客户编码不存在");
            support.executeJob(b, Task.HAND_OFF_TO_U8);
            Map<String, Object> fix = new HashMap<>();
            for (String key : new String[] {Vars.INVOICE_CUSTOMER_NAME, Vars.INVOICE_CUSTOMER_CREDIT_CODE, Vars.BANK_NAME, Vars.BANK_ACCOUNT}) {
                fix.put(key, runtimeService.getVariable(b, key));
            }
            support.complete(b, Task.FIX_INVOICE_DATA, "wufang", QuoteTestSupport.FINANCE, fix);
            support.executeJob(b, Task.HAND_OFF_TO_U8);
            at(360);
            support.review(d, "APPROVE", null);
            // an approval an older release recorded with an outdated locked clause: approving one is refused since R-11
            // is enforced at the review, but such rows exist and the KPI keeps counting them
            jdbc.sql("UPDATE contract SET clauses_current_at_approval = FALSE WHERE id = ?").param(contractD).update();
            // a row written with SQL bypasses the summary: rebuilt, as after a bulk load
            summary.rebuild();

            QuoteKpi.Report report = kpi.contracts(today, today, null, true);

            assertThat(report.contracts()).isEqualTo(4);
            assertThat(report.reviewedContracts()).isEqualTo(4);
            assertThat(report.returnedContracts()).isEqualTo(2);
            assertThat(report.legalReturnRate()).isEqualByComparingTo("0.5000");
            assertThat(report.approvedContracts()).isEqualTo(3);
            assertThat(report.averageHandlingHours()).isEqualByComparingTo("4.33");
            assertThat(report.medianHandlingHours()).isEqualByComparingTo("5.00");
            assertThat(report.u8HandOffs()).isEqualTo(3);
            assertThat(report.u8Rejections()).isEqualTo(1);
            assertThat(report.invoicingErrorRate()).isEqualByComparingTo("0.3333");
            assertThat(report.compliance().approvedContracts()).isEqualTo(3);
            assertThat(report.compliance().clauseVersionsCurrent()).isEqualByComparingTo("0.6667");
            assertThat(report.compliance().attachmentsComplete()).isEqualByComparingTo("1.0000");
            assertThat(report.compliance().approvalChainComplete()).isEqualByComparingTo("1.0000");
            assertThat(report.compliance().complianceRate()).isEqualByComparingTo("0.6667");
            assertThat(report.perContract()).filteredOn(f -> f.contractId().equals(contractD)).singleElement().satisfies(f -> {
                assertThat(f.clausesCurrentAtApproval()).isFalse();
                assertThat(f.handlingHours()).isEqualByComparingTo("6.00");
                assertThat(f.legalReturns()).isZero();
            });
            assertThat(report.perContract()).filteredOn(f -> f.contractId().equals(contractB)).singleElement()
                    .satisfies(f -> assertThat(f.legalReturns()).isEqualTo(1));

            ResponseEntity<String> http = rest.withBasicAuth("limin", "limin")
                    .getForEntity("/api/kpi/contracts?from=" + today + "&to=" + today + "&perContract=true", String.class);
            assertThat(http.getStatusCode()).isEqualTo(HttpStatus.OK);
            JsonNode json = JSON.readTree(http.getBody());
            assertThat(json.path("legalReturnRate").decimalValue()).isEqualByComparingTo("0.5");
            assertThat(json.path("compliance").path("complianceRate").decimalValue()).isEqualByComparingTo("0.6667");
            assertThat(json.path("perContract")).hasSize(4);

            // R-32 sample: with 3 approved contracts (fewer than 100) the sample is all of them, listed with its seed
            List<String> approved = report.perContract().stream().filter(f -> f.approvedAt() != null)
                    .map(QuoteKpi.ContractFigures::contractId).toList();
            JsonNode sample = json.path("complianceSample");
            assertThat(sample.path("seed").asLong()).isEqualTo(QuoteKpi.defaultSeed(today, today));
            assertThat(sample.path("sampleSize").asInt()).isEqualTo(3);
            List<String> ids = new java.util.ArrayList<>();
            sample.path("contractIds").forEach(id -> ids.add(id.asText()));
            assertThat(approved).hasSize(3).contains(contractB, contractD);
            assertThat(ids).containsExactlyInAnyOrderElementsOf(approved);
            assertThat(sample.path("compliance").path("complianceRate").decimalValue()).isEqualByComparingTo("0.6667");
            JsonNode seeded = JSON.readTree(rest.withBasicAuth("limin", "limin")
                    .getForEntity("/api/kpi/contracts?from=" + today + "&to=" + today + "&seed=5", String.class).getBody());
            assertThat(seeded.path("complianceSample").path("seed").asLong()).isEqualTo(5L);
            assertThat(seeded.path("complianceSample").path("contractIds")).hasSize(3);
        }
    }

    @Test
    void anEmptyRangeHasNoRatesAndAnInvertedRangeIsRefusedNamingTo() throws Exception {
        QuoteKpi.Report empty = kpi.contracts(today.minusDays(30), today.minusDays(20));
        assertThat(empty.contracts()).isZero();
        assertThat(empty.legalReturnRate()).isNull();
        assertThat(empty.averageHandlingHours()).isNull();
        assertThat(empty.invoicingErrorRate()).isNull();
        assertThat(empty.compliance().complianceRate()).isNull();

        assertThatThrownBy(() -> kpi.contracts(today, today.minusDays(1)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.errors().get(0).field()).isEqualTo("to"));
        ResponseEntity<String> missing = rest.withBasicAuth("limin", "limin").getForEntity("/api/kpi/contracts?from=" + today, String.class);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(missing.getBody()).contains("\"field\":\"to\"");
    }

    private void at(int minutes) {
        ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofMinutes(minutes))));
    }
}
