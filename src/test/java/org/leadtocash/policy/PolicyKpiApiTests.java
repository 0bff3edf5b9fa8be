package org.leadtocash.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.support.ProcessTests.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.DealSigned;
import org.leadtocash.policy.PolicyRolloutProcess.Event;
import org.leadtocash.policy.PolicyRolloutProcess.Task;
import org.leadtocash.policy.PolicyRolloutProcess.Vars;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * R-33 policy response speed over {@code GET /api/kpi/policy-rollouts}, in hours from publication:
 *
 * <pre>
 * P1 EAST  published T0        notified +0.5 h  acknowledged +2 h, +5 h, +26 h (median 5, last 26)  first deal +30 h (within 72)
 * P2 SOUTH published T0 + 1 h  notified +1 h    acknowledged +3 h by one of two (median 3, no last)  no deal, escalated at +72 h
 * clock at T0 + 80 h: P2 is past the benchmark without a deal
 * </pre>
 */
@AppTest
class PolicyKpiApiTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = PolicyRolloutProcessTests.T0;

    @Autowired TestRestTemplate rest;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired TestData data;

    @BeforeEach
    void setUp() {
        data.reset();
    }

    @Test
    void givesExactHoursPerPolicyAgainstTheDrawnBenchmark() throws Exception {
        moveClockTo(T0);
        ProcessInstance p1 = startByFormAs("zhengmin", PolicyRolloutProcessTests.MARKETING, PolicyRolloutProcess.KEY,
                PolicyRolloutProcessTests.form("EAST"));
        at(0.5);
        execute(job(Task.NOTIFY_REPS, p1));
        at(1);
        ProcessInstance p2 = startByFormAs("zhengmin", PolicyRolloutProcessTests.MARKETING, PolicyRolloutProcess.KEY,
                PolicyRolloutProcessTests.form("SOUTH"));
        at(2);
        execute(job(Task.NOTIFY_REPS, p2));
        acknowledge(p1, "zhangwei", 2);
        acknowledge(p2, "chenjing", 4);
        acknowledge(p1, "lina", 5);
        acknowledge(p1, "wangfang", 26);
        at(30);
        tx.executeWithoutResult(s -> events.publishEvent(new DealSigned("lina", null, new BigDecimal("5000.00"), "C-1",
                T0.plus(Duration.ofHours(30)))));
        fireTimer(p2, Event.NO_DEAL_IN_TIME);
        execute(job(Task.ESCALATE_TO_DIRECTOR, p2));
        at(80);

        JsonNode report = get("limin");

        assertThat(report.path("benchmarkHours").decimalValue()).isEqualByComparingTo("72.00");
        assertThat(report.path("policies").asInt()).isEqualTo(2);
        assertThat(report.path("withinBenchmark").asInt()).isEqualTo(1);
        JsonNode first = report.path("rollouts").get(0);
        assertThat(first.path("region").asText()).isEqualTo("EAST");
        assertThat(first.path("status").asText()).isEqualTo("CLOSED");
        assertThat(first.path("notifiedHours").decimalValue()).isEqualByComparingTo("0.50");
        assertThat(first.path("reps").asInt()).isEqualTo(3);
        assertThat(first.path("acknowledged").asInt()).isEqualTo(3);
        assertThat(first.path("acknowledgedMedianHours").decimalValue()).isEqualByComparingTo("5.00");
        assertThat(first.path("acknowledgedLastHours").decimalValue()).isEqualByComparingTo("26.00");
        assertThat(first.path("firstDealRep").asText()).isEqualTo("lina");
        assertThat(first.path("firstDealHours").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(first.path("escalated").asBoolean()).isFalse();
        assertThat(first.path("withinBenchmark").asBoolean()).isTrue();
        JsonNode second = report.path("rollouts").get(1);
        assertThat(second.path("region").asText()).isEqualTo("SOUTH");
        assertThat(second.path("status").asText()).isEqualTo("OPEN");
        assertThat(second.path("notifiedHours").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(second.path("reps").asInt()).isEqualTo(2);
        assertThat(second.path("acknowledged").asInt()).isEqualTo(1);
        assertThat(second.path("acknowledgedMedianHours").decimalValue()).isEqualByComparingTo("3.00");
        assertThat(second.path("acknowledgedLastHours").isMissingNode()).as("no last acknowledgement while one rep has not").isTrue();
        assertThat(second.path("firstDealHours").isMissingNode()).isTrue();
        assertThat(second.path("escalated").asBoolean()).isTrue();
        assertThat(second.path("withinBenchmark").asBoolean(true)).isFalse();
    }

    @Test
    void repsAreRefused() {
        ResponseEntity<String> response = rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/api/kpi/policy-rollouts",
                String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private static void at(double hours) {
        moveClockTo(T0.plus(Duration.ofMinutes(Math.round(hours * 60))));
    }

    private static void acknowledge(ProcessInstance pi, String rep, double hours) {
        at(hours);
        var task = taskQuery().processInstanceId(pi.getId()).taskAssignee(rep).singleResult();
        completeAs(rep, PolicyRolloutProcessTests.REP, task, withVariables(Vars.POLICY_ACKNOWLEDGED, true));
    }

    private JsonNode get(String user) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity("/api/kpi/policy-rollouts", String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }
}
