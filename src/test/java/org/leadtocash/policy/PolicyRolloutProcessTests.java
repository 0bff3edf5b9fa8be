package org.leadtocash.policy;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.DealSigned;
import org.leadtocash.notify.Channel;
import org.leadtocash.notify.Delivery;
import org.leadtocash.notify.DeliveryQuery;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.policy.PolicyRolloutProcess.Event;
import org.leadtocash.policy.PolicyRolloutProcess.Task;
import org.leadtocash.policy.PolicyRolloutProcess.Vars;
import org.leadtocash.shared.Groups;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code bpmn/policy-rollout.bpmn} started from {@code forms/policy-publish.form}; one path per test, on the engine clock. */
@AppTest
class PolicyRolloutProcessTests {
    static final Instant T0 = Instant.parse("2027-03-01T02:00:00Z");
    static final List<String> MARKETING = List.of(Groups.MARKETING);
    static final List<String> REP = List.of(Groups.SALES_REP);

    @Autowired PolicyRepository repository;
    @Autowired NotificationService notifications;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired TestData data;

    @BeforeEach
    void setUp() {
        data.reset();
        moveClockTo(T0);
    }

    @Test
    void marketingPublishesAndTheRegionsRepsAreNotifiedAndGetATaskToAcknowledge() {
        ProcessInstance pi = startByFormAs("zhengmin", MARKETING, PolicyRolloutProcess.KEY, form("EAST"));

        String policyId = (String) runtimeService().getVariable(pi.getId(), Vars.POLICY_ID);
        assertThat(pi).hasBusinessKey(policyId).isWaitingAt(Task.NOTIFY_REPS, Task.AWAIT_FIRST_DEAL);
        assertThat(timer(pi, Event.NO_DEAL_IN_TIME).getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofHours(72))));
        moveClockTo(T0.plus(Duration.ofMinutes(30)));
        execute(job(Task.NOTIFY_REPS, pi));

        assertThat(taskQuery().processInstanceId(pi.getId()).list()).extracting(t -> t.getAssignee())
                .containsExactlyInAnyOrder("zhangwei", "lina", "wangfang");
        assertThat(deliveries(policyId)).singleElement().satisfies(d -> {
            assertThat(d.recipients()).contains("zhangwei", "lina", "wangfang").doesNotContain("chenjing");
            assertThat(d.title()).contains("智能网关 2027 春季返利");
        });
        PolicyRollout stored = repository.find(policyId).orElseThrow();
        assertThat(stored.publishedBy()).isEqualTo("zhengmin");
        assertThat(stored.publishedAt()).isEqualTo(T0);
        assertThat(stored.notifiedAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
        assertThat(stored.region()).isEqualTo("EAST");
    }

    @Test
    void rolloutAcknowledgedByTheRepsIsClosedByTheFirstDealSignedUnderIt() {
        ProcessInstance pi = startByFormAs("zhengmin", MARKETING, PolicyRolloutProcess.KEY, form("EAST"));
        String policyId = (String) runtimeService().getVariable(pi.getId(), Vars.POLICY_ID);
        execute(job(Task.NOTIFY_REPS, pi));
        for (String rep : List.of("zhangwei", "lina", "wangfang")) {
            var task = taskQuery().processInstanceId(pi.getId()).taskAssignee(rep).singleResult();
            completeAs(rep, REP, task, withVariables(Vars.POLICY_ACKNOWLEDGED, true));
        }
        assertThat(pi).hasPassed(Event.ALL_ACKNOWLEDGED).isWaitingAt(Task.AWAIT_FIRST_DEAL);
        assertThat(repository.reps(policyId)).allSatisfy(r -> assertThat(r.acknowledgedAt()).isEqualTo(T0));

        signed("chenjing", T0.plus(Duration.ofHours(10)), "C-SOUTH"); // not in the policy's scope
        assertThat(pi).isWaitingAt(Task.AWAIT_FIRST_DEAL);
        signed("lina", T0.plus(Duration.ofHours(30)), "C-EAST-1");

        assertThat(pi).isEnded().hasPassed(Event.ROLLOUT_CLOSED).hasNotPassed(Task.ESCALATE_TO_DIRECTOR);
        PolicyRollout closed = repository.find(policyId).orElseThrow();
        assertThat(closed.status()).isEqualTo("CLOSED");
        assertThat(closed.firstDealRep()).isEqualTo("lina");
        assertThat(closed.firstDealReference()).isEqualTo("C-EAST-1");
        assertThat(closed.firstDealAt()).isEqualTo(T0.plus(Duration.ofHours(30)));
    }

    @Test
    void rolloutPastSeventyTwoHoursWithoutADealIsEscalatedToTheDirector() {
        ProcessInstance pi = startByFormAs("zhengmin", MARKETING, PolicyRolloutProcess.KEY, form("ALL"));
        String policyId = (String) runtimeService().getVariable(pi.getId(), Vars.POLICY_ID);
        execute(job(Task.NOTIFY_REPS, pi));

        fireTimer(pi, Event.NO_DEAL_IN_TIME);
        execute(job(Task.ESCALATE_TO_DIRECTOR, pi));

        assertThat(pi).hasPassed(Event.DIRECTOR_ALERTED).isWaitingAt(Task.AWAIT_FIRST_DEAL);
        assertThat(deliveries(policyId)).filteredOn(d -> d.title().startsWith("政策推广超时")).singleElement()
                .satisfies(d -> assertThat(d.recipients()).contains("wanglei").doesNotContain("zhangwei"));
        assertThat(repository.find(policyId).orElseThrow().escalatedAt()).isEqualTo(T0.plus(Duration.ofHours(72)));
        assertThat(repository.reps(policyId)).hasSize(7);
    }

    @Test
    void aManagerIsRefusedWithTheRuleAndNothingIsStored() {
        assertThatThrownBy(() -> startByFormAs("limin", List.of(Groups.SALES_MANAGER), PolicyRolloutProcess.KEY, form("EAST")))
                .satisfies(e -> assertThat(messages(e)).contains(PolicyRolloutProcess.PUBLISH_RULE));
        assertThat(repository.all()).isEmpty();
        assertThat(processInstanceQuery().processDefinitionKey(PolicyRolloutProcess.KEY).count()).isZero();
    }

    @Test
    void everyMissingFieldIsNamed() {
        Map<String, Object> form = form("EAST");
        form.put(Vars.POLICY_TITLE, " ");
        form.put(Vars.POLICY_TEXT, null);
        form.put(Vars.POLICY_KIND, "DISCOUNT");

        assertThatThrownBy(() -> startByFormAs("zhengmin", MARKETING, PolicyRolloutProcess.KEY, form))
                .satisfies(e -> assertThat(messages(e)).contains("policyTitle: ", "policyText: ", "policyKind: ", "[one-of]"));
        assertThat(repository.all()).isEmpty();
    }

    private void signed(String rep, Instant at, String reference) {
        moveClockTo(at);
        tx.executeWithoutResult(s -> events.publishEvent(new DealSigned(rep, null, new BigDecimal("10000.00"), reference, at)));
    }

    private List<Delivery> deliveries(String policyId) {
        return notifications.list(new DeliveryQuery(null, policyId, Channel.DINGTALK, null, DeliveryQuery.DEFAULT_LIMIT));
    }

    static Map<String, Object> form(String region) {
        Map<String, Object> form = new HashMap<>();
        form.put(Vars.POLICY_TITLE, "智能网关 2027 春季返利");
        form.put(Vars.POLICY_KIND, "REBATE");
        form.put(Vars.PRODUCT, "智能网关 GW-200");
        form.put(Vars.REGION, region);
        form.put(Vars.POLICY_TEXT, "3月31日前签约智能网关，返利比例提高2个百分点。");
        return form;
    }
}
