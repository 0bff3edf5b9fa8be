package org.leadtocash.payment;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaEntry;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaMap;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadtocash.notify.Channel;
import org.leadtocash.notify.Delivery;
import org.leadtocash.notify.DeliveryQuery;
import org.leadtocash.notify.DeliveryStatus;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.payment.PaymentJourneyProcess.Event;
import org.leadtocash.payment.PaymentJourneyProcess.Task;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code bpmn/payment-journey.bpmn} on the real engine: every node and path (rep at ①–③, finance at ④/⑤, bank receipts
 * at every node, partial then full), the SMS on ②, each node's 48-hour breaker and its repeat (engine clock moved,
 * timer jobs executed), the blocker checklist, the Tasklist start form and filter, and an owner's copy of the diagram
 * with another breaker at one node: its timer, due date, alert text and the stuck view follow the drawing.
 */
@AppTest
class PaymentJourneyProcessTests {
    /** Monday 2025-06-09 09:00 in Shanghai. */
    static final Instant T0 = Instant.parse("2025-06-09T01:00:00Z");
    static final Duration H48 = Duration.ofHours(48);
    private static final List<String> REP = List.of(Groups.SALES_REP);
    private static final List<String> FINANCE = List.of(Groups.FINANCE);

    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired FilterService filterService;
    @Autowired PaymentJourneys journeys;
    @Autowired PaymentSms sms;
    @Autowired PaymentBreakers breakers;
    @Autowired StuckPayments stuck;
    @Autowired NotificationService notifications;
    @Autowired JdbcClient jdbc;
    @Autowired TestData data;
    @Autowired PaymentFixtures fixtures;
    @Autowired TransactionTemplate transaction;

    @BeforeEach
    void setUp() {
        data.reset();
        fixtures.reset();
        moveClockTo(T0);
    }

    // --- start -----------------------------------------------------------------------------------------------------

    @Test
    void startPutsTheJourneyAtNodeOneWithTheRepsTaskDueWhenTheBreakerFires() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());

        ProcessInstance pi = processInstance(journey.processInstanceId());
        assertThat(pi).hasBusinessKey(journey.id()).hasPassed(Task.REGISTER_JOURNEY)
                .isWaitingAt(Task.AWAIT_INVOICE_SIGNED);
        var task = task(Task.AWAIT_INVOICE_SIGNED, pi);
        assertThat(task.getAssignee()).isEqualTo("zhangwei");
        assertThat(task.getDueDate()).isEqualTo(Date.from(T0.plus(H48)));
        assertThat(timer(pi, Event.BREAKER_INVOICE_SUBMITTED).getDuedate()).isEqualTo(Date.from(T0.plus(H48)));
        assertThat(journey.node()).isEqualTo("INVOICE_SUBMITTED");
        assertThat(journey.nodeSince()).isEqualTo(T0);
        assertThat(journey.status()).isEqualTo(PaymentJourney.OPEN);
        assertThat(journey.amountReceived()).isEqualByComparingTo("0");
        assertThat(journey.processInstanceId()).isEqualTo(pi.getId());
        assertThat(pi).variables().containsEntry(Vars.JOURNEY_ID, journey.id())
                .containsEntry(Vars.REP_ID, "zhangwei").containsEntry(Vars.AMOUNT_DUE, 128000.0)
                .containsEntry(Vars.NODE, "INVOICE_SUBMITTED");
    }

    @Test
    void startIsIdempotentPerInvoiceRequest() {
        JourneyStart start = PaymentFixtures.start();
        PaymentJourney first = journeys.start(start);
        moveClockTo(T0.plus(Duration.ofHours(1)));

        PaymentJourneys.Started again = journeys.start(start, "system");

        assertThat(again.created()).isFalse();
        assertThat(again.journey()).isEqualTo(first);
        assertThat(processInstanceQuery().processDefinitionKey(PaymentJourneyProcess.KEY).count()).isEqualTo(1);
    }

    @Test
    void journeysStartAndTakeReceiptsWhoeverIsLoggedInBecauseTheFeatureDecidesWhoMay() {
        // the quote chain starts journeys while a rep completes his task; reps have no grant on this process
        PaymentJourney journey = as("zhangwei", REP, () -> journeys.start(PaymentFixtures.start()));
        ProcessInstance pi = processInstance(journey.processInstanceId());
        assertThat(pi).isWaitingAt(Task.AWAIT_INVOICE_SIGNED);

        // the statement import runs as a finance user, who has no UPDATE grant on process instances
        as("wufang", FINANCE,
                () -> journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("128000.00"), LocalDate.of(2025, 6, 9), "BK-A", "wufang"));
        assertThat(pi).isEnded();
    }

    @Test
    void refusesAnInvalidStartNamingEveryFieldAndStartsNothing() {
        JourneyStart bad = new JourneyStart("IR 1", " ", null, "", "nosuchrep", new BigDecimal("-5"),
                LocalDate.of(2030, 1, 1), null, "12345", null);

        assertThatThrownBy(() -> journeys.start(bad)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactlyInAnyOrder("invoiceNo",
                        "invoiceRequestId", "customerName", "repId", "amountDue", "invoiceDate", "procurementContactMobile"));
        assertThat(data.count("payment_journey")).isZero();
        assertThat(processInstanceQuery().processDefinitionKey(PaymentJourneyProcess.KEY).count()).isZero();
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
        ProcessInstance pi = processInstance(journey.processInstanceId());

        moveClockTo(T0.plus(Duration.ofHours(20)));
        recordInvoiceSigned(pi, "2025-06-30");
        assertThat(pi).hasPassed(Task.RECORD_INVOICE_SIGNED)
                .isWaitingAt(Task.AWAIT_PROCUREMENT_STARTED, Task.SEND_PAYMENT_STARTED_SMS);
        assertThat(stored(journey).node()).isEqualTo("INVOICE_SIGNED");
        assertThat(task(Task.AWAIT_PROCUREMENT_STARTED, pi).getDueDate())
                .isEqualTo(Date.from(T0.plus(Duration.ofHours(20)).plus(H48)));
        assertThat(timer(pi, Event.BREAKER_INVOICE_SUBMITTED)).as("the node-1 breaker ends with node 1").isNull();
        assertThat(timer(pi, Event.BREAKER_INVOICE_SIGNED).getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofHours(68))));

        moveClockTo(T0.plus(Duration.ofHours(30)));
        completeAsRep(pi, Task.AWAIT_PROCUREMENT_STARTED,
                Map.of(Vars.PROCUREMENT_REFERENCE, "CG-2025-0611", Vars.PROCUREMENT_STARTED_DATE, "2025-06-10"));
        assertThat(stored(journey).node()).isEqualTo("PROCUREMENT_STARTED");

        moveClockTo(T0.plus(Duration.ofHours(50)));
        completeAsRep(pi, Task.AWAIT_CUSTOMER_PAID,
                Map.of(Vars.CUSTOMER_PAID_DATE, "2025-06-11", Vars.CUSTOMER_PAID_AMOUNT, 128000));
        assertThat(pi).isWaitingAt(Task.CONFIRM_BANK_RECEIPT);
        assertThat(pi).task(Task.CONFIRM_BANK_RECEIPT)
                .hasCandidateGroup(Groups.FINANCE).isNotAssigned();
        assertThat(stored(journey).node()).isEqualTo("CUSTOMER_PAID");

        moveClockTo(T0.plus(Duration.ofHours(60)));
        confirmAsFinance(pi, Task.CONFIRM_BANK_RECEIPT, "128000.00", "2025-06-11", "BK-001");

        assertThat(pi).hasPassed(Task.RECORD_FINANCE_RECEIPT, Event.JOURNEY_PAID)
                .hasNotPassed(Task.CONFIRM_REMAINING_RECEIPT, Task.BLOCKER_CHECKLIST)
                .isEnded();
        PaymentJourney paid = stored(journey);
        assertThat(paid.status()).isEqualTo(PaymentJourney.PAID);
        assertThat(paid.node()).isEqualTo("BANK_RECEIVED");
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
            assertThat(r.nodeBefore()).isEqualTo("CUSTOMER_PAID");
        });
        assertThat(visits(journey)).containsExactly(
                "INVOICE_SUBMITTED 0-20", "INVOICE_SIGNED 20-30", "PROCUREMENT_STARTED 30-50", "CUSTOMER_PAID 50-60",
                "BANK_RECEIVED 60-60");
    }

    @Test
    void refusesIncompleteInvoiceSignedInputAndKeepsTheRepsTask() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());
        var before = task(Task.AWAIT_INVOICE_SIGNED, pi);
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.INVOICE_SIGNED_DATE, "2025-06-09");
        vars.put(Vars.EXPECTED_PAYMENT_DATE, "2025-06-01");
        vars.put(Vars.PROCUREMENT_CONTACT_NAME, "王采购");
        vars.put(Vars.PROCUREMENT_CONTACT_MOBILE, "021-12345678");

        assertThatThrownBy(() -> completeAsRep(pi, Task.AWAIT_INVOICE_SIGNED, vars))
                .satisfies(e -> assertThat(messages(e)).contains("expectedPaymentDate", "procurementContactMobile"));

        assertThat(pi).isWaitingAt(Task.AWAIT_INVOICE_SIGNED)
                .hasNotPassed(Task.RECORD_INVOICE_SIGNED);
        assertThat(task(Task.AWAIT_INVOICE_SIGNED, pi).getId()).isEqualTo(before.getId());
        assertThat(stored(journey).node()).isEqualTo("INVOICE_SUBMITTED");
    }

    @Test
    void financeCannotConfirmMoreThanIsOutstanding() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());
        driveTo(pi, "CUSTOMER_PAID");

        assertThatThrownBy(() -> confirmAsFinance(pi, Task.CONFIRM_BANK_RECEIPT, "128000.01",
                "2025-06-09", null)).satisfies(e -> assertThat(messages(e)).contains("receiptAmount", "outstanding"));

        assertThat(pi).isWaitingAt(Task.CONFIRM_BANK_RECEIPT);
        assertThat(stored(journey).amountReceived()).isEqualByComparingTo("0");
        assertThat(data.count("payment_receipt")).isZero();
    }

    // --- the SMS on ② ------------------------------------------------------------------------------------------

    @Test
    void recordingInvoiceSignedTextsTheProcurementContactOnceInAnAsyncJob() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());
        recordInvoiceSigned(pi, "2025-06-30");
        Job smsJob = job(Task.SEND_PAYMENT_STARTED_SMS, pi);
        assertThat(smsJob).as("the SMS is an async job").isNotNull();
        assertThat(deliveries(journey, Channel.SMS)).isEmpty();

        execute(smsJob);

        assertThat(deliveries(journey, Channel.SMS)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.NOT_SENT_UNCONFIGURED);
            assertThat(d.text()).isEqualTo("请确认付款流程已启动，预计6月30日前完成");
            assertThat(d.title()).isEqualTo("PAYMENT_PROCESS_STARTED {\"expectedDate\":\"6月30日\"}");
            assertThat(d.recipients()).isEqualTo("王采购(139****5678)");
            assertThat(d.idempotencyKey()).isEqualTo("payment-journey:" + journey.id() + ":payment-started-sms");
            assertThat(d.processInstanceId()).isEqualTo(pi.getId());
        });
        assertThat(pi).hasPassed(Event.SMS_SENT).isWaitingAt(Task.AWAIT_PROCUREMENT_STARTED);

        // a retried job sends nothing more
        sms.sendPaymentStarted(journey.id(), pi.getId());
        assertThat(deliveries(journey, Channel.SMS)).hasSize(1);
    }

    @Test
    void aCopyWithANewSmsTemplateCodeAndParametersSendsThatWording() {
        // change 12: the owner sets the provider's new template and its parameters on the SMS task in Modeler
        BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/payment-journey.bpmn"));
        ServiceTask smsTask = model.getModelElementsByType(ServiceTask.class).stream()
                .filter(t -> "${sendPaymentStartedSmsDelegate}".equals(t.getCamundaDelegateExpression()))
                .findFirst().orElseThrow();
        CamundaInputOutput io = smsTask.getExtensionElements().getElementsQuery()
                .filterByType(CamundaInputOutput.class).singleResult();
        for (CamundaInputParameter p : io.getCamundaInputParameters()) {
            if ("smsTemplateCode".equals(p.getCamundaName())) {
                p.setTextContent("SMS_480000123");
            } else if ("templateParams".equals(p.getCamundaName())) {
                CamundaMap map = p.getValue();
                map.getCamundaEntries().clear();
                for (String[] e : new String[][] {{"date", "{expectedDate}"}, {"customer", "{customerName}"}}) {
                    CamundaEntry entry = model.newInstance(CamundaEntry.class);
                    entry.setCamundaKey(e[0]);
                    entry.setTextContent(e[1]);
                    map.getCamundaEntries().add(entry);
                }
            }
        }
        String deployment = deployCopy(model, "owner-copy-sms-template");
        try {
            PaymentJourney journey = journeys.start(PaymentFixtures.start());
            ProcessInstance pi = processInstance(journey.processInstanceId());
            recordInvoiceSigned(pi, "2025-06-30");

            execute(job(Task.SEND_PAYMENT_STARTED_SMS, pi));

            assertThat(deliveries(journey, Channel.SMS)).singleElement().satisfies(d -> {
                assertThat(org.leadtocash.notify.SmsTemplate.parse(d.title(), d.text(), "")).isEqualTo(
                        new org.leadtocash.notify.SmsTemplate.Call("SMS_480000123",
                                Map.of("customer", journey.customerName(), "date", "6月30日")));
                assertThat(d.recipients()).isEqualTo("王采购(139****5678)");
                assertThat(d.idempotencyKey()).isEqualTo("payment-journey:" + journey.id() + ":payment-started-sms");
            });
        } finally {
            repositoryService().deleteDeployment(deployment, true);
        }
        // the shipped diagram again: the template and parameter the owner has not changed
        PaymentJourney again = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(again.processInstanceId());
        recordInvoiceSigned(pi, "2025-06-30");
        execute(job(Task.SEND_PAYMENT_STARTED_SMS, pi));
        assertThat(deliveries(again, Channel.SMS)).singleElement().extracting(Delivery::title)
                .isEqualTo("PAYMENT_PROCESS_STARTED {\"expectedDate\":\"6月30日\"}");
    }

    @Test
    void failingSmsRetriesFiveTimesThenBecomesAnIncidentWhileTheJourneyMovesOn() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());
        recordInvoiceSigned(pi, "2025-06-30");
        // the contact's mobile is lost before the SMS goes out: it cannot be sent
        jdbc.sql("UPDATE payment_journey SET procurement_contact_mobile = NULL WHERE id = ?").param(journey.id()).update();

        JobIncident failed = runUntilIncident(pi, Task.SEND_PAYMENT_STARTED_SMS);

        assertThat(failed.attempts()).as("R5/PT5M").isEqualTo(5);
        assertThat(failed.incident().getActivityId()).isEqualTo(Task.SEND_PAYMENT_STARTED_SMS);
        assertThat(failed.incident().getIncidentMessage()).contains("procurement contact mobile");
        completeAsRep(pi, Task.AWAIT_PROCUREMENT_STARTED,
                Map.of(Vars.PROCUREMENT_REFERENCE, "CG-1", Vars.PROCUREMENT_STARTED_DATE, "2025-06-09"));
        assertThat(stored(journey).node()).isEqualTo("PROCUREMENT_STARTED");
    }

    // --- each node's 48 h breaker and its repeat ----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"INVOICE_SUBMITTED", "INVOICE_SIGNED", "PROCUREMENT_STARTED", "CUSTOMER_PAID", "BANK_RECEIVED"})
    void breakerFiresAfter48HoursAtEveryNodeAlertsRepFinanceAndDirectorAndRepeatsEvery48Hours(String node) {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());
        driveTo(pi, node);
        Instant since = stored(journey).nodeSince();
        String breaker = breakerOf(node);
        String nodeTask = PaymentFixtures.shipped(node).task();
        var waiting = task(nodeTask, pi);
        assertThat(waiting.getDueDate()).isEqualTo(Date.from(since.plus(H48)));
        assertThat(timer(pi, breaker).getDuedate()).isEqualTo(Date.from(since.plus(H48)));

        fireTimer(pi, breaker);

        Job alert = job(Task.NOTIFY_PAYMENT_BLOCKED, pi);
        assertThat(alert).as("the DingTalk alert is an async job").isNotNull();
        assertThat(timer(pi, breaker).getDuedate()).as("the breaker re-arms for the next 48 h")
                .isEqualTo(Date.from(since.plus(H48).plus(H48)));
        execute(alert);

        assertThat(deliveries(journey, Channel.DINGTALK)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.NOT_SENT_UNCONFIGURED);
            assertThat(d.recipients()).contains("zhangwei(138****0001)", "wufang", "wanglei(138****0020)")
                    .doesNotContain("limin");
            assertThat(d.idempotencyKey()).isEqualTo(pi.getId() + "/" + breaker + "/1");
            assertThat(d.text()).contains("A医院", journey.invoiceNo(), PaymentFixtures.shipped(node).label(),
                    PaymentFixtures.shipped(node).chinese(), "第1次提醒");
        });
        var checklist = task(Task.BLOCKER_CHECKLIST, pi);
        assertThat(checklist.getAssignee()).isEqualTo("zhangwei");
        assertThat(checklist.getDueDate()).isEqualTo(Date.from(since.plus(H48).plus(Duration.ofDays(1))));
        assertThat(taskService.getVariable(checklist.getId(), Vars.BREAKER_NODE)).isEqualTo(node);
        assertThat(taskService.getVariable(checklist.getId(), Vars.BREAKER_OCCURRENCE)).isEqualTo(1);
        assertThat(task(nodeTask, pi).getId()).as("the node keeps its task").isEqualTo(waiting.getId());

        // still stuck 48 h later: a second alert with its own key, a second checklist
        fireTimer(pi, breaker);
        execute(job(Task.NOTIFY_PAYMENT_BLOCKED, pi));

        assertThat(deliveries(journey, Channel.DINGTALK)).extracting(Delivery::idempotencyKey).containsExactlyInAnyOrder(
                pi.getId() + "/" + breaker + "/1", pi.getId() + "/" + breaker + "/2");
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(Task.BLOCKER_CHECKLIST).count()).isEqualTo(2);
        assertThat(journeys.view(journey.id(), null).blockerChecks()).extracting(BlockerCheck::node, BlockerCheck::occurrence)
                .containsExactly(tuple(node, 2), tuple(node, 1));
        assertThat(pi).isWaitingAt(nodeTask);
        assertThat(timer(pi, breaker).getDuedate()).isEqualTo(Date.from(since.plus(Duration.ofHours(144))));
    }

    @Test
    void aCopyWithAOneHourBreakerAtNodeThreeOnlyAlertsThereAfterOneHourAndItsDueDateTextAndStuckViewSaySo() {
        String deployment = deployCopyWithBreaker("PROCUREMENT_STARTED", "R/PT1H");
        try {
            PaymentJourney journey = journeys.start(PaymentFixtures.start());
            ProcessInstance pi = processInstance(journey.processInstanceId());
            assertThat(repositoryService().createProcessDefinitionQuery().processDefinitionId(pi.getProcessDefinitionId())
                    .singleResult().getDeploymentId()).isEqualTo(deployment);
            assertThat(task(Task.AWAIT_INVOICE_SIGNED, pi).getDueDate()).as("node ① keeps its 48 h")
                    .isEqualTo(Date.from(T0.plus(H48)));
            driveTo(pi, "PROCUREMENT_STARTED");
            Instant since = stored(journey).nodeSince();
            String breaker = breakerOf("PROCUREMENT_STARTED");
            Duration h1 = Duration.ofHours(1);
            assertThat(task(Task.AWAIT_CUSTOMER_PAID, pi).getDueDate()).isEqualTo(Date.from(since.plus(h1)));
            assertThat(timer(pi, breaker).getDuedate()).isEqualTo(Date.from(since.plus(h1)));

            moveClockTo(since.plus(Duration.ofMinutes(59)));
            assertThat(stuck.stuck(null)).isEmpty();
            moveClockTo(since.plus(Duration.ofMinutes(150)));
            assertThat(stuck.stuck(null)).singleElement().satisfies(item -> {
                assertThat(item.deadline()).isEqualTo(since.plus(h1));
                assertThat(item.hoursOverdue()).isEqualTo(1);
            });

            fireTimer(pi, breaker);
            assertThat(timer(pi, breaker).getDuedate()).as("repeats every hour").isEqualTo(Date.from(since.plus(h1).plus(h1)));
            execute(job(Task.NOTIFY_PAYMENT_BLOCKED, pi));

            assertThat(deliveries(journey, Channel.DINGTALK)).singleElement().satisfies(d -> {
                assertThat(d.title()).isEqualTo("回款阻塞 Payment stuck 1小时：A医院");
                assertThat(d.text()).contains("已1小时未推进", "第1次提醒");
            });
        } finally {
            repositoryService().deleteDeployment(deployment, true);
        }
    }

    @Test
    void aJourneyOnAVersionDrawnBeforeNodesWereMarkedStillMovesNodeByNodeAndEnds() {
        // the diagram as released before nodes were marked: breakers with node=…, no node markers, no node listeners
        BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/payment-journey.bpmn"));
        for (var task : model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.UserTask.class)) {
            if (task.getExtensionElements() != null && property(task, PaymentJourneyProcess.NodeMarker.CODE) != null) {
                task.getExtensionElements().getDomElement().getParentElement().removeChild(task.getExtensionElements().getDomElement());
            }
        }
        String deployment = deployCopy(model, "owner-copy-before-node-markers");
        try {
            PaymentJourney journey = journeys.start(PaymentFixtures.start());
            ProcessInstance pi = processInstance(journey.processInstanceId());
            assertThat(task(Task.AWAIT_INVOICE_SIGNED, pi).getDueDate()).isEqualTo(Date.from(T0.plus(H48)));

            moveClockTo(T0.plus(Duration.ofHours(5)));
            recordInvoiceSigned(pi, "2025-06-30");
            assertThat(stored(journey).node()).isEqualTo("INVOICE_SIGNED");
            assertThat(task(Task.AWAIT_PROCUREMENT_STARTED, pi).getDueDate()).isEqualTo(Date.from(T0.plus(Duration.ofHours(53))));
            moveClockTo(T0.plus(Duration.ofHours(6)));
            completeAsRep(pi, Task.AWAIT_PROCUREMENT_STARTED,
                    Map.of(Vars.PROCUREMENT_REFERENCE, "CG-2025-0611", Vars.PROCUREMENT_STARTED_DATE, "2025-06-09"));
            assertThat(stored(journey).node()).isEqualTo("PROCUREMENT_STARTED");

            journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("128000.00"), LocalDate.of(2025, 6, 9), "BK-L", "wufang");
            assertThat(pi).isEnded();
            assertThat(stored(journey).status()).isEqualTo(PaymentJourney.PAID);
            assertThat(visits(journey)).containsExactly("INVOICE_SUBMITTED 0-5", "INVOICE_SIGNED 5-6",
                    "PROCUREMENT_STARTED 6-6", "BANK_RECEIVED 6-6");
        } finally {
            repositoryService().deleteDeployment(deployment, true);
        }
    }

    @Test
    void aCopyWithTwoNodesNumberedThreeIsRefusedAtDeployNamingTheElement() {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/payment-journey.bpmn"));
        model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty.class).stream()
                .filter(p -> PaymentJourneyProcess.NodeMarker.NUMBER.equals(p.getCamundaName()) && "4".equals(p.getCamundaValue()))
                .forEach(p -> p.setCamundaValue("3"));
        long before = repositoryService().createDeploymentQuery().count();

        assertThatThrownBy(() -> deployCopy(model, "owner-copy-two-node-threes"))
                .isInstanceOf(org.camunda.bpm.engine.ParseException.class)
                .hasMessageContaining("Task_ConfirmBankReceipt").hasMessageContaining("number 3 is already node PROCUREMENT_STARTED");
        assertThat(repositoryService().createDeploymentQuery().count()).as("nothing stored").isEqualTo(before);
    }

    @Test
    void aRetriedAlertJobSendsNothingTwice() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());
        fireTimer(pi, Event.BREAKER_INVOICE_SUBMITTED);
        execute(job(Task.NOTIFY_PAYMENT_BLOCKED, pi));
        long checkId = journeys.view(journey.id(), null).blockerChecks().get(0).id();

        breakers.alert(checkId);

        assertThat(deliveries(journey, Channel.DINGTALK)).hasSize(1);
    }

    @Test
    void movingOnBeforeTheBreakerFiresCancelsItAndTheNextNodeStartsItsOwn48Hours() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());

        moveClockTo(T0.plus(Duration.ofHours(47)));
        recordInvoiceSigned(pi, "2025-06-30");
        moveClockTo(T0.plus(H48));

        assertThat(timer(pi, Event.BREAKER_INVOICE_SUBMITTED)).isNull();
        assertThat(timer(pi, Event.BREAKER_INVOICE_SIGNED).getDuedate()).isEqualTo(Date.from(T0.plus(Duration.ofHours(95))));
        assertThat(jobQuery().processInstanceId(pi.getId()).timers().duedateLowerThan(
                Date.from(T0.plus(H48).plusSeconds(1))).count()).isZero();
        assertThat(data.count("payment_blocker_check")).isZero();
    }

    @Test
    void checklistAnswersAreStoredAsDataAndRefusedWithoutCauseOrNextStep() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());
        driveTo(pi, "PROCUREMENT_STARTED");
        Instant since = stored(journey).nodeSince();
        fireTimer(pi, Event.BREAKER_PROCUREMENT_STARTED);
        execute(job(Task.NOTIFY_PAYMENT_BLOCKED, pi));

        Map<String, Object> empty = new HashMap<>();
        empty.put(Vars.BLOCKER_CAUSES, "[]");
        empty.put(Vars.NEXT_ACTION, " ");
        empty.put(Vars.NEXT_ACTION_DATE, "2025-06-01");
        assertThatThrownBy(() -> completeAsRep(pi, Task.BLOCKER_CHECKLIST, empty))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.BLOCKER_CAUSES, Vars.NEXT_ACTION, Vars.NEXT_ACTION_DATE));
        Map<String, Object> otherWithoutText = new HashMap<>();
        otherWithoutText.put(Vars.BLOCKER_CAUSES, List.of("OTHER"));
        otherWithoutText.put(Vars.NEXT_ACTION, "打电话");
        otherWithoutText.put(Vars.NEXT_ACTION_DATE, "2025-06-12");
        assertThatThrownBy(() -> completeAsRep(pi, Task.BLOCKER_CHECKLIST, otherWithoutText))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.BLOCKER_OTHER_CAUSE));

        Map<String, Object> answer = new HashMap<>();
        // Tasklist sends a checklist as a JSON array
        answer.put(Vars.BLOCKER_CAUSES, "[\"INVOICE_WRONG\",\"CUSTOMER_PROCESS_CHANGED\"]");
        answer.put(Vars.BLOCKER_NOTE, "发票抬头写错，客户采购换了审批流程");
        answer.put(Vars.NEXT_ACTION, "重开发票并寄出");
        answer.put(Vars.NEXT_ACTION_DATE, "2025-06-12");
        completeAsRep(pi, Task.BLOCKER_CHECKLIST, answer);

        assertThat(pi).hasPassed(Task.RECORD_BLOCKER_CHECKLIST,
                Event.BLOCKER_CHECKLIST_DONE).isWaitingAt(Task.AWAIT_CUSTOMER_PAID);
        BlockerCheck check = journeys.view(journey.id(), null).blockerChecks().get(0);
        assertThat(check.causes()).containsExactly(BlockerCause.INVOICE_WRONG, BlockerCause.CUSTOMER_PROCESS_CHANGED);
        assertThat(check.node()).isEqualTo("PROCUREMENT_STARTED");
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
        ProcessInstance pi = processInstance(journey.processInstanceId());
        fireTimer(pi, Event.BREAKER_INVOICE_SUBMITTED);
        execute(job(Task.NOTIFY_PAYMENT_BLOCKED, pi));

        recordInvoiceSigned(pi, "2025-06-30");

        assertThat(pi).isWaitingAt(Task.BLOCKER_CHECKLIST,
                Task.AWAIT_PROCUREMENT_STARTED);
        journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("128000.00"), LocalDate.of(2025, 6, 11), "BK-9", "wufang");
        assertThat(pi).isEnded().hasPassed(Event.JOURNEY_PAID);
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId()).count()).isZero();
    }

    // --- bank receipts: partial then full, early receipts, refusals ------------------------------------------------------

    @Test
    void partialBankReceiptKeepsTheJourneyAtNodeFiveUntilTheTotalIsIn() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());
        driveTo(pi, "CUSTOMER_PAID");
        moveClockTo(T0.plus(Duration.ofHours(70)));

        ReceiptResult first = journeys.applyBankReceipt(" " + journey.invoiceNo() + " ", new BigDecimal("28000"),
                LocalDate.of(2025, 6, 11), "BK-100", "statement-import");

        assertThat(first).isEqualTo(new ReceiptResult(journey.id(), new BigDecimal("28000.00"), new BigDecimal("28000.00"),
                new BigDecimal("100000.00"), false));
        assertThat(pi).hasPassed(Event.RECEIPT_AT_CUSTOMER_PAID)
                .isWaitingAt(Task.CONFIRM_REMAINING_RECEIPT);
        assertThat(pi).task(Task.CONFIRM_REMAINING_RECEIPT).hasCandidateGroup(Groups.FINANCE);
        assertThat(task(Task.CONFIRM_REMAINING_RECEIPT, pi).getDueDate())
                .isEqualTo(Date.from(T0.plus(Duration.ofHours(70)).plus(H48)));
        PaymentJourney partly = stored(journey);
        assertThat(partly.node()).isEqualTo("BANK_RECEIVED");
        assertThat(partly.status()).isEqualTo(PaymentJourney.OPEN);
        assertThat(partly.amountReceived()).isEqualByComparingTo("28000.00");
        assertThat(pi).variables().containsEntry(Vars.AMOUNT_OUTSTANDING, 100000.0);
        assertThat(journeys.findOpenByInvoiceNo(journey.invoiceNo())).isPresent();

        moveClockTo(T0.plus(Duration.ofHours(80)));
        ReceiptResult second = journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("60000.00"),
                LocalDate.of(2025, 6, 12), "BK-101", "statement-import");
        assertThat(second.paidInFull()).isFalse();
        assertThat(second.outstanding()).isEqualByComparingTo("40000.00");
        assertThat(pi).isWaitingAt(Task.CONFIRM_REMAINING_RECEIPT);
        assertThat(stored(journey).nodeSince()).as("money arriving is progress").isEqualTo(T0.plus(Duration.ofHours(80)));

        moveClockTo(T0.plus(Duration.ofHours(90)));
        ReceiptResult last = journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("40000.00"),
                LocalDate.of(2025, 6, 12), "BK-102", "statement-import");

        assertThat(last).isEqualTo(new ReceiptResult(journey.id(), new BigDecimal("40000.00"), new BigDecimal("128000.00"),
                new BigDecimal("0.00"), true));
        assertThat(pi).isEnded().hasPassed(Event.RECEIPT_AT_BANK_RECEIVED, Event.JOURNEY_PAID);
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
        ProcessInstance pi = processInstance(journey.processInstanceId());
        driveTo(pi, "BANK_RECEIVED");

        confirmAsFinance(pi, Task.CONFIRM_REMAINING_RECEIPT, "100000", "2025-06-09", "BK-X");

        assertThat(pi).isEnded().hasPassed(Task.RECORD_FINANCE_RECEIPT, Event.JOURNEY_PAID);
        assertThat(stored(journey).status()).isEqualTo(PaymentJourney.PAID);
    }

    @Test
    void anEarlyBankReceiptAtNodeTwoSkipsToNodeFiveAndWithdrawsTheRepsTask() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());
        driveTo(pi, "INVOICE_SIGNED");

        journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("100000.00"), LocalDate.of(2025, 6, 9), "BK-E", "wufang");

        assertThat(pi).hasPassed(Event.RECEIPT_AT_INVOICE_SIGNED)
                .isWaitingAt(Task.CONFIRM_REMAINING_RECEIPT);
        assertThat(taskService.createTaskQuery().processInstanceId(pi.getId())
                .taskDefinitionKey(Task.AWAIT_PROCUREMENT_STARTED).count()).isZero();
        assertThat(timer(pi, Event.BREAKER_INVOICE_SIGNED)).isNull();
        assertThat(timer(pi, Event.BREAKER_BANK_RECEIVED)).isNotNull();
        assertThat(stored(journey).node()).isEqualTo("BANK_RECEIVED");
        assertThat(journeys.view(journey.id(), null).receipts()).singleElement()
                .satisfies(r -> assertThat(r.nodeBefore()).isEqualTo("INVOICE_SIGNED"));
        assertThat(visits(journey)).extracting(v -> v.split(" ")[0])
                .containsExactly("INVOICE_SUBMITTED", "INVOICE_SIGNED", "BANK_RECEIVED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INVOICE_SUBMITTED", "PROCUREMENT_STARTED"})
    void aFullBankReceiptAtAnEarlierNodeEndsTheJourney(String node) {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());
        driveTo(pi, node);

        ReceiptResult result = journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("128000.00"),
                LocalDate.of(2025, 6, 9), "BK-F", "wufang");

        assertThat(result.paidInFull()).isTrue();
        assertThat(pi).isEnded().hasPassed(Event.JOURNEY_PAID)
                .hasNotPassed(Task.CONFIRM_REMAINING_RECEIPT);
        assertThat(stored(journey).status()).isEqualTo(PaymentJourney.PAID);
    }

    @Test
    void bankReceiptsThatTheJourneyCannotTakeAreRefusedAndNothingIsApplied() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());
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
        assertThat(pi).isWaitingAt(Task.CONFIRM_REMAINING_RECEIPT);

        journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("127900.00"), LocalDate.of(2025, 6, 9), "BK-2", "wufang");
        assertRefused(() -> journeys.applyBankReceipt(journey.invoiceNo(), BigDecimal.ONE, LocalDate.of(2025, 6, 9), "BK-3", "x"),
                "invoiceNo", "open-journey");
    }

    @Test
    void aRefusedReceiptDoesNotSpoilTheCallersTransactionSoAnImportGoesOnWithTheNextLine() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance pi = processInstance(journey.processInstanceId());

        transaction.executeWithoutResult(status -> {
            assertThatThrownBy(() -> journeys.applyBankReceipt("NO-SUCH", BigDecimal.TEN, LocalDate.of(2025, 6, 9), "L1", "import"))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("999999"),
                    LocalDate.of(2025, 6, 9), "L2", "import")).isInstanceOf(InvalidInputException.class);
            journeys.applyBankReceipt(journey.invoiceNo(), new BigDecimal("128000.00"), LocalDate.of(2025, 6, 9), "L3", "import");
        });

        assertThat(pi).isEnded();
        assertThat(stored(journey).status()).isEqualTo(PaymentJourney.PAID);
    }

    // --- the Tasklist start form (finance) and filter -------------------------------------------------------------------

    @Test
    void financeStartsAJourneyForAnInvoiceRaisedElsewhereWithTheStartForm() {
        Map<String, Object> form = startForm("FP-EXT-0001");

        ProcessInstance started = startByFormAs("wufang", withEngineGrants(Groups.FINANCE), PaymentJourneyProcess.KEY, form);

        ProcessInstance pi = processInstance(started.getId());
        assertThat(pi).hasBusinessKey("INV-FP-EXT-0001").isWaitingAt(Task.AWAIT_INVOICE_SIGNED);
        assertThat(pi).task().isAssignedTo("chenjing");
        PaymentJourney journey = journeys.find("INV-FP-EXT-0001").orElseThrow();
        assertThat(journey.amountDue()).isEqualByComparingTo("56000.50");
        assertThat(journey.processInstanceId()).isEqualTo(pi.getId());
        assertThat(journeys.view(journey.id(), null).details().startedBy()).isEqualTo("wufang");
        assertThat(pi).variables().containsEntry(Vars.JOURNEY_ID, "INV-FP-EXT-0001")
                .containsEntry(Vars.JOURNEY_INITIATOR, "wufang").containsEntry(Vars.NODE, "INVOICE_SUBMITTED");
        assertThat(task(Task.AWAIT_INVOICE_SIGNED, pi).getDueDate()).isEqualTo(Date.from(T0.plus(H48)));
    }

    @Test
    void startFormIsRefusedForUsersOutsideFinance() {
        assertThatThrownBy(() -> startByFormAs("zhangwei", withEngineGrants(Groups.SALES_REP), PaymentJourneyProcess.KEY,
                startForm("FP-EXT-2")))
                .satisfies(e -> assertThat(messages(e)).contains("journeyInitiator", "finance"));

        assertThat(data.count("payment_journey")).isZero();
        assertThat(processInstanceQuery().processDefinitionKey(PaymentJourneyProcess.KEY).count()).isZero();
    }

    @Test
    void startFormRefusesANonPositiveAmountAndARepWhoIsNotARepNamingBoth() {
        Map<String, Object> bad = startForm("FP-EXT-3");
        bad.put(Vars.AMOUNT_DUE, 0);
        bad.put(Vars.REP_ID, "wufang");

        assertThatThrownBy(() -> startByFormAs("wufang", withEngineGrants(Groups.FINANCE), PaymentJourneyProcess.KEY, bad))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.AMOUNT_DUE, Vars.REP_ID));

        assertThat(data.count("payment_journey")).isZero();
        assertThat(processInstanceQuery().processDefinitionKey(PaymentJourneyProcess.KEY).count()).isZero();
    }

    @Test
    void startFormCannotTakeOverAnExistingJourneyByPassingItsId() {
        PaymentJourney existing = as("wufang", FINANCE, () -> journeys.start(PaymentFixtures.start()));
        Map<String, Object> hijack = startForm("FP-EXT-4");
        hijack.put(Vars.JOURNEY_ID, existing.id());

        assertThatThrownBy(() -> startByFormAs("wufang", withEngineGrants(Groups.FINANCE), PaymentJourneyProcess.KEY, hijack))
                .satisfies(e -> assertThat(messages(e)).contains(Vars.JOURNEY_ID));

        assertThat(data.count("payment_journey")).isEqualTo(1);
        assertThat(processInstanceQuery().processDefinitionKey(PaymentJourneyProcess.KEY).count()).isEqualTo(1);
    }

    @Test
    void tasklistFilterListsTheRepsPaymentTasksMostOverdueFirst() {
        PaymentJourney older = journeys.start(PaymentFixtures.start());
        moveClockTo(T0.plus(Duration.ofHours(5)));
        PaymentJourney newer = journeys.start(PaymentFixtures.start());
        journeys.start(PaymentFixtures.start("lina", "C公司", "500.00"));
        moveClockTo(T0.plus(Duration.ofHours(6)));
        recordInvoiceSigned(processInstance(older.processInstanceId()), "2025-06-30");
        moveClockTo(T0.plus(Duration.ofHours(60)));

        Filter filter = filterService.createFilterQuery().filterName(PaymentTaskFilter.NAME).singleResult();
        assertThat(filter).isNotNull();
        List<org.camunda.bpm.engine.task.Task> tasks = as("zhangwei", REP, () -> filterService.list(filter.getId()));

        assertThat(tasks).extracting(org.camunda.bpm.engine.task.Task::getProcessInstanceId,
                org.camunda.bpm.engine.task.Task::getDueDate).containsExactly(
                tuple(newer.processInstanceId(), Date.from(T0.plus(Duration.ofHours(53)))),
                tuple(older.processInstanceId(), Date.from(T0.plus(Duration.ofHours(54)))));
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private void driveTo(ProcessInstance pi, String node) {
        if (node.equals("INVOICE_SUBMITTED")) {
            return;
        }
        recordInvoiceSigned(pi, "2025-06-30");
        if (node.equals("INVOICE_SIGNED")) {
            return;
        }
        completeAsRep(pi, Task.AWAIT_PROCUREMENT_STARTED,
                Map.of(Vars.PROCUREMENT_REFERENCE, "CG-2025-0611", Vars.PROCUREMENT_STARTED_DATE, "2025-06-09"));
        if (node.equals("PROCUREMENT_STARTED")) {
            return;
        }
        completeAsRep(pi, Task.AWAIT_CUSTOMER_PAID,
                Map.of(Vars.CUSTOMER_PAID_DATE, "2025-06-09", Vars.CUSTOMER_PAID_AMOUNT, 128000));
        if (node.equals("CUSTOMER_PAID")) {
            return;
        }
        String invoiceNo = (String) runtimeService.getVariable(pi.getId(), Vars.INVOICE_NO);
        journeys.applyBankReceipt(invoiceNo, new BigDecimal("28000.00"), LocalDate.of(2025, 6, 9), "BK-PART", "wufang");
    }

    /** The rep submits {@code forms/payment-invoice-signed.form}, signed today. */
    private static void recordInvoiceSigned(ProcessInstance pi, String expected) {
        completeAsRep(pi, Task.AWAIT_INVOICE_SIGNED, withVariables(Vars.INVOICE_SIGNED_DATE, TestData.today().toString(),
                Vars.EXPECTED_PAYMENT_DATE, expected, Vars.PROCUREMENT_CONTACT_NAME, "王采购",
                Vars.PROCUREMENT_CONTACT_MOBILE, "139 1234 5678"));
    }

    /** The rep the task is assigned to submits its form. */
    private static void completeAsRep(ProcessInstance pi, String taskKey, Map<String, Object> vars) {
        var task = task(taskKey, pi);
        completeAs(task.getAssignee(), REP, task, vars);
    }

    /** Finance claims the receipt task and submits {@code forms/payment-bank-receipt.form}. */
    private static void confirmAsFinance(ProcessInstance pi, String taskKey, String amount, String valueDate, String reference) {
        var task = task(taskKey, pi);
        Map<String, Object> vars = withVariables(Vars.RECEIPT_AMOUNT, Double.valueOf(amount), Vars.RECEIPT_VALUE_DATE, valueDate,
                Vars.RECEIPT_REFERENCE, reference);
        as("wufang", FINANCE, () -> {
            taskService().claim(task.getId(), "wufang");
            complete(task, vars);
            return null;
        });
    }

    /** Form submissions by users need Camunda grants the lead's IdentitySetup gives; the delegates decide here. */
    private static List<String> withEngineGrants(String group) {
        return List.of(group, Groups.ADMIN);
    }

    private void assertRefused(Runnable call, String field, String rule) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors()).anySatisfy(err -> {
                    assertThat(err.field()).isEqualTo(field);
                    assertThat(err.rule()).isEqualTo(rule);
                }));
    }

    /**
     * Deploys {@code bpmn/payment-journey.bpmn} with its forms, as an owner would from Modeler, after changing the cycle of
     * the node's breaker (found by its camunda:property markers) with the Camunda model API. Returns the deployment id.
     */
    private static String deployCopyWithBreaker(String node, String cycle) {
        BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/payment-journey.bpmn"));
        List<TimerEventDefinition> marked = model.getModelElementsByType(TimerEventDefinition.class).stream()
                .filter(t -> "true".equals(property((BaseElement) t.getParentElement(), PaymentJourneyProcess.Breaker.PROPERTY))
                        && node.equals(property((BaseElement) t.getParentElement(), PaymentJourneyProcess.Breaker.NODE)))
                .toList();
        assertThat(marked).as("breaker of " + node).hasSize(1);
        marked.get(0).getTimeCycle().setTextContent(cycle);
        return deployCopy(model, "owner-copy-breaker-" + node + "-" + cycle);
    }

    /** Deploys the changed model with the payment forms, as an owner would from Modeler. Returns the deployment id. */
    private static String deployCopy(BpmnModelInstance model, String name) {
        var builder = repositoryService().createDeployment().name(name)
                .addModelInstance("payment-journey.bpmn", model);
        try (var forms = Files.list(Path.of("forms"))) {
            for (Path form : forms.filter(f -> f.getFileName().toString().startsWith("payment-")).toList()) {
                builder.addString(form.getFileName().toString(), Files.readString(form));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return builder.deploy().getId();
    }

    private static String property(BaseElement element, String name) {
        return element.getExtensionElements() == null ? null : element.getExtensionElements().getElementsQuery()
                .filterByType(CamundaProperties.class).list().stream().flatMap(p -> p.getCamundaProperties().stream())
                .filter(p -> name.equals(p.getCamundaName())).map(p -> p.getCamundaValue()).findFirst().orElse(null);
    }

    private static String breakerOf(String node) {
        return PaymentFixtures.shipped(node).breaker();
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

    private List<Delivery> deliveries(PaymentJourney journey, Channel channel) {
        return notifications.list(new DeliveryQuery(null, journey.id(), channel, null, DeliveryQuery.DEFAULT_LIMIT));
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
}
