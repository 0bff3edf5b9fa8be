package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.LeadRoutingProcess.Event;
import org.leadtocash.lead.LeadRoutingProcess.Task;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.leadtocash.notify.Channel;
import org.leadtocash.notify.Delivery;
import org.leadtocash.notify.DeliveryQuery;
import org.leadtocash.notify.DeliveryStatus;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.EngineClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bpmn/lead-routing.bpmn} end to end on the real engine: every path, both SLA timers (measured from lead creation,
 * also while routing is an incident), the failing send that ends as an incident, the Tasklist start-form path,
 * and an owner's copy of the diagram with another duration: timers, texts, due dates and the KPI follow the drawing.
 */
@AppTest
class LeadRoutingProcessTests {
    private static final List<String> REP = List.of(Groups.SALES_REP);
    private static final List<String> MANAGER = List.of(Groups.SALES_MANAGER);

    @Autowired RuntimeService runtimeService;
    @Autowired LeadIntake intake;
    @Autowired LeadRepository leads;
    @Autowired LeadEscalations escalations;
    @Autowired NotificationService notifications;
    @Autowired EngineClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestData data;
    @Autowired LeadKpi kpi;

    /** Lead creation time: whole minutes, so due dates compare exactly. */
    private Instant t0;

    @BeforeEach
    void setUp() {
        data.reset();
        t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        moveClockTo(t0);
    }

    // --- happy path ---------------------------------------------------------------------------------------------

    @Test
    void routesApiLeadToPreferredRepWhoReachesTheCustomer() {
        data.openLeads("zhangwei", 1, t0.minus(Duration.ofDays(1)));
        Lead lead = receive("WEBSITE_FORM", "EAST", "250000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        assertThat(pi).isWaitingAt(Task.ROUTE_LEAD).hasBusinessKey(lead.id());

        execute(job(Task.ROUTE_LEAD, pi));

        assertThat(pi).hasPassed(Task.ROUTE_LEAD, Task.ASSIGN_LEAD).hasNotPassed(Task.ASSIGN_LEAD_MANUALLY)
                .isWaitingAt(Task.FIRST_CONTACT);
        assertThat(pi).task().isAssignedTo("lina");
        Lead routed = stored(lead);
        assertThat(routed.status()).isEqualTo(LeadStatus.ASSIGNED);
        assertThat(routed.assignee()).isEqualTo("lina");
        assertThat(routed.routingRule()).contains("官网大额线索");
        String explanation = (String) runtimeService.getVariable(pi.getId(), Vars.ROUTING_EXPLANATION);
        assertThat(explanation).contains("官网大额线索", "zhangwei", "lina", "fewest open leads")
                .isEqualTo(routed.routingExplanation());
        assertThat(task(pi).getDueDate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(4))));

        LocalDate tomorrow = clock.today().plusDays(1);
        completeFirstContact(pi, ContactOutcome.REACHED, tomorrow.toString(), null, "客户有兴趣，约下周演示");

        assertThat(pi).isEnded().hasPassed(Event.LEAD_CONTACTED).hasNotPassed(Event.LEAD_INVALID, Event.REP_REMINDED);
        Lead contacted = stored(lead);
        assertThat(contacted.status()).isEqualTo(LeadStatus.CONTACTED);
        assertThat(contacted.firstContactAt()).isEqualTo(t0);
        assertThat(contacted.nextFollowUpDate()).isEqualTo(tomorrow);
        assertThat(contacted.contactNotes()).isEqualTo("客户有兴趣，约下周演示");
        assertThat(contacted.contactAttempts()).isEqualTo(1);
        assertThat(leads.findCustomer(contacted.customerId()).orElseThrow().ownerId()).isEqualTo("lina");
    }

    @Test
    void notReachedLoopsBackToFirstContactWithTheFourHourTimerStillRunning() {
        Lead lead = receive("TRADE_SHOW_QR", "SOUTH", "30000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        execute(job(Task.ROUTE_LEAD, pi));
        var first = task(pi);
        Date timerDue = timer(pi, Event.FOUR_HOURS_NO_CONTACT).getDuedate();

        moveClockTo(t0.plus(Duration.ofHours(1)));
        completeFirstContact(pi, ContactOutcome.NOT_REACHED, clock.today().plusDays(1).toString(), null, "无人接听");

        assertThat(pi).isWaitingAt(Task.FIRST_CONTACT).hasPassed(Task.RECORD_CONTACT_ATTEMPT)
                .hasNotPassed(Event.LEAD_CONTACTED, Event.LEAD_INVALID);
        var second = task(pi);
        assertThat(second.getId()).isNotEqualTo(first.getId());
        assertThat(second.getAssignee()).isEqualTo(first.getAssignee());
        assertThat(pi).variables().containsEntry(Vars.CONTACT_ATTEMPTS, 1);
        assertThat(timer(pi, Event.FOUR_HOURS_NO_CONTACT).getDuedate()).isEqualTo(timerDue);
        Lead afterAttempt = stored(lead);
        assertThat(afterAttempt.status()).isEqualTo(LeadStatus.ASSIGNED);
        assertThat(afterAttempt.contactAttempts()).isEqualTo(1);
        assertThat(afterAttempt.lastAttemptAt()).isEqualTo(t0.plus(Duration.ofHours(1)));
        assertThat(afterAttempt.firstContactAt()).isNull();

        moveClockTo(t0.plus(Duration.ofHours(2)));
        completeFirstContact(pi, ContactOutcome.REACHED, clock.today().plusDays(2).toString(), null, null);

        assertThat(pi).isEnded().hasPassed(Event.LEAD_CONTACTED);
        Lead contacted = stored(lead);
        assertThat(contacted.status()).isEqualTo(LeadStatus.CONTACTED);
        assertThat(contacted.contactAttempts()).isEqualTo(2);
        assertThat(contacted.firstContactAt()).isEqualTo(t0.plus(Duration.ofHours(2)));
        assertThat(pi).variables().containsEntry(Vars.CONTACT_ATTEMPTS, 2);
        assertThat(jobQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    @Test
    void invalidLeadWithReasonEndsAsInvalid() {
        Lead lead = receive("WEBSITE_FORM", "NORTH", "80000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        execute(job(Task.ROUTE_LEAD, pi));

        completeFirstContact(pi, ContactOutcome.INVALID, null, "同行询价，非真实需求", null);

        assertThat(pi).isEnded().hasPassed(Event.LEAD_INVALID).hasNotPassed(Event.LEAD_CONTACTED);
        Lead invalid = stored(lead);
        assertThat(invalid.status()).isEqualTo(LeadStatus.INVALID);
        assertThat(invalid.invalidReason()).isEqualTo("同行询价，非真实需求");
        assertThat(leads.findCustomer(invalid.customerId()).orElseThrow().ownerId()).isNull();
    }

    @Test
    void refusesInvalidOutcomeWithoutReasonAndKeepsTheTask() {
        assertFirstContactRefused(ContactOutcome.INVALID, null, "  ", "invalidReason");
    }

    @Test
    void refusesReachedWithoutNextFollowUpDateAndKeepsTheTask() {
        assertFirstContactRefused(ContactOutcome.REACHED, null, null, "nextFollowUpDate");
    }

    @Test
    void refusesNextFollowUpDateInThePastAndKeepsTheTask() {
        assertFirstContactRefused(ContactOutcome.NOT_REACHED, LocalDate.ofInstant(t0, clock.zone()).minusDays(1).toString(),
                null, "nextFollowUpDate");
    }

    private void assertFirstContactRefused(ContactOutcome outcome, String nextFollowUp, String reason, String field) {
        Lead lead = receive("WEBSITE_FORM", "EAST", "120000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        execute(job(Task.ROUTE_LEAD, pi));
        var before = task(pi);

        assertThatThrownBy(() -> completeFirstContact(pi, outcome, nextFollowUp, reason, null))
                .satisfies(e -> assertThat(messages(e)).contains(field));

        assertThat(pi).isWaitingAt(Task.FIRST_CONTACT).hasNotPassed(Task.RECORD_CONTACT_ATTEMPT);
        assertThat(task(pi).getId()).isEqualTo(before.getId());
        assertThat(pi).variables().containsEntry(Vars.CONTACT_ATTEMPTS, 0);
        Lead unchanged = stored(lead);
        assertThat(unchanged.status()).isEqualTo(LeadStatus.ASSIGNED);
        assertThat(unchanged.contactAttempts()).isZero();
    }

    // --- no eligible rep: manager assigns, 2 h DingTalk --------------------------------------------------------

    @Test
    void noEligibleRepGoesToSalesManagersWithTwoHourTimerMeasuredFromLeadCreation() {
        data.deactivateAllRepsExcept("chenjing", "liuyang", "zhaoqiang", "sunli");
        Lead lead = receive("WEBSITE_FORM", "EAST", "30000");
        ProcessInstance pi = processInstance(lead.processInstanceId());

        // routing runs 30 minutes after the lead was created: the deadline must not move with it
        moveClockTo(t0.plus(Duration.ofMinutes(30)));
        execute(job(Task.ROUTE_LEAD, pi));

        assertThat(pi).isWaitingAt(Task.ASSIGN_LEAD_MANUALLY).hasNotPassed(Task.FIRST_CONTACT);
        assertThat(pi).task().hasCandidateGroup(Groups.SALES_MANAGER).isNotAssigned();
        assertThat(task(pi).getCreateTime()).isEqualTo(Date.from(t0.plus(Duration.ofMinutes(30))));
        assertThat(timer(pi, Event.TWO_HOURS_UNASSIGNED).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(2))));
        assertThat(pi).variables().containsEntry(Vars.LEAD_ASSIGNED, false);
        assertThat((String) runtimeService.getVariable(pi.getId(), Vars.AVAILABLE_REPS)).isNotBlank();
        assertThat((String) runtimeService.getVariable(pi.getId(), Vars.ROUTING_EXPLANATION)).contains("no eligible rep");
        Lead unassigned = stored(lead);
        assertThat(unassigned.status()).isEqualTo(LeadStatus.UNASSIGNED);
        assertThat(unassigned.assignee()).isNull();
    }

    @Test
    void repsOnTripsOrWithMoreThanEightOpenLeadsLeaveTheLeadToTheManagers() {
        LocalDate today = LocalDate.ofInstant(t0, clock.zone());
        data.trip("zhangwei", today.minusDays(1), today.plusDays(2));
        data.openLeads("lina", 9, t0.minus(Duration.ofDays(2)));
        data.trip("wangfang", today, today);
        Lead lead = receive("TRADE_SHOW_QR", "EAST", "60000");
        ProcessInstance pi = processInstance(lead.processInstanceId());

        execute(job(Task.ROUTE_LEAD, pi));

        assertThat(pi).isWaitingAt(Task.ASSIGN_LEAD_MANUALLY);
        String available = (String) runtimeService.getVariable(pi.getId(), Vars.AVAILABLE_REPS);
        assertThat(available).contains("zhangwei", "lina", "wangfang", "on a business trip", "more than 8 open leads");
    }

    @Test
    void twoHourTimerDingTalksTheSalesManagersOnceAndKeepsTheAssignTask() {
        data.deactivateAllRepsExcept();
        Lead lead = receive("PHONE_CALL", "SOUTH", "100000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        execute(job(Task.ROUTE_LEAD, pi));
        var assignTask = task(pi);

        fireTimer(pi, Event.TWO_HOURS_UNASSIGNED);
        Job notify = job(Task.NOTIFY_MANAGER_UNASSIGNED, pi);
        assertThat(notify).as("the DingTalk send is an async job").isNotNull();
        assertThat(deliveries(lead, Channel.DINGTALK)).isEmpty();
        execute(notify);

        List<Delivery> sent = deliveries(lead, Channel.DINGTALK);
        assertThat(sent).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.NOT_SENT_UNCONFIGURED);
            assertThat(d.recipients()).contains("limin");
            assertThat(d.text()).contains(lead.id(), lead.companyName());
            assertThat(d.processInstanceId()).isEqualTo(pi.getId());
        });
        assertThat(pi).hasPassed(Event.MANAGER_NOTIFIED).isWaitingAt(Task.ASSIGN_LEAD_MANUALLY);
        assertThat(task(pi).getId()).isEqualTo(assignTask.getId());

        // the same occurrence again (a retried job): nothing more is sent or recorded as done
        escalations.alertManagersUnassigned(lead.id(), pi.getId(), sent.get(0).idempotencyKey());
        assertThat(deliveries(lead, Channel.DINGTALK)).hasSize(1);
    }

    @Test
    void aCopyWhoseUnassignedAlertAlsoNamesTheRegionalDirectorAlertsBoth() {
        // change 2: the owner adds the lead's regional director to the alert's recipients in Modeler
        data.addStaff("testdirsouth", "南区总监", "DIRECTOR", "SOUTH", "13800000030");
        data.addStaff("testdireast", "东区总监", "DIRECTOR", "EAST", "13800000031");
        BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/lead-routing.bpmn"));
        ServiceTask alert = model.getModelElementsByType(ServiceTask.class).stream()
                .filter(t -> "${notifyManagerUnassignedDelegate}".equals(t.getCamundaDelegateExpression()))
                .findFirst().orElseThrow();
        CamundaInputParameter recipients = alert.getExtensionElements().getElementsQuery()
                .filterByType(CamundaInputOutput.class).singleResult().getCamundaInputParameters().stream()
                .filter(p -> "recipients".equals(p.getCamundaName())).findFirst().orElseThrow();
        assertThat(recipients.getTextContent()).as("the shipped diagram").isEqualTo("role:manager");
        recipients.setTextContent("role:manager, director-of-region:${region}");
        String deployment = deployCopy(model, "owner-copy-unassigned-director");
        try {
            data.deactivateAllRepsExcept();
            Lead lead = receive("PHONE_CALL", "SOUTH", "100000");
            ProcessInstance pi = processInstance(lead.processInstanceId());
            execute(job(Task.ROUTE_LEAD, pi));
            fireTimer(pi, Event.TWO_HOURS_UNASSIGNED);
            Job notify = job(Task.NOTIFY_MANAGER_UNASSIGNED, pi);

            execute(notify);

            assertThat(deliveries(lead, Channel.DINGTALK)).singleElement().satisfies(d -> {
                assertThat(d.recipients()).contains("limin(138****0010)", "testdirsouth(138****0030)")
                        .doesNotContain("testdireast");
                assertThat(d.text()).contains(lead.id(), lead.companyName());
                assertThat(d.idempotencyKey()).as("stable across retries of the job")
                        .isEqualTo(pi.getId() + "/" + Task.NOTIFY_MANAGER_UNASSIGNED + "/" + notify.getExecutionId());
            });
            assertThat(pi).hasPassed(Event.MANAGER_NOTIFIED).isWaitingAt(Task.ASSIGN_LEAD_MANUALLY);
        } finally {
            repositoryService().deleteDeployment(deployment, true);
        }
    }

    @Test
    void managerAssignmentRefusesAnUnknownUserAndKeepsTheLeadUnassigned() {
        data.deactivateAllRepsExcept("chenjing");
        Lead lead = receive("WEBSITE_FORM", "EAST", "300000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        execute(job(Task.ROUTE_LEAD, pi));
        var assignTask = task(pi);
        moveClockTo(t0.plus(Duration.ofHours(3)));

        assertThatThrownBy(() -> completeAs("limin", MANAGER, assignTask, withVariables(Vars.ASSIGNEE, "nosuchuser")))
                .satisfies(e -> assertThat(messages(e)).contains("assignee", "nosuchuser"));

        assertThat(pi).isWaitingAt(Task.ASSIGN_LEAD_MANUALLY);
        assertThat(stored(lead).status()).isEqualTo(LeadStatus.UNASSIGNED);
    }

    @Test
    void managerHandsTheLeadToTheChosenRepWhoseFourHourDeadlineStillCountsFromLeadCreation() {
        data.deactivateAllRepsExcept("chenjing");
        Lead lead = receive("WEBSITE_FORM", "EAST", "300000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        execute(job(Task.ROUTE_LEAD, pi));
        moveClockTo(t0.plus(Duration.ofHours(3)));

        completeAs("limin", MANAGER, task(Task.ASSIGN_LEAD_MANUALLY, pi), withVariables(Vars.ASSIGNEE, " chenjing "));

        assertThat(pi).hasPassed(Task.RECORD_MANUAL_ASSIGNMENT).isWaitingAt(Task.FIRST_CONTACT);
        assertThat(pi).task().isAssignedTo("chenjing");
        Lead assigned = stored(lead);
        assertThat(assigned.status()).isEqualTo(LeadStatus.ASSIGNED);
        assertThat(assigned.assignee()).isEqualTo("chenjing");
        assertThat(assigned.assignedAt()).isEqualTo(t0.plus(Duration.ofHours(3)));
        assertThat(assigned.routingExplanation()).contains("limin", "chenjing");
        assertThat(timer(pi, Event.TWO_HOURS_UNASSIGNED)).isNull();
        // the 4 h deadline still counts from lead creation, not from the manager's choice
        assertThat(timer(pi, Event.FOUR_HOURS_NO_CONTACT).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(4))));
    }

    // --- 4 h voice call ----------------------------------------------------------------------------------------

    @Test
    void fourHourTimerVoiceCallsTheRepAndKeepsTheFirstContactTaskOpen() {
        data.deactivateAllRepsExcept("lina");
        Lead lead = receive("WEBSITE_FORM", "EAST", "90000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        moveClockTo(t0.plus(Duration.ofMinutes(45)));
        execute(job(Task.ROUTE_LEAD, pi));
        var firstContact = task(pi);
        assertThat(timer(pi, Event.FOUR_HOURS_NO_CONTACT).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(4))));

        fireTimer(pi, Event.FOUR_HOURS_NO_CONTACT);
        Job call = job(Task.VOICE_CALL_REMINDER, pi);
        assertThat(call).as("the voice call is an async job").isNotNull();
        execute(call);

        assertThat(deliveries(lead, Channel.VOICE_CALL)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.NOT_SENT_UNCONFIGURED);
            assertThat(d.recipients()).isEqualTo("lina(138****0002)");
            assertThat(d.text()).contains(lead.id(), lead.contactPhone());
        });
        assertThat(pi).hasPassed(Event.REP_REMINDED).isWaitingAt(Task.FIRST_CONTACT);
        assertThat(task(pi).getId()).isEqualTo(firstContact.getId());

        completeFirstContact(pi, ContactOutcome.REACHED, clock.today().plusDays(1).toString(), null, null);
        assertThat(pi).isEnded().hasPassed(Event.LEAD_CONTACTED);
    }

    @Test
    void failingVoiceCallRetriesFiveTimesThenBecomesAnIncident() {
        data.deactivateAllRepsExcept();
        data.addStaff("test-leaver", "离职 测试", SalesStaff.REP, "NORTH", "13800009999");
        Lead lead = receive("TRADE_SHOW_QR", "NORTH", "40000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        execute(job(Task.ROUTE_LEAD, pi));
        assertThat(pi).task().isAssignedTo("test-leaver");
        // the rep leaves the roster before the reminder is due: the reminder cannot be sent
        jdbc.sql("DELETE FROM sales_staff WHERE user_id = 'test-leaver'").update();

        fireTimer(pi, Event.FOUR_HOURS_NO_CONTACT);
        JobIncident failed = runUntilIncident(pi, Task.VOICE_CALL_REMINDER);

        assertThat(failed.attempts()).as("R5/PT1M").isEqualTo(5);
        assertThat(failed.incident()).isNotNull();
        assertThat(failed.incident().getActivityId()).isEqualTo(Task.VOICE_CALL_REMINDER);
        assertThat(failed.incident().getIncidentMessage()).contains("test-leaver");
        assertThat(failed.job().getExceptionMessage()).contains("test-leaver");
        // the step is not lost, and the rep's task is untouched
        assertThat(pi).isWaitingAt(Task.FIRST_CONTACT, Task.VOICE_CALL_REMINDER).hasNotPassed(Event.REP_REMINDED);
    }

    // --- Tasklist start form ------------------------------------------------------------------------------------

    @Test
    void startFormStoresAPhoneLeadWithTheLeadIdAsBusinessKey() {
        Map<String, Object> form = startForm(TestData.creditCode());

        ProcessInstance started = startByFormAs("zhangwei", REP, LeadRoutingProcess.KEY, form);

        String leadId = jdbc.sql("SELECT id FROM sales_lead WHERE process_instance_id = ?").param(started.getId())
                .query(String.class).single();
        Lead lead = leads.find(leadId).orElseThrow();
        assertThat(lead.source()).isEqualTo(LeadSource.PHONE_CALL);
        assertThat(lead.createdBy()).isEqualTo("zhangwei");
        assertThat(lead.companyName()).isEqualTo(form.get("companyName"));
        assertThat(lead.budgetCny()).isEqualByComparingTo("88000");
        assertThat(lead.status()).isEqualTo(LeadStatus.NEW);
        ProcessInstance pi = processInstance(started.getId());
        assertThat(pi).hasBusinessKey(leadId).hasPassed(Task.REGISTER_LEAD).isWaitingAt(Task.ROUTE_LEAD);
        assertThat(pi).variables().containsEntry(Vars.LEAD_ID, leadId)
                .containsEntry(Vars.SOURCE, "PHONE_CALL").containsEntry(Vars.LEAD_INITIATOR, "zhangwei")
                .containsEntry(Vars.UNASSIGNED_ESCALATION_AT, Date.from(t0.plus(Duration.ofHours(2))))
                .containsEntry(Vars.FIRST_CONTACT_ESCALATION_AT, Date.from(t0.plus(Duration.ofHours(4))));

        execute(job(Task.ROUTE_LEAD, pi));
        assertThat(pi).isWaitingAt(Task.FIRST_CONTACT);
        assertThat(stored(lead).status()).isEqualTo(LeadStatus.ASSIGNED);
    }

    @Test
    void startFormWithInvalidCreditCodeIsRefusedAndStoresNothing() {
        String valid = TestData.creditCode();
        char wrongCheck = valid.charAt(17) == '0' ? '1' : '0';
        Map<String, Object> form = startForm(valid.substring(0, 17) + wrongCheck);

        assertThatThrownBy(() -> startByFormAs("zhangwei", REP, LeadRoutingProcess.KEY, form))
                .satisfies(e -> assertThat(messages(e)).contains("creditCode"));

        assertThat(data.count("sales_lead")).isZero();
        assertThat(data.count("customer")).isZero();
        assertThat(processInstanceQuery().processDefinitionKey(LeadRoutingProcess.KEY).count()).isZero();
    }

    @Test
    void startFormRecordsTheLoggedInUserEvenIfAnotherInitiatorIsSubmitted() {
        Map<String, Object> form = startForm(TestData.creditCode());
        form.put(Vars.LEAD_INITIATOR, "limin");

        ProcessInstance started = startByFormAs("wangfang", REP, LeadRoutingProcess.KEY, form);

        Lead lead = leads.find(processInstance(started.getId()).getBusinessKey()).orElseThrow();
        assertThat(lead.createdBy()).isEqualTo("wangfang");
        assertThat(started).variables().containsEntry(Vars.LEAD_INITIATOR, "wangfang");
    }

    @Test
    void startFormCannotReRouteAnExistingLeadByPassingItsId() {
        data.deactivateAllRepsExcept("zhangwei");
        Lead existing = receive("WEBSITE_FORM", "EAST", "60000");
        execute(job(Task.ROUTE_LEAD, processInstance(existing.processInstanceId())));
        assertThat(stored(existing).assignee()).isEqualTo("zhangwei");
        data.deactivateAllRepsExcept("lina");
        Map<String, Object> form = startForm(TestData.creditCode());
        form.put(Vars.LEAD_ID, existing.id());

        assertThatThrownBy(() -> startByFormAs("lina", REP, LeadRoutingProcess.KEY, form))
                .satisfies(e -> assertThat(messages(e)).contains("leadId"));

        assertThat(processInstanceQuery().processDefinitionKey(LeadRoutingProcess.KEY).count()).isEqualTo(1);
        assertThat(stored(existing).assignee()).isEqualTo("zhangwei");
        assertThat(data.count("sales_lead")).isEqualTo(1);
    }

    // --- SLA timers wherever the token is ----------------------------------------------------------------------

    @Test
    void twoHourAlertFiresWhileRoutingIsAnIncident() {
        Lead lead = receive("WEBSITE_FORM", "EAST", "120000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        // a region the routing step cannot handle: routing retries, then stops as an incident
        runtimeService.setVariable(pi.getId(), Vars.REGION, "MARS");
        JobIncident routing = runUntilIncident(pi, Task.ROUTE_LEAD);
        assertThat(routing.incident()).isNotNull();
        assertThat(timer(pi, Event.TWO_HOURS_UNASSIGNED).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(2))));

        fireTimer(pi, Event.TWO_HOURS_UNASSIGNED);
        execute(job(Task.NOTIFY_MANAGER_UNASSIGNED, pi));

        assertThat(deliveries(lead, Channel.DINGTALK)).singleElement().satisfies(d -> {
            assertThat(d.recipients()).contains("limin");
            assertThat(d.title()).contains("2小时 h");
            assertThat(d.text()).contains(lead.id());
        });
        assertThat(pi).hasPassed(Event.MANAGER_NOTIFIED).isWaitingAt(Task.ROUTE_LEAD);
        assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isOne();
    }

    @Test
    void fourHourTimerWithoutARepYetCallsNobodyAndKeepsTheLeadWithTheManagers() {
        data.deactivateAllRepsExcept();
        Lead lead = receive("PHONE_CALL", "SOUTH", "100000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        execute(job(Task.ROUTE_LEAD, pi));
        assertThat(timer(pi, Event.FOUR_HOURS_NO_CONTACT).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(4))));

        fireTimer(pi, Event.FOUR_HOURS_NO_CONTACT);

        assertThat(pi).hasPassed(Event.NO_REP_TO_REMIND).hasNotPassed(Task.VOICE_CALL_REMINDER)
                .isWaitingAt(Task.ASSIGN_LEAD_MANUALLY);
        assertThat(deliveries(lead, Channel.VOICE_CALL)).isEmpty();
    }

    @Test
    void fourHourTimerFiresWhileAssignmentIsAnIncidentAndCallsNobody() {
        Lead lead = receive("WEBSITE_FORM", "EAST", "120000");
        ProcessInstance pi = processInstance(lead.processInstanceId());
        runtimeService.setVariable(pi.getId(), Vars.REGION, "MARS");
        runUntilIncident(pi, Task.ROUTE_LEAD);

        fireTimer(pi, Event.FOUR_HOURS_NO_CONTACT);

        assertThat(pi).hasPassed(Event.NO_REP_TO_REMIND).isWaitingAt(Task.ROUTE_LEAD);
        assertThat(deliveries(lead, Channel.VOICE_CALL)).isEmpty();
    }

    // --- an owner's copy of the diagram -------------------------------------------------------------------------

    @Test
    void aCopyWithOneHourUnassignedEscalatesAfterOneHourAndSaysSo() {
        String deployment = deployCopyWith(LeadRoutingProcess.Sla.UNASSIGNED, "PT1H");
        try {
            data.deactivateAllRepsExcept();
            Lead lead = receive("WEBSITE_FORM", "EAST", "120000");
            ProcessInstance pi = processInstance(lead.processInstanceId());
            assertThat(repositoryService().createProcessDefinitionQuery().processDefinitionId(pi.getProcessDefinitionId())
                    .singleResult().getDeploymentId()).isEqualTo(deployment);
            execute(job(Task.ROUTE_LEAD, pi));
            assertThat(pi).isWaitingAt(Task.ASSIGN_LEAD_MANUALLY)
                    .variables().containsEntry(Vars.UNASSIGNED_ESCALATION_AT, Date.from(t0.plus(Duration.ofHours(1))));
            assertThat(timer(pi, Event.TWO_HOURS_UNASSIGNED).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(1))));

            fireTimer(pi, Event.TWO_HOURS_UNASSIGNED);
            execute(job(Task.NOTIFY_MANAGER_UNASSIGNED, pi));

            assertThat(deliveries(lead, Channel.DINGTALK)).singleElement()
                    .satisfies(d -> assertThat(d.title()).isEqualTo("线索超时未分配 Lead unassigned for 1小时 h"));
        } finally {
            repositoryService().deleteDeployment(deployment, true);
        }
    }

    @Test
    void aLeadStartedBeforeTheOwnersDeployKeepsTheTwoHoursOfItsOwnVersion() {
        data.deactivateAllRepsExcept();
        Lead before = receive("WEBSITE_FORM", "EAST", "120000");
        ProcessInstance pi = processInstance(before.processInstanceId());
        String deployment = deployCopyWith(LeadRoutingProcess.Sla.UNASSIGNED, "PT1H");
        try {
            execute(job(Task.ROUTE_LEAD, pi));
            assertThat(timer(pi, Event.TWO_HOURS_UNASSIGNED).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(2))));

            fireTimer(pi, Event.TWO_HOURS_UNASSIGNED);
            execute(job(Task.NOTIFY_MANAGER_UNASSIGNED, pi));

            assertThat(deliveries(before, Channel.DINGTALK)).singleElement()
                    .satisfies(d -> assertThat(d.title()).isEqualTo("线索超时未分配 Lead unassigned for 2小时 h"));
        } finally {
            repositoryService().deleteDeployment(deployment, true);
        }
    }

    @Test
    void aCopyWithOneHourFirstContactMakesTheRepDueInOneHourAndTheReminderAndKpiSaySo() {
        String deployment = deployCopyWith(LeadRoutingProcess.Sla.FIRST_CONTACT, "PT1H");
        try {
            data.deactivateAllRepsExcept("lina");
            Lead lead = receive("WEBSITE_FORM", "EAST", "90000");
            ProcessInstance pi = processInstance(lead.processInstanceId());
            moveClockTo(t0.plus(Duration.ofMinutes(20)));
            execute(job(Task.ROUTE_LEAD, pi));
            assertThat(task(pi).getDueDate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(1))));
            assertThat(timer(pi, Event.FOUR_HOURS_NO_CONTACT).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(1))));
            assertThat(kpi.firstContact(clock.today(), clock.today(), null).slaMinutes()).isEqualTo(60);

            fireTimer(pi, Event.FOUR_HOURS_NO_CONTACT);
            execute(job(Task.VOICE_CALL_REMINDER, pi));

            assertThat(deliveries(lead, Channel.VOICE_CALL)).singleElement().satisfies(d -> {
                assertThat(d.title()).isEqualTo("线索1小时 h未联系 Lead not contacted");
                assertThat(d.text()).contains("创建已超过1小时 h");
            });
        } finally {
            repositoryService().deleteDeployment(deployment, true);
        }
        assertThat(kpi.firstContact(clock.today(), clock.today(), null).slaMinutes()).as("the shipped diagram again").isEqualTo(240);
    }

    /**
     * Deploys {@code bpmn/lead-routing.bpmn} with its forms, as an owner would from Modeler, after changing the timer marked
     * {@code sla=<sla>} to {@code duration} with the Camunda model API. Returns the deployment id.
     */
    static String deployCopyWith(String sla, String duration) {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/lead-routing.bpmn"));
        List<TimerEventDefinition> marked = model.getModelElementsByType(TimerEventDefinition.class).stream()
                .filter(t -> ((BaseElement) t.getParentElement()).getExtensionElements() != null
                        && ((BaseElement) t.getParentElement()).getExtensionElements().getElementsQuery()
                        .filterByType(CamundaProperties.class).list().stream()
                        .flatMap(p -> p.getCamundaProperties().stream())
                        .anyMatch(p -> LeadRoutingProcess.Sla.PROPERTY.equals(p.getCamundaName()) && sla.equals(p.getCamundaValue())))
                .toList();
        assertThat(marked).as("timers marked sla=" + sla).hasSize(1);
        marked.get(0).getTimeDuration().setTextContent(duration);
        return deployCopy(model, "owner-copy-" + sla + "-" + duration);
    }

    /** Deploys the changed model with its forms, as an owner would from Modeler. Returns the deployment id. */
    private static String deployCopy(BpmnModelInstance model, String name) {
        var builder = repositoryService().createDeployment().name(name).addModelInstance("lead-routing.bpmn", model);
        for (String form : List.of("lead-phone-intake.form", "assign-lead.form", "first-contact.form")) {
            builder.addString(form, read(Path.of("forms", form)));
        }
        return builder.deploy().getId();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- routing variants --------------------------------------------------------------------------------------

    @Test
    void customerOwnerGetsTheLeadEvenOutsideTheTeamTheRulesPick() {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "500000");
        data.owner((String) body.get("creditCode"), (String) body.get("companyName"), "chenjing");
        Lead lead = intake.receive(body, LeadSource.WEBSITE_FORM).lead();
        ProcessInstance pi = processInstance(lead.processInstanceId());

        execute(job(Task.ROUTE_LEAD, pi));

        assertThat(pi).isWaitingAt(Task.FIRST_CONTACT).task().isAssignedTo("chenjing");
        assertThat((String) runtimeService.getVariable(pi.getId(), Vars.ROUTING_EXPLANATION))
                .contains("one customer, one owner");
        assertThat(stored(lead).assignee()).isEqualTo("chenjing");
    }

    @Test
    void routingExplanationOfAHugeTeamStillFitsTheProcessVariablesAndTheLead() {
        LocalDate today = LocalDate.ofInstant(t0, clock.zone());
        data.deactivateAllRepsExcept();
        for (int i = 0; i < 250; i++) {
            String id = String.format("test-big-%03d", i);
            data.addStaff(id, "大团队销售" + i, SalesStaff.REP, "NORTH", null);
            data.trip(id, today, today.plusDays(1));
        }
        Lead lead = receive("WEBSITE_FORM", "NORTH", "20000");
        ProcessInstance pi = processInstance(lead.processInstanceId());

        execute(job(Task.ROUTE_LEAD, pi));

        assertThat(pi).isWaitingAt(Task.ASSIGN_LEAD_MANUALLY);
        String explanation = (String) runtimeService.getVariable(pi.getId(), Vars.ROUTING_EXPLANATION);
        String available = (String) runtimeService.getVariable(pi.getId(), Vars.AVAILABLE_REPS);
        assertThat(explanation).hasSizeLessThanOrEqualTo(4000)
                .contains("test-big-000", "the rest of the team is not listed", "no eligible rep");
        assertThat(available).hasSizeLessThanOrEqualTo(4000).contains("test-big-000", "the rest of the team is not listed");
        assertThat(stored(lead).routingExplanation()).isEqualTo(explanation);

        data.deactivateAllRepsExcept("sunli");
        complete(task(pi), withVariables(Vars.ASSIGNEE, "sunli"));
        assertThat(pi).isWaitingAt(Task.FIRST_CONTACT).task().isAssignedTo("sunli");
        assertThat((String) runtimeService.getVariable(pi.getId(), Vars.ROUTING_EXPLANATION)).hasSizeLessThanOrEqualTo(4000)
                .endsWith("to sunli");
    }

    // --- the lead, the rep's form, the notifications ------------------------------------------------------------

    private Lead receive(String source, String region, String budget) {
        return intake.receive(TestData.leadBody(source, region, budget), LeadSource.valueOf(source)).lead();
    }

    private Lead stored(Lead lead) {
        return leads.find(lead.id()).orElseThrow();
    }

    /** The assigned rep submits {@code forms/first-contact.form}. */
    private static void completeFirstContact(ProcessInstance pi, ContactOutcome outcome, String nextFollowUp, String reason,
                                             String notes) {
        var task = task(Task.FIRST_CONTACT, pi);
        completeAs(task.getAssignee(), REP, task, withVariables(Vars.CONTACT_OUTCOME, outcome.name(),
                Vars.NEXT_FOLLOW_UP_DATE, nextFollowUp, Vars.INVALID_REASON, reason, Vars.CONTACT_NOTES, notes));
    }

    private List<Delivery> deliveries(Lead lead, Channel channel) {
        return notifications.list(new DeliveryQuery(null, lead.id(), channel, null, DeliveryQuery.DEFAULT_LIMIT));
    }

    /** What Tasklist submits from {@code forms/lead-phone-intake.form}: numbers as numbers, the rest as strings. */
    private static Map<String, Object> startForm(String creditCode) {
        Map<String, Object> form = new HashMap<>();
        form.put(Vars.COMPANY_NAME, "苏州电话线索测试有限公司");
        form.put(Vars.CREDIT_CODE, creditCode);
        form.put(Vars.CONTACT_NAME, "周先生");
        form.put(Vars.CONTACT_PHONE, "0512-66881234");
        form.put(Vars.REGION, "EAST");
        form.put(Vars.BUDGET_CNY, 88000);
        form.put(Vars.PRODUCT_INTEREST, "仓储软件");
        return form;
    }
}
