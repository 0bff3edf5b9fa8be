package org.leadtocash.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.leadtocash.notify.Channel;
import org.leadtocash.notify.Delivery;
import org.leadtocash.notify.DeliveryQuery;
import org.leadtocash.notify.DeliveryStatus;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.payment.PaymentJourneyProcess.Event;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bpmn/payment-journey.bpmn} on the real engine: every node and path (rep at ①–③, finance at ④/⑤, bank receipts
 * at every node, partial then full), the SMS on ②, each node's 48-hour breaker and its repeat (engine clock moved,
 * timer jobs executed), the blocker checklist, the Tasklist start form and filter.
 */
@AppTest
class PaymentJourneyProcessTests {
    /** Monday 2025-06-09 09:00 in Shanghai. */
    static final Instant T0 = Instant.parse("2025-06-09T01:00:00Z");
    static final Duration H48 = Duration.ofHours(48);

    @Autowired ProcessEngine processEngine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired FormService formService;
    @Autowired RepositoryService repositoryService;
    @Autowired IdentityService identityService;
    @Autowired FilterService filterService;
    @Autowired PaymentJourneys journeys;
    @Autowired PaymentSms sms;
    @Autowired NotificationService notifications;
    @Autowired JdbcClient jdbc;
    @Autowired TestData data;
    @Autowired PaymentFixtures fixtures;

    @BeforeEach
    void setUp() {
        data.reset();
        fixtures.reset();
        BpmnAwareTests.init(processEngine);
        setClock(T0);
    }

    @AfterEach
    void tearDown() {
        identityService.clearAuthentication();
        ClockUtil.reset();
    }

    // --- start -----------------------------------------------------------------------------------------------------

    @Test
    void startPutsTheJourneyAtNodeOneWithTheRepsTaskDueWhenTheBreakerFires() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());

        ProcessInstance pi = instance(journey);
        BpmnAwareTests.assertThat(pi).hasBusinessKey(journey.id()).hasPassed(PaymentJourneyProcess.Task.REGISTER_JOURNEY)
                .isWaitingAt(PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED);
        Task task = task(pi, PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED);
        assertThat(task.getAssignee()).isEqualTo("zhangwei");
        assertThat(task.getDueDate()).isEqualTo(Date.from(T0.plus(H48)));
        assertThat(timer(pi, Event.BREAKER_INVOICE_SUBMITTED).getDuedate()).isEqualTo(Date.from(T0.plus(H48)));
        assertThat(journey.node()).isEqualTo(JourneyNode.INVOICE_SUBMITTED);
        assertThat(journey.nodeSince()).isEqualTo(T0);
        assertThat(journey.status()).isEqualTo(PaymentJourney.OPEN);
        assertThat(journey.amountReceived()).isEqualByComparingTo("0");
        assertThat(journey.processInstanceId()).isEqualTo(pi.getId());
        assertThat(runtimeService.getVariables(pi.getId())).containsEntry(Vars.JOURNEY_ID, journey.id())
                .containsEntry(Vars.REP_ID, "zhangwei").containsEntry(Vars.AMOUNT_DUE, 128000.0)
                .containsEntry(Vars.NODE, "INVOICE_SUBMITTED");
    }

    @Test
    void startIsIdempotentPerInvoiceRequest() {
        JourneyStart start = PaymentFixtures.start();
        PaymentJourney first = journeys.start(start);
        setClock(T0.plus(Duration.ofHours(1)));

        PaymentJourneys.Started again = journeys.start(start, "system");

        assertThat(again.created()).isFalse();
        assertThat(again.journey()).isEqualTo(first);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PaymentJourneyProcess.KEY).count())
                .isEqualTo(1);
    }

    @Test
    void journeysStartAndTakeReceiptsWhoeverIsLoggedInBecauseTheFeatureDecidesWhoMay() {
        // the quote chain starts journeys while a rep completes his task; reps have no grant on this process
        identityService.setAuthentication("zhangwei", List.of(Groups.SALES_REP));
        PaymentJourney journey;
        try {
            journey = journeys.start(PaymentFixtures.start());
        } finally {
            identityService.clearAuthentication();
        }
        ProcessInstance pi = instance(journey);
        BpmnAwareTests.assertThat(pi).isWaitingAt(PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED);

        // the statement import runs as a finance user, who has no UPDATE grant on process instances
        identityService.setAuthentication("wufang", List.of(Groups.FINANCE));
        try {
            journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("128000.00"), LocalDate.of(2025, 6, 9), "BK-A", "wufang");
        } finally {
            identityService.clearAuthentication();
        }
        BpmnAwareTests.assertThat(pi).isEnded();
    }

    @Test
    void refusesAnInvalidStartNamingEveryFieldAndStartsNothing() {
        JourneyStart bad = new JourneyStart("IR 1", " ", null, "", "nosuchrep", new BigDecimal("-5"),
                LocalDate.of(2030, 1, 1), null, "12345", null);

        assertThatThrownBy(() -> journeys.start(bad)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("invoiceNo",
                        "invoiceRequestId", "customerName", "repId", "amountDue", "invoiceDate", "procurementContactMobile"));
        assertThat(data.count("payment_journey")).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PaymentJourneyProcess.KEY).count()).isZero();
    }

    @Test
    void refusesASecondJourneyForAnInvoiceNumberThatHasOne() {
        JourneyStart start = PaymentFixtures.start();
        journeys.start(start);
        JourneyStart other = new JourneyStart("IR-OTHER", start.invoiceNo(), null, "B公司", "lina",
                new BigDecimal("10.00"), null, null, null, null);

        assertThatThrownBy(() -> journeys.start(other)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).singleElement().satisfies(err -> {
                    assertThat(err.field()).isEqualTo("invoiceNo");
                    assertThat(err.rule()).isEqualTo("unique");
                }));
        assertThat(data.count("payment_journey")).isEqualTo(1);
    }

    // --- the happy path: ① → ② → ③ → ④ (rep) → ⑤ (finance) ---------------------------------------------------------

    @Test
    void repRecordsNodesTwoToFourAndFinanceConfirmsTheWholeAmountWhichEndsTheJourney() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);

        setClock(T0.plus(Duration.ofHours(20)));
        recordInvoiceSigned(pi, "2025-06-30");
        BpmnAwareTests.assertThat(pi).hasPassed(PaymentJourneyProcess.Task.RECORD_INVOICE_SIGNED)
                .isWaitingAt(PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED, PaymentJourneyProcess.Task.SEND_PAYMENT_STARTED_SMS);
        assertThat(stored(journey).node()).isEqualTo(JourneyNode.INVOICE_SIGNED);
        assertThat(task(pi, PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED).getDueDate())
                .isEqualTo(Date.from(T0.plus(Duration.ofHours(20)).plus(H48)));
        assertThat(timer(pi, Event.BREAKER_INVOICE_SUBMITTED)).as("the node-1 breaker ends with node 1").isNull();
        assertThat(timer(pi, Event.BREAKER_INVOICE_SIGNED).getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofHours(68))));

        setClock(T0.plus(Duration.ofHours(30)));
        completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED,
                Map.of(Vars.PROCUREMENT_REFERENCE, "CG-2025-0611", Vars.PROCUREMENT_STARTED_DATE, "2025-06-10"));
        assertThat(stored(journey).node()).isEqualTo(JourneyNode.PROCUREMENT_STARTED);

        setClock(T0.plus(Duration.ofHours(50)));
        completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_CUSTOMER_PAID,
                Map.of(Vars.CUSTOMER_PAID_DATE, "2025-06-11", Vars.CUSTOMER_PAID_AMOUNT, 128000));
        BpmnAwareTests.assertThat(pi).isWaitingAt(PaymentJourneyProcess.Task.CONFIRM_BANK_RECEIPT);
        BpmnAwareTests.assertThat(pi).task(PaymentJourneyProcess.Task.CONFIRM_BANK_RECEIPT)
                .hasCandidateGroup(Groups.FINANCE).isNotAssigned();
        assertThat(stored(journey).node()).isEqualTo(JourneyNode.CUSTOMER_PAID);

        setClock(T0.plus(Duration.ofHours(60)));
        confirmAsFinance(pi, PaymentJourneyProcess.Task.CONFIRM_BANK_RECEIPT, "128000.00", "2025-06-11", "BK-001");

        BpmnAwareTests.assertThat(pi).hasPassed(PaymentJourneyProcess.Task.RECORD_FINANCE_RECEIPT, Event.JOURNEY_PAID)
                .hasNotPassed(PaymentJourneyProcess.Task.CONFIRM_REMAINING_RECEIPT, PaymentJourneyProcess.Task.BLOCKER_CHECKLIST)
                .isEnded();
        PaymentJourney paid = stored(journey);
        assertThat(paid.status()).isEqualTo(PaymentJourney.PAID);
        assertThat(paid.node()).isEqualTo(JourneyNode.BANK_RECEIVED);
        assertThat(paid.amountReceived()).isEqualByComparingTo("128000.00");
        assertThat(paid.paidAt()).isEqualTo(T0.plus(Duration.ofHours(60)));
        PaymentJourneys.JourneyView view = journeys.view(journey.id(), null);
        assertThat(view.details().procurementReference()).isEqualTo("CG-2025-0611");
        assertThat(view.details().expectedPaymentDate()).isEqualTo(LocalDate.of(2025, 6, 30));
        assertThat(view.details().customerPaidAmount()).isEqualByComparingTo("128000.00");
        assertThat(view.receipts()).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo(Receipt.FINANCE);
            assertThat(r.recordedBy()).isEqualTo("wufang");
            assertThat(r.reference()).isEqualTo("BK-001");
            assertThat(r.nodeBefore()).isEqualTo(JourneyNode.CUSTOMER_PAID);
        });
        assertThat(visits(journey)).containsExactly(
                "INVOICE_SUBMITTED 0-20", "INVOICE_SIGNED 20-30", "PROCUREMENT_STARTED 30-50", "CUSTOMER_PAID 50-60",
                "BANK_RECEIVED 60-60");
    }

    @Test
    void refusesIncompleteInvoiceSignedInputAndKeepsTheRepsTask() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        Task before = task(pi, PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED);
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.INVOICE_SIGNED_DATE, "2025-06-09");
        vars.put(Vars.EXPECTED_PAYMENT_DATE, "2025-06-01");
        vars.put(Vars.PROCUREMENT_CONTACT_NAME, "王采购");
        vars.put(Vars.PROCUREMENT_CONTACT_MOBILE, "021-12345678");

        assertThatThrownBy(() -> completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED, vars))
                .satisfies(e -> assertThat(messages(e)).contains("expectedPaymentDate", "procurementContactMobile"));

        BpmnAwareTests.assertThat(pi).isWaitingAt(PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED)
                .hasNotPassed(PaymentJourneyProcess.Task.RECORD_INVOICE_SIGNED);
        assertThat(task(pi, PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED).getId()).isEqualTo(before.getId());
        assertThat(stored(journey).node()).isEqualTo(JourneyNode.INVOICE_SUBMITTED);
    }

    @Test
    void financeCannotConfirmMoreThanIsOutstanding() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        driveTo(pi, JourneyNode.CUSTOMER_PAID);

        assertThatThrownBy(() -> confirmAsFinance(pi, PaymentJourneyProcess.Task.CONFIRM_BANK_RECEIPT, "128000.01",
                "2025-06-09", null)).satisfies(e -> assertThat(messages(e)).contains("receiptAmount", "outstanding"));

        BpmnAwareTests.assertThat(pi).isWaitingAt(PaymentJourneyProcess.Task.CONFIRM_BANK_RECEIPT);
        assertThat(stored(journey).amountReceived()).isEqualByComparingTo("0");
        assertThat(data.count("payment_receipt")).isZero();
    }

    // --- the SMS on ② ------------------------------------------------------------------------------------------

    @Test
    void recordingInvoiceSignedTextsTheProcurementContactOnceInAnAsyncJob() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        recordInvoiceSigned(pi, "2025-06-30");
        Job smsJob = job(pi, PaymentJourneyProcess.Task.SEND_PAYMENT_STARTED_SMS);
        assertThat(smsJob).as("the SMS is an async job").isNotNull();
        assertThat(deliveries(journey, Channel.SMS)).isEmpty();

        managementService.executeJob(smsJob.getId());

        assertThat(deliveries(journey, Channel.SMS)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.NOT_SENT_UNCONFIGURED);
            assertThat(d.text()).isEqualTo("请确认付款流程已启动，预计6月30日前完成");
            assertThat(d.title()).isEqualTo("PAYMENT_PROCESS_STARTED {\"expectedDate\":\"6月30日\"}");
            assertThat(d.recipients()).isEqualTo("王采购(139****5678)");
            assertThat(d.idempotencyKey()).isEqualTo("payment-journey:" + journey.id() + ":payment-started-sms");
            assertThat(d.processInstanceId()).isEqualTo(pi.getId());
        });
        BpmnAwareTests.assertThat(pi).hasPassed(Event.SMS_SENT).isWaitingAt(PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED);

        // a retried job sends nothing more
        sms.sendPaymentStarted(journey.id(), pi.getId());
        assertThat(deliveries(journey, Channel.SMS)).hasSize(1);
    }

    @Test
    void failingSmsRetriesFiveTimesThenBecomesAnIncidentWhileTheJourneyMovesOn() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        recordInvoiceSigned(pi, "2025-06-30");
        // the contact's mobile is lost before the SMS goes out: it cannot be sent
        jdbc.sql("UPDATE payment_journey SET procurement_contact_mobile = NULL WHERE id = ?").param(journey.id()).update();
        String jobId = job(pi, PaymentJourneyProcess.Task.SEND_PAYMENT_STARTED_SMS).getId();

        int attempts = 0;
        while (attempts < 10 && managementService.createJobQuery().jobId(jobId).singleResult().getRetries() > 0) {
            attempts++;
            try {
                managementService.executeJob(jobId);
            } catch (RuntimeException expected) {
                // recorded on the job and retried (R5/PT5M)
            }
        }

        assertThat(attempts).isEqualTo(5);
        Incident incident = runtimeService.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(PaymentJourneyProcess.Task.SEND_PAYMENT_STARTED_SMS);
        assertThat(incident.getIncidentMessage()).contains("procurement contact mobile");
        completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED,
                Map.of(Vars.PROCUREMENT_REFERENCE, "CG-1", Vars.PROCUREMENT_STARTED_DATE, "2025-06-09"));
        assertThat(stored(journey).node()).isEqualTo(JourneyNode.PROCUREMENT_STARTED);
    }

    // --- each node's 48 h breaker and its repeat ----------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(JourneyNode.class)
    void breakerFiresAfter48HoursAtEveryNodeAlertsRepFinanceAndDirectorAndRepeatsEvery48Hours(JourneyNode node) {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        driveTo(pi, node);
        Instant since = stored(journey).nodeSince();
        String breaker = breakerOf(node);
        String nodeTask = PaymentJourneyProcess.NODE_TASK.get(node);
        Task waiting = task(pi, nodeTask);
        assertThat(waiting.getDueDate()).isEqualTo(Date.from(since.plus(H48)));
        assertThat(timer(pi, breaker).getDuedate()).isEqualTo(Date.from(since.plus(H48)));

        setClock(since.plus(H48));
        managementService.executeJob(timer(pi, breaker).getId());

        Job alert = job(pi, PaymentJourneyProcess.Task.NOTIFY_PAYMENT_BLOCKED);
        assertThat(alert).as("the DingTalk alert is an async job").isNotNull();
        assertThat(timer(pi, breaker).getDuedate()).as("the breaker re-arms for the next 48 h")
                .isEqualTo(Date.from(since.plus(H48).plus(H48)));
        managementService.executeJob(alert.getId());

        assertThat(deliveries(journey, Channel.DINGTALK)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.NOT_SENT_UNCONFIGURED);
            assertThat(d.recipients()).contains("zhangwei(138****0001)", "wufang", "wanglei(138****0020)")
                    .doesNotContain("limin");
            assertThat(d.idempotencyKey()).isEqualTo(pi.getId() + "/" + breaker + "/1");
            assertThat(d.text()).contains("A医院", journey.invoiceNo(), node.label(), node.chinese(), "第1次提醒");
        });
        Task checklist = task(pi, PaymentJourneyProcess.Task.BLOCKER_CHECKLIST);
        assertThat(checklist.getAssignee()).isEqualTo("zhangwei");
        assertThat(checklist.getDueDate()).isEqualTo(Date.from(since.plus(H48).plus(Duration.ofDays(1))));
        assertThat(taskService.getVariable(checklist.getId(), Vars.BREAKER_NODE)).isEqualTo(node.name());
        assertThat(taskService.getVariable(checklist.getId(), Vars.BREAKER_OCCURRENCE)).isEqualTo(1);
        assertThat(task(pi, nodeTask).getId()).as("the node keeps its task").isEqualTo(waiting.getId());

        // still stuck 48 h later: a second alert with its own key, a second checklist
        setClock(since.plus(H48).plus(H48));
        managementService.executeJob(timer(pi, breaker).getId());
        managementService.executeJob(job(pi, PaymentJourneyProcess.Task.NOTIFY_PAYMENT_BLOCKED).getId());

        assertThat(deliveries(journey, Channel.DINGTALK)).extracting(Delivery::idempotencyKey).containsExactlyInAnyOrder(
                pi.getId() + "/" + breaker + "/1", pi.getId() + "/" + breaker + "/2");
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(PaymentJourneyProcess.Task.BLOCKER_CHECKLIST).count()).isEqualTo(2);
        assertThat(journeys.view(journey.id(), null).blockerChecks()).extracting(BlockerCheck::node, BlockerCheck::occurrence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(node, 2), org.assertj.core.groups.Tuple.tuple(node, 1));
        BpmnAwareTests.assertThat(pi).isWaitingAt(nodeTask);
        assertThat(timer(pi, breaker).getDuedate()).isEqualTo(Date.from(since.plus(Duration.ofHours(144))));
    }

    @Test
    void aRetriedAlertJobSendsNothingTwice() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        setClock(T0.plus(H48));
        managementService.executeJob(timer(pi, Event.BREAKER_INVOICE_SUBMITTED).getId());
        managementService.executeJob(job(pi, PaymentJourneyProcess.Task.NOTIFY_PAYMENT_BLOCKED).getId());
        long checkId = journeys.view(journey.id(), null).blockerChecks().get(0).id();

        breakers.alert(checkId);

        assertThat(deliveries(journey, Channel.DINGTALK)).hasSize(1);
    }

    @Autowired PaymentBreakers breakers;

    @Test
    void movingOnBeforeTheBreakerFiresCancelsItAndTheNextNodeStartsItsOwn48Hours() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);

        setClock(T0.plus(Duration.ofHours(47)));
        recordInvoiceSigned(pi, "2025-06-30");
        setClock(T0.plus(H48));

        assertThat(timer(pi, Event.BREAKER_INVOICE_SUBMITTED)).isNull();
        assertThat(timer(pi, Event.BREAKER_INVOICE_SIGNED).getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofHours(95))));
        assertThat(managementService.createJobQuery().processInstanceId(pi.getId()).timers().duedateLowerThan(
                Date.from(T0.plus(H48).plusSeconds(1))).count()).isZero();
        assertThat(data.count("payment_blocker_check")).isZero();
    }

    @Test
    void checklistAnswersAreStoredAsDataAndRefusedWithoutCauseOrNextStep() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        driveTo(pi, JourneyNode.PROCUREMENT_STARTED);
        Instant since = stored(journey).nodeSince();
        setClock(since.plus(H48));
        managementService.executeJob(timer(pi, Event.BREAKER_PROCUREMENT_STARTED).getId());
        managementService.executeJob(job(pi, PaymentJourneyProcess.Task.NOTIFY_PAYMENT_BLOCKED).getId());

        Map<String, Object> empty = new HashMap<>();
        empty.put(Vars.BLOCKER_CAUSES, "[]");
        empty.put(Vars.NEXT_ACTION, " ");
        empty.put(Vars.NEXT_ACTION_DATE, "2025-06-01");
        assertThatThrownBy(() -> completeAsRep(pi, PaymentJourneyProcess.Task.BLOCKER_CHECKLIST, empty))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.BLOCKER_CAUSES, Vars.NEXT_ACTION, Vars.NEXT_ACTION_DATE));
        Map<String, Object> otherWithoutText = new HashMap<>();
        otherWithoutText.put(Vars.BLOCKER_CAUSES, List.of("OTHER"));
        otherWithoutText.put(Vars.NEXT_ACTION, "打电话");
        otherWithoutText.put(Vars.NEXT_ACTION_DATE, "2025-06-12");
        assertThatThrownBy(() -> completeAsRep(pi, PaymentJourneyProcess.Task.BLOCKER_CHECKLIST, otherWithoutText))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.BLOCKER_OTHER_CAUSE));

        Map<String, Object> answer = new HashMap<>();
        // Tasklist sends a checklist as a JSON array
        answer.put(Vars.BLOCKER_CAUSES, "[\"INVOICE_WRONG\",\"CUSTOMER_PROCESS_CHANGED\"]");
        answer.put(Vars.BLOCKER_NOTE, "发票抬头写错，客户采购换了审批流程");
        answer.put(Vars.NEXT_ACTION, "重开发票并寄出");
        answer.put(Vars.NEXT_ACTION_DATE, "2025-06-12");
        completeAsRep(pi, PaymentJourneyProcess.Task.BLOCKER_CHECKLIST, answer);

        BpmnAwareTests.assertThat(pi).hasPassed(PaymentJourneyProcess.Task.RECORD_BLOCKER_CHECKLIST,
                Event.BLOCKER_CHECKLIST_DONE).isWaitingAt(PaymentJourneyProcess.Task.AWAIT_CUSTOMER_PAID);
        BlockerCheck check = journeys.view(journey.id(), null).blockerChecks().get(0);
        assertThat(check.causes()).containsExactly(BlockerCause.INVOICE_WRONG, BlockerCause.CUSTOMER_PROCESS_CHANGED);
        assertThat(check.node()).isEqualTo(JourneyNode.PROCUREMENT_STARTED);
        assertThat(check.customerName()).isEqualTo("A医院");
        assertThat(check.note()).isEqualTo("发票抬头写错，客户采购换了审批流程");
        assertThat(check.nextAction()).isEqualTo("重开发票并寄出");
        assertThat(check.nextActionDate()).isEqualTo(LocalDate.of(2025, 6, 12));
        assertThat(check.answeredBy()).isEqualTo("zhangwei");
        assertThat(check.answeredAt()).isEqualTo(since.plus(H48));
        assertThat(runtimeService.getVariable(pi.getId(), Vars.BLOCKER_CAUSES)).as("the next checklist starts empty").isNull();
    }

    @Test
    void anOpenChecklistStaysWhenTheNodeMovesOnAndIsWithdrawnWhenThePaymentIsComplete() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        setClock(T0.plus(H48));
        managementService.executeJob(timer(pi, Event.BREAKER_INVOICE_SUBMITTED).getId());
        managementService.executeJob(job(pi, PaymentJourneyProcess.Task.NOTIFY_PAYMENT_BLOCKED).getId());

        recordInvoiceSigned(pi, "2025-06-30");

        BpmnAwareTests.assertThat(pi).isWaitingAt(PaymentJourneyProcess.Task.BLOCKER_CHECKLIST,
                PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED);
        journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("128000.00"), LocalDate.of(2025, 6, 11), "BK-9", "wufang");
        BpmnAwareTests.assertThat(pi).isEnded().hasPassed(Event.JOURNEY_PAID);
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    // --- bank receipts: partial then full, early receipts, refusals ------------------------------------------------------

    @Test
    void partialBankReceiptKeepsTheJourneyAtNodeFiveUntilTheTotalIsIn() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        driveTo(pi, JourneyNode.CUSTOMER_PAID);
        setClock(T0.plus(Duration.ofHours(70)));

        ReceiptResult first = journeys.applyBankReceipt(" " + journey.invoiceNo() + " ", new BigDecimal("28000"),
                LocalDate.of(2025, 6, 11), "BK-100", "statement-import");

        assertThat(first).isEqualTo(new ReceiptResult(journey.id(), new BigDecimal("28000.00"), new BigDecimal("28000.00"),
                new BigDecimal("100000.00"), false));
        BpmnAwareTests.assertThat(pi).hasPassed(Event.RECEIPT_AT_CUSTOMER_PAID)
                .isWaitingAt(PaymentJourneyProcess.Task.CONFIRM_REMAINING_RECEIPT);
        BpmnAwareTests.assertThat(pi).task(PaymentJourneyProcess.Task.CONFIRM_REMAINING_RECEIPT).hasCandidateGroup(Groups.FINANCE);
        assertThat(task(pi, PaymentJourneyProcess.Task.CONFIRM_REMAINING_RECEIPT).getDueDate())
                .isEqualTo(Date.from(T0.plus(Duration.ofHours(70)).plus(H48)));
        PaymentJourney partly = stored(journey);
        assertThat(partly.node()).isEqualTo(JourneyNode.BANK_RECEIVED);
        assertThat(partly.status()).isEqualTo(PaymentJourney.OPEN);
        assertThat(partly.amountReceived()).isEqualByComparingTo("28000.00");
        assertThat(runtimeService.getVariable(pi.getId(), Vars.AMOUNT_OUTSTANDING)).isEqualTo(100000.0);
        assertThat(journeys.findOpenByInvoiceNo(journey.invoiceNo())).isPresent();

        setClock(T0.plus(Duration.ofHours(80)));
        ReceiptResult second = journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("60000.00"),
                LocalDate.of(2025, 6, 12), "BK-101", "statement-import");
        assertThat(second.paidInFull()).isFalse();
        assertThat(second.outstanding()).isEqualByComparingTo("40000.00");
        BpmnAwareTests.assertThat(pi).isWaitingAt(PaymentJourneyProcess.Task.CONFIRM_REMAINING_RECEIPT);
        assertThat(stored(journey).nodeSince()).as("money arriving is progress").isEqualTo(T0.plus(Duration.ofHours(80)));

        setClock(T0.plus(Duration.ofHours(90)));
        ReceiptResult last = journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("40000.00"),
                LocalDate.of(2025, 6, 12), "BK-102", "statement-import");

        assertThat(last).isEqualTo(new ReceiptResult(journey.id(), new BigDecimal("40000.00"), new BigDecimal("128000.00"),
                new BigDecimal("0.00"), true));
        BpmnAwareTests.assertThat(pi).isEnded().hasPassed(Event.RECEIPT_AT_BANK_RECEIVED, Event.JOURNEY_PAID);
        PaymentJourney paid = stored(journey);
        assertThat(paid.status()).isEqualTo(PaymentJourney.PAID);
        assertThat(paid.paidAt()).isEqualTo(T0.plus(Duration.ofHours(90)));
        assertThat(journeys.findOpenByInvoiceNo(journey.invoiceNo())).isEmpty();
        assertThat(journeys.view(journey.id(), null).receipts()).extracting(Receipt::reference)
                .containsExactly("BK-100", "BK-101", "BK-102");
        assertThat(visits(journey)).endsWith("CUSTOMER_PAID 0-70", "BANK_RECEIVED 70-90");
    }

    @Test
    void financeConfirmsTheRestAtNodeFiveAfterABankReceipt() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        driveTo(pi, JourneyNode.BANK_RECEIVED);

        confirmAsFinance(pi, PaymentJourneyProcess.Task.CONFIRM_REMAINING_RECEIPT, "100000", "2025-06-09", "BK-X");

        BpmnAwareTests.assertThat(pi).isEnded().hasPassed(PaymentJourneyProcess.Task.RECORD_FINANCE_RECEIPT, Event.JOURNEY_PAID);
        assertThat(stored(journey).status()).isEqualTo(PaymentJourney.PAID);
    }

    @Test
    void anEarlyBankReceiptAtNodeTwoSkipsToNodeFiveAndWithdrawsTheRepsTask() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        driveTo(pi, JourneyNode.INVOICE_SIGNED);

        journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("100000.00"), LocalDate.of(2025, 6, 9), "BK-E", "wufang");

        BpmnAwareTests.assertThat(pi).hasPassed(Event.RECEIPT_AT_INVOICE_SIGNED)
                .isWaitingAt(PaymentJourneyProcess.Task.CONFIRM_REMAINING_RECEIPT);
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED).count()).isZero();
        assertThat(timer(pi, Event.BREAKER_INVOICE_SIGNED)).isNull();
        assertThat(timer(pi, Event.BREAKER_BANK_RECEIVED)).isNotNull();
        assertThat(stored(journey).node()).isEqualTo(JourneyNode.BANK_RECEIVED);
        assertThat(journeys.view(journey.id(), null).receipts()).singleElement()
                .satisfies(r -> assertThat(r.nodeBefore()).isEqualTo(JourneyNode.INVOICE_SIGNED));
        assertThat(visits(journey)).extracting(v -> v.split(" ")[0])
                .containsExactly("INVOICE_SUBMITTED", "INVOICE_SIGNED", "BANK_RECEIVED");
    }

    @ParameterizedTest
    @EnumSource(value = JourneyNode.class, names = {"INVOICE_SUBMITTED", "PROCUREMENT_STARTED"})
    void aFullBankReceiptAtAnEarlierNodeEndsTheJourney(JourneyNode node) {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        driveTo(pi, node);

        ReceiptResult result = journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("128000.00"),
                LocalDate.of(2025, 6, 9), "BK-F", "wufang");

        assertThat(result.paidInFull()).isTrue();
        BpmnAwareTests.assertThat(pi).isEnded().hasPassed(Event.JOURNEY_PAID)
                .hasNotPassed(PaymentJourneyProcess.Task.CONFIRM_REMAINING_RECEIPT);
        assertThat(stored(journey).status()).isEqualTo(PaymentJourney.PAID);
    }

    @Test
    void bankReceiptsThatTheJourneyCannotTakeAreRefusedAndNothingIsApplied() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);
        journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("100.00"), LocalDate.of(2025, 6, 9), "BK-1", "wufang");

        assertRefused(() -> journeys.applyBankReceipt("NO-SUCH-INVOICE", BigDecimal.TEN, LocalDate.of(2025, 6, 9), null, "x"),
                "invoiceNo", "open-journey");
        assertRefused(() -> journeys.applyBankReceipt(journey.invoiceNo(), BigDecimal.ZERO, LocalDate.of(2025, 6, 9), null, "x"),
                "amount", "positive");
        assertRefused(() -> journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("-1"), LocalDate.of(2025, 6, 9), null, "x"),
                "amount", "positive");
        assertRefused(() -> journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("0.001"), LocalDate.of(2025, 6, 9), null, "x"),
                "amount", "scale");
        assertRefused(() -> journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("127900.01"), LocalDate.of(2025, 6, 9), null, "x"),
                "amount", "not-over-outstanding");
        assertRefused(() -> journeys.applyBankReceipt(journey.invoiceNo(), BigDecimal.TEN, LocalDate.of(2025, 6, 9), "BK-1", "x"),
                "reference", "applied-once");
        assertRefused(() -> journeys.applyBankReceipt(journey.invoiceNo(), BigDecimal.TEN, LocalDate.of(2025, 6, 10), null, "x"),
                "valueDate", "not-future");
        assertRefused(() -> journeys.applyBankReceipt(journey.invoiceNo(), BigDecimal.TEN, null, null, "x"),
                "valueDate", "required");

        assertThat(stored(journey).amountReceived()).isEqualByComparingTo("100.00");
        assertThat(data.count("payment_receipt")).isEqualTo(1);
        BpmnAwareTests.assertThat(pi).isWaitingAt(PaymentJourneyProcess.Task.CONFIRM_REMAINING_RECEIPT);

        journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("127900.00"), LocalDate.of(2025, 6, 9), "BK-2", "wufang");
        assertRefused(() -> journeys.applyBankReceipt(journey.invoiceNo(), BigDecimal.ONE, LocalDate.of(2025, 6, 9), "BK-3", "x"),
                "invoiceNo", "open-journey");
    }

    @Test
    void aRefusedReceiptDoesNotSpoilTheCallersTransactionSoAnImportGoesOnWithTheNextLine() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = instance(journey);

        transaction.executeWithoutResult(status -> {
            assertThatThrownBy(() -> journeys.applyBankReceipt("NO-SUCH", BigDecimal.TEN, LocalDate.of(2025, 6, 9), "L1", "import"))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("999999"),
                    LocalDate.of(2025, 6, 9), "L2", "import")).isInstanceOf(InvalidInputException.class);
            journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("128000.00"), LocalDate.of(2025, 6, 9), "L3", "import");
        });

        BpmnAwareTests.assertThat(pi).isEnded();
        assertThat(stored(journey).status()).isEqualTo(PaymentJourney.PAID);
    }

    @Autowired org.springframework.transaction.support.TransactionTemplate transaction;

    // --- the Tasklist start form (finance) and filter -------------------------------------------------------------------

    @Test
    void financeStartsAJourneyForAnInvoiceRaisedElsewhereWithTheStartForm() {
        Map<String, Object> form = startForm("FP-EXT-0001");
        identityService.setAuthentication("wufang", List.of(Groups.FINANCE));
        ProcessInstance started = engineAsAdmin(() -> formService.submitStartForm(definitionId(), form));
        identityService.clearAuthentication();

        ProcessInstance pi = runtimeService.createProcessInstanceQuery().processInstanceId(started.getId()).singleResult();
        BpmnAwareTests.assertThat(pi).hasBusinessKey("INV-FP-EXT-0001").isWaitingAt(PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED);
        BpmnAwareTests.assertThat(pi).task().isAssignedTo("chenjing");
        PaymentJourney journey = journeys.find("INV-FP-EXT-0001").orElseThrow();
        assertThat(journey.amountDue()).isEqualByComparingTo("56000.50");
        assertThat(journey.processInstanceId()).isEqualTo(pi.getId());
        assertThat(journeys.view(journey.id(), null).details().startedBy()).isEqualTo("wufang");
        assertThat(runtimeService.getVariables(pi.getId())).containsEntry(Vars.JOURNEY_ID, "INV-FP-EXT-0001")
                .containsEntry(Vars.JOURNEY_INITIATOR, "wufang").containsEntry(Vars.NODE, "INVOICE_SUBMITTED");
        assertThat(task(pi, PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED).getDueDate()).isEqualTo(Date.from(T0.plus(H48)));
    }

    @Test
    void startFormIsRefusedForNonFinanceUsersAndForInvalidInput() {
        identityService.setAuthentication("zhangwei", List.of(Groups.SALES_REP));
        assertThatThrownBy(() -> engineAsAdmin(() -> formService.submitStartForm(definitionId(), startForm("FP-EXT-2"))))
                .satisfies(e -> assertThat(messages(e)).contains("journeyInitiator", "finance"));
        identityService.clearAuthentication();

        Map<String, Object> bad = startForm("FP-EXT-3");
        bad.put(Vars.AMOUNT_DUE, 0);
        bad.put(Vars.REP_ID, "wufang");
        identityService.setAuthentication("wufang", List.of(Groups.FINANCE));
        assertThatThrownBy(() -> engineAsAdmin(() -> formService.submitStartForm(definitionId(), bad)))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.AMOUNT_DUE, Vars.REP_ID));

        Map<String, Object> hijack = startForm("FP-EXT-4");
        PaymentJourney existing = journeys.start(PaymentFixtures.start());
        hijack.put(Vars.JOURNEY_ID, existing.id());
        assertThatThrownBy(() -> engineAsAdmin(() -> formService.submitStartForm(definitionId(), hijack)))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.JOURNEY_ID));
        identityService.clearAuthentication();

        assertThat(data.count("payment_journey")).isEqualTo(1);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(PaymentJourneyProcess.KEY).count()).isEqualTo(1);
    }

    @Test
    void tasklistFilterListsTheRepsPaymentTasksMostOverdueFirst() {
        PaymentJourney older = journeys.start(PaymentFixtures.start());
        setClock(T0.plus(Duration.ofHours(5)));
        PaymentJourney newer = journeys.start(PaymentFixtures.start());
        journeys.start(PaymentFixtures.start("lina", "C公司", "500.00"));
        setClock(T0.plus(Duration.ofHours(6)));
        recordInvoiceSigned(instance(older), "2025-06-30");
        setClock(T0.plus(Duration.ofHours(60)));

        Filter filter = filterService.createFilterQuery().filterName(PaymentTaskFilter.NAME).singleResult();
        assertThat(filter).isNotNull();
        identityService.setAuthentication("zhangwei", List.of(Groups.SALES_REP));
        List<Task> tasks;
        try {
            tasks = filterService.list(filter.getId());
        } finally {
            identityService.clearAuthentication();
        }

        assertThat(tasks).extracting(Task::getProcessInstanceId, Task::getDueDate).containsExactly(
                org.assertj.core.groups.Tuple.tuple(newer.processInstanceId(), Date.from(T0.plus(Duration.ofHours(53)))),
                org.assertj.core.groups.Tuple.tuple(older.processInstanceId(), Date.from(T0.plus(Duration.ofHours(54)))));
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private void driveTo(ProcessInstance pi, JourneyNode node) {
        if (node == JourneyNode.INVOICE_SUBMITTED) {
            return;
        }
        recordInvoiceSigned(pi, "2025-06-30");
        if (node == JourneyNode.INVOICE_SIGNED) {
            return;
        }
        completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED,
                Map.of(Vars.PROCUREMENT_REFERENCE, "CG-2025-0611", Vars.PROCUREMENT_STARTED_DATE, "2025-06-09"));
        if (node == JourneyNode.PROCUREMENT_STARTED) {
            return;
        }
        completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_CUSTOMER_PAID,
                Map.of(Vars.CUSTOMER_PAID_DATE, "2025-06-09", Vars.CUSTOMER_PAID_AMOUNT, 128000));
        if (node == JourneyNode.CUSTOMER_PAID) {
            return;
        }
        String invoiceNo = (String) runtimeService.getVariable(pi.getId(), Vars.INVOICE_NO);
        journeys.applyBankReceipt(invoiceNo, new BigDecimal("28000.00"), LocalDate.of(2025, 6, 9), "BK-PART", "wufang");
    }

    private void recordInvoiceSigned(ProcessInstance pi, String expected) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.INVOICE_SIGNED_DATE, LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(),
                java.time.ZoneId.of("Asia/Shanghai")).toString());
        vars.put(Vars.EXPECTED_PAYMENT_DATE, expected);
        vars.put(Vars.PROCUREMENT_CONTACT_NAME, "王采购");
        vars.put(Vars.PROCUREMENT_CONTACT_MOBILE, "139 1234 5678");
        completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED, vars);
    }

    private void completeAsRep(ProcessInstance pi, String taskKey, Map<String, Object> vars) {
        Task task = task(pi, taskKey);
        identityService.setAuthentication(task.getAssignee(), List.of(Groups.SALES_REP));
        try {
            taskService.complete(task.getId(), vars);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private void confirmAsFinance(ProcessInstance pi, String taskKey, String amount, String valueDate, String reference) {
        Task task = task(pi, taskKey);
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.RECEIPT_AMOUNT, Double.valueOf(amount));
        vars.put(Vars.RECEIPT_VALUE_DATE, valueDate);
        vars.put(Vars.RECEIPT_REFERENCE, reference);
        identityService.setAuthentication("wufang", List.of(Groups.FINANCE));
        try {
            taskService.claim(task.getId(), "wufang");
            taskService.complete(task.getId(), vars);
        } finally {
            identityService.clearAuthentication();
        }
    }

    /** Form submissions by users need Camunda grants the lead's IdentitySetup gives; the delegates decide here. */
    private <T> T engineAsAdmin(java.util.function.Supplier<T> call) {
        var user = identityService.getCurrentAuthentication();
        identityService.setAuthentication(user.getUserId(), concat(user.getGroupIds(), "camunda-admin"));
        try {
            return call.get();
        } finally {
            identityService.setAuthentication(user.getUserId(), user.getGroupIds());
        }
    }

    private static List<String> concat(List<String> list, String extra) {
        List<String> all = new ArrayList<>(list);
        all.add(extra);
        return all;
    }

    private void assertRefused(Runnable call, String field, String rule) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).anySatisfy(err -> {
                    assertThat(err.field()).isEqualTo(field);
                    assertThat(err.rule()).isEqualTo(rule);
                }));
    }

    private static String breakerOf(JourneyNode node) {
        return PaymentJourneyProcess.BREAKER_NODE.entrySet().stream().filter(e -> e.getValue() == node)
                .findFirst().orElseThrow().getKey();
    }

    private ProcessInstance instance(PaymentJourney journey) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(journey.processInstanceId()).singleResult();
    }

    private PaymentJourney stored(PaymentJourney journey) {
        return journeys.find(journey.id()).orElseThrow();
    }

    /** "NODE enteredHour-leftHour", hours after T0. */
    private List<String> visits(PaymentJourney journey) {
        return jdbc.sql("SELECT node, entered_at, left_at FROM payment_node_visit WHERE journey_id = ? ORDER BY entered_at, id")
                .param(journey.id())
                .query((rs, i) -> rs.getString("node") + " " + hours(rs.getObject("entered_at", java.time.OffsetDateTime.class))
                        + "-" + hours(rs.getObject("left_at", java.time.OffsetDateTime.class)))
                .list();
    }

    private static String hours(java.time.OffsetDateTime t) {
        return t == null ? "" : String.valueOf(Duration.between(T0, t.toInstant()).toHours());
    }

    private Task task(ProcessInstance pi, String taskKey) {
        return taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(taskKey).singleResult();
    }

    private Job job(ProcessInstance pi, String activityId) {
        return managementService.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).singleResult();
    }

    private Job timer(ProcessInstance pi, String boundaryEventId) {
        return managementService.createJobQuery().processInstanceId(pi.getId()).timers().activityId(boundaryEventId)
                .singleResult();
    }

    private List<Delivery> deliveries(PaymentJourney journey, Channel channel) {
        return notifications.list(new DeliveryQuery(null, journey.id(), channel, null, DeliveryQuery.DEFAULT_LIMIT));
    }

    private String definitionId() {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(PaymentJourneyProcess.KEY)
                .latestVersion().singleResult().getId();
    }

    /** What Tasklist submits from {@code forms/payment-journey-start.form}. */
    private static Map<String, Object> startForm(String invoiceNo) {
        Map<String, Object> form = new HashMap<>();
        form.put(Vars.INVOICE_NO, invoiceNo);
        form.put(Vars.INVOICE_DATE, "2025-06-05");
        form.put(Vars.CUSTOMER_NAME, "深圳某某医院");
        form.put(Vars.PROJECT_NAME, "影像系统项目");
        form.put(Vars.REP_ID, "chenjing");
        form.put(Vars.AMOUNT_DUE, 56000.5);
        form.put(Vars.PROCUREMENT_CONTACT_NAME, "李采购");
        form.put(Vars.PROCUREMENT_CONTACT_MOBILE, "13700001111");
        return form;
    }

    private static void setClock(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    private static String messages(Throwable e) {
        List<String> all = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.add(String.valueOf(t.getMessage()));
        }
        return String.join(" | ", all);
    }
}
