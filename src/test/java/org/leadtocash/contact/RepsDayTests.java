package org.leadtocash.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.contact.CallRecordFixtures.ZHANGWEI_MOBILE;
import static org.leadtocash.contact.CallRecordFixtures.at;
import static org.leadtocash.contact.CallRecordFixtures.call;
import static org.leadtocash.contact.CallRecordFixtures.json;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.contact.FirstContactPrefill.Vars;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A rep's day (issue 13, Monday 2027-09-06, Asia/Shanghai): zhangwei (mobile 13800000001) has three new leads A, B, C.
 *
 * <pre>
 * CR-1  09:30  outbound to A's phone   20 min, reached  → matches A, pre-fills A's first-contact task (REACHED)
 * CR-2  14:00  inbound from B's phone  15 min, reached  → matches B, pre-fills B's task
 * CR-3  11:55  outbound to 13700000000 10 min          → matches no lead: kept, unmatched, not customer contact
 * </pre>
 * Contact time = 20 + 15 min = 2 100 s of 8 h (28 800 s) = 0.0729 (WARNING). He confirms A's pre-filled task without
 * choosing an outcome; he types C's (not reached, no call): contact records A-call and B-call captured, C typed → 2 of
 * 3 captured = 0.6667.
 */
@AppTest
class RepsDayTests {
    private static final LocalDate D = LocalDate.of(2027, 9, 6);

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired JdbcClient jdbc;
    CallRecordFixtures fx;

    @BeforeEach
    void reset() {
        data.reset();
        fx = new CallRecordFixtures(rest, managementService, taskService, jdbc);
        fx.reset();
        data.deactivateAllRepsExcept("zhangwei");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void threeCallsTwoPrefillHisTasksOneStaysUnmatchedAndHisSharesAreExact() throws Exception {
        at(D, 8, 30);
        String a = fx.lead("13911110001", "zhangwei");
        String b = fx.lead("139-1111-0002", "zhangwei");
        String c = fx.lead("13911110003", "zhangwei");

        at(D, 18, 30);
        JsonNode cr1 = json(post(call("CR-1", ZHANGWEI_MOBILE, "13911110001", "2027-09-06T09:30:00+08:00", 1200, "OUTBOUND")));
        JsonNode cr2 = json(post(call("CR-2", "+86 139 1111 0002", ZHANGWEI_MOBILE, "2027-09-06T06:00:00Z", 900, "inbound")));
        JsonNode cr3 = json(post(call("CR-3", ZHANGWEI_MOBILE, "13700000000", "2027-09-06T11:55:00+08:00", 600, "OUTBOUND")));

        assertThat(cr1.path("leadId").asText()).isEqualTo(fx.leadId(a));
        assertThat(cr1.path("prefilled").asBoolean()).isTrue();
        assertThat(cr2.path("leadId").asText()).isEqualTo(fx.leadId(b));
        assertThat(cr2.path("prefilled").asBoolean()).isTrue();
        assertThat(cr3.path("matched").asBoolean()).isFalse();
        assertThat(cr3.path("prefilled").asBoolean()).isFalse();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM call_record WHERE matched = FALSE").query(Integer.class).single()).isEqualTo(1);

        // what 联系客户 Contact the customer shows: the variables of the open task
        Map<String, Object> taskA = taskService.getVariables(fx.firstContactTask(a).getId());
        assertThat(taskA).containsEntry(LeadRoutingProcess.Vars.CONTACT_OUTCOME, "REACHED")
                .containsEntry(Vars.CAPTURED_CALL_ID, "CR-1").containsEntry(Vars.CAPTURED_CALL_START, "2027-09-06T09:30+08:00")
                .containsEntry(Vars.CAPTURED_CALL_SECONDS, 1200).containsEntry(Vars.CAPTURED_CALL_REACHED, true);
        assertThat((String) taskA.get(Vars.CAPTURED_CALL)).contains("2027-09-06 09:30", "20 分 0 秒", "CR-1");
        Map<String, Object> taskB = taskService.getVariables(fx.firstContactTask(b).getId());
        assertThat(taskB).containsEntry(LeadRoutingProcess.Vars.CONTACT_OUTCOME, "REACHED")
                .containsEntry(Vars.CAPTURED_CALL_ID, "CR-2").containsEntry(Vars.CAPTURED_CALL_START, "2027-09-06T14:00+08:00")
                .containsEntry(Vars.CAPTURED_CALL_SECONDS, 900);
        assertThat(taskService.getVariables(fx.firstContactTask(c).getId())).doesNotContainKeys(Vars.CAPTURED_CALL_ID,
                LeadRoutingProcess.Vars.CONTACT_OUTCOME);

        // he confirms A as offered (only the promised date typed), and types C's attempt
        taskService.complete(fx.firstContactTask(a).getId(),
                Map.of(LeadRoutingProcess.Vars.NEXT_FOLLOW_UP_DATE, D.plusDays(7).toString()));
        taskService.complete(fx.firstContactTask(c).getId(), Map.of(LeadRoutingProcess.Vars.CONTACT_OUTCOME, "NOT_REACHED",
                LeadRoutingProcess.Vars.NEXT_FOLLOW_UP_DATE, D.plusDays(1).toString()));
        assertThat(jdbc.sql("SELECT status FROM sales_lead WHERE id = ?").param(fx.leadId(a)).query(String.class).single())
                .isEqualTo("CONTACTED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contact_record WHERE call_record_id = 'CR-1' AND confirmed_at IS NOT NULL")
                .query(Integer.class).single()).isEqualTo(1);

        ResponseEntity<String> time = fx.get("zhangwei", "/api/kpi/contact-time?from=" + D + "&to=" + D);
        assertThat(time.getStatusCode()).as(time.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode rep = json(time).path("reps").get(0);
        assertThat(json(time).path("reps")).hasSize(1);
        assertThat(rep.path("repId").asText()).isEqualTo("zhangwei");
        JsonNode day = rep.path("days").get(0);
        assertThat(day.path("date").asText()).isEqualTo(D.toString());
        assertThat(day.path("workingSeconds").asLong()).isEqualTo(28_800);
        assertThat(day.path("contactSeconds").asLong()).isEqualTo(2_100);
        assertThat(day.path("share").decimalValue()).isEqualByComparingTo(new BigDecimal("0.0729"));
        assertThat(day.path("band").asText()).isEqualTo("WARNING");
        assertThat(rep.path("weeks").get(0).path("share").decimalValue()).isEqualByComparingTo(new BigDecimal("0.0729"));

        ResponseEntity<String> capture = fx.get("zhangwei", "/api/kpi/contact-capture?from=" + D + "&to=" + D);
        assertThat(capture.getStatusCode()).as(capture.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode overall = json(capture).path("overall");
        assertThat(overall.path("records").asInt()).isEqualTo(3);
        assertThat(overall.path("captured").asInt()).isEqualTo(2);
        assertThat(overall.path("typed").asInt()).isEqualTo(1);
        assertThat(overall.path("capturedShare").decimalValue()).isEqualByComparingTo(new BigDecimal("0.6667"));
        assertThat(json(capture).path("byKind").path("CALL").asInt()).isEqualTo(2);
        assertThat(json(capture).path("byKind").path("TYPED_ATTEMPT").asInt()).isEqualTo(1);
    }

    private ResponseEntity<String> post(Map<String, Object> body) throws Exception {
        ResponseEntity<String> response = fx.post(body);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        return response;
    }
}
