package org.leadtocash.ownerchange;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.payment.PaymentFixtures;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.ModelProperties;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.ModelerDeploy;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 11's everyday owner changes, done as a process owner does them: open the shipped file, change it the way Modeler
 * would (Camunda model API or the file's text), deploy it with {@code POST /engine-rest/deployment/create} as the regional
 * director wanglei over real HTTP — no Java, no configuration, no restart. Each test checks that new instances follow
 * the change while an instance started before keeps its own version and runs to its end. Numbers are the issue's.
 */
@AppTest
class OwnerChangeTests {
    static final String DIRECTOR = "wanglei";
    static final List<String> REP = List.of(Groups.SALES_REP);
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] LEAD_FORMS = {"lead-phone-intake.form", "assign-lead.form", "first-contact.form"};

    @Autowired TestRestTemplate rest;
    @Autowired RepositoryService repositoryService;
    @Autowired LeadIntake intake;
    @Autowired PaymentJourneys journeys;
    @Autowired PaymentFixtures paymentFixtures;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;
    @Autowired org.camunda.bpm.engine.DecisionService decisionService;

    private Instant t0;
    private BigDecimal shippedChainRate;

    @BeforeEach
    void setUp() {
        data.reset();
        paymentFixtures.reset();
        t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        shippedChainRate = rebateRate("CHAIN");
        moveClockTo(t0);
    }

    @AfterEach
    void removeOwnerDeployments() {
        repositoryService.createDeploymentQuery().deploymentSource("Camunda Modeler").list()
                .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
    }

    /** Change 1: first-contact escalation 4 h → 3 h, still measured from lead creation. */
    @Test
    void change01FirstContactEscalationThreeHoursInsteadOfFour() throws Exception {
        data.deactivateAllRepsExcept("lina");
        ProcessInstance before = processInstance(receive("WEBSITE_FORM", "EAST", "90000").processInstanceId());

        Map<String, byte[]> files = withForms(ModelerDeploy.editDiagram("bpmn/lead-routing.bpmn", model -> model
                .getModelElementsByType(TimerEventDefinition.class).stream()
                .filter(t -> LeadRoutingProcess.Sla.FIRST_CONTACT.equals(
                        ModelProperties.property((BaseElement) t.getParentElement(), LeadRoutingProcess.Sla.PROPERTY)))
                .forEach(t -> t.getTimeDuration().setTextContent("PT3H"))), LEAD_FORMS);
        String deployment = deployAsDirector("bpmn/lead-routing.bpmn 3h", files);
        ProcessInstance after = processInstance(receive("WEBSITE_FORM", "EAST", "90000").processInstanceId());

        assertThat(after.getProcessDefinitionId()).isEqualTo(definitionIn(deployment)).isNotEqualTo(before.getProcessDefinitionId());
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, after));
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, before));
        assertThat(timer(after, LeadRoutingProcess.Event.FOUR_HOURS_NO_CONTACT).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(3))));
        assertThat(task(LeadRoutingProcess.Task.FIRST_CONTACT, after).getDueDate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(3))));
        assertThat(timer(before, LeadRoutingProcess.Event.FOUR_HOURS_NO_CONTACT).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(4))));

        fireTimer(after, LeadRoutingProcess.Event.FOUR_HOURS_NO_CONTACT);
        assertThat(after).isWaitingAt(LeadRoutingProcess.Task.VOICE_CALL_REMINDER, LeadRoutingProcess.Task.FIRST_CONTACT);
        assertThat(timer(before, LeadRoutingProcess.Event.FOUR_HOURS_NO_CONTACT)).as("the old version's 4 h timer, not yet due").isNotNull();

        completeFirstContact(before);
        assertThat(before).isEnded().hasPassed(LeadRoutingProcess.Event.LEAD_CONTACTED);
    }

    /** Change 3: add a routing row (trade show, 5万–20万, South → prefer chenjing), backtested before it is deployed. */
    @Test
    void change03NewRoutingRowSendsTradeShowMidSouthLeadsToChenjing() throws Exception {
        Lead earlier = receive("TRADE_SHOW_QR", "SOUTH", "100000");
        ProcessInstance before = processInstance(earlier.processInstanceId());
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, before));
        assertThat(assignee(earlier)).isEqualTo("liuyang");
        byte[] table = ModelerDeploy.editText("bpmn/lead-routing.dmn", "<rule id=\"Rule_MidBudgetSouth\">", TRADE_SHOW_MID_SOUTH_ROW
                + "<rule id=\"Rule_MidBudgetSouth\">");

        JsonNode backtest = backtest(table);
        assertThat(backtest.path("changed")).singleElement().satisfies(c -> {
            assertThat(c.path("leadId").asText()).isEqualTo(earlier.id());
            assertThat(c.path("before").path("ruleId").asText()).isEqualTo("Rule_MidBudgetSouth");
            assertThat(c.path("after").path("ruleId").asText()).isEqualTo("Rule_TradeShowMidSouth");
            assertThat(c.path("after").path("preferredReps").toString()).isEqualTo("[\"chenjing\"]");
        });

        deployAsDirector("bpmn/lead-routing.dmn row", Map.of("lead-routing.dmn", table));
        Lead later = receive("TRADE_SHOW_QR", "SOUTH", "100000");
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, processInstance(later.processInstanceId())));

        assertThat(assignee(later)).isEqualTo("chenjing");
        assertThat(jdbc.sql("SELECT routing_rule FROM sales_lead WHERE id = :id").param("id", later.id()).query(String.class).single())
                .contains("展会中额华南");
        completeFirstContact(before);
        assertThat(before).isEnded();
        assertThat(assignee(earlier)).isEqualTo("liuyang");
    }

    /** Change 5: capacity 8 → 10 open leads, in the owner's decision table bpmn/lead-policy.dmn. */
    @Test
    void change05CapacityTenOpenLeadsInsteadOfEight() throws Exception {
        data.deactivateAllRepsExcept("zhangwei");
        data.openLeads("zhangwei", 9, t0.minus(Duration.ofHours(1)));
        Lead skipped = receive("WEBSITE_FORM", "EAST", "250000");
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, processInstance(skipped.processInstanceId())));
        assertThat(leadStatus(skipped)).as("9 open leads > 8: skipped").isEqualTo("UNASSIGNED");

        deployAsDirector("bpmn/lead-policy.dmn capacity 10", Map.of("lead-policy.dmn",
                ModelerDeploy.editText("bpmn/lead-policy.dmn", "<text>8</text>", "<text>10</text>")));
        Lead assigned = receive("WEBSITE_FORM", "EAST", "250000");
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, processInstance(assigned.processInstanceId())));

        assertThat(assignee(assigned)).as("9 open leads <= 10: eligible").isEqualTo("zhangwei");
        assertThat(leadStatus(skipped)).as("the earlier lead still waits for a manager").isEqualTo("UNASSIGNED");
    }

    /** Change 6: KA 8 % → 7 % in the rebate decision; the next quote's rate follows, no enum or Java involved. */
    @Test
    void change06KaRebateSevenPercentInsteadOfEight() throws Exception {
        assertThat(rebateRate("KA")).isEqualByComparingTo("0.08");

        deployAsDirector("bpmn/rebate-policy.dmn KA 7%", Map.of("rebate-policy.dmn",
                ModelerDeploy.editText("bpmn/rebate-policy.dmn", "<text>0.08</text>", "<text>0.07</text>")));

        assertThat(rebateRate("KA")).isEqualByComparingTo("0.07");
        assertThat(rebateRate("CHAIN")).as("other tiers unchanged").isEqualByComparingTo(shippedChainRate);
    }

    /**
     * Change 8: a 6th payment node 对账确认 (reconciliation confirmed) after the money is in, drawn with the element
     * templates 回款节点 Payment node and 回款节点熔断 Payment node breaker (R/PT48H), with its own checklist form. New
     * journeys pass six nodes — the breaker fires at ⑥ after 48 h and the stuck sentence names 对账确认 — while a journey
     * started before ends with five.
     */
    @Test
    void change08SixthPaymentNodeReconciliationConfirmedWithItsOwnBreakerAndChecklist() throws Exception {
        PaymentJourney earlier = journeys.start(PaymentFixtures.start());
        ProcessInstance before = processInstance(earlier.processInstanceId());

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("payment-journey.bpmn", withReconciliationNode());
        for (String form : PAYMENT_FORMS) {
            files.put(form, ModelerDeploy.shipped("forms/" + form));
        }
        files.put("payment-reconciliation.form", RECONCILIATION_FORM.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String deployment = deployAsDirector("bpmn/payment-journey.bpmn node 6 对账确认", files);
        PaymentJourney later = journeys.start(PaymentFixtures.start());
        ProcessInstance after = processInstance(later.processInstanceId());
        assertThat(after.getProcessDefinitionId()).isEqualTo(definitionIn(deployment));

        // both journeys: the rep records ② to ④ (Tasklist forms), finance confirms the whole amount at ④
        for (ProcessInstance pi : List.of(before, after)) {
            recordNodesTwoToFour(pi);
        }
        moveClockTo(t0.plus(Duration.ofHours(1)));
        for (PaymentJourney j : List.of(earlier, later)) {
            confirmReceiptAsFinance(j);
        }

        assertThat(before).isEnded().hasPassed(PaymentJourneyProcess.Event.JOURNEY_PAID);
        assertThat(nodeVisits(earlier)).containsExactly("INVOICE_SUBMITTED", "INVOICE_SIGNED", "PROCUREMENT_STARTED",
                "CUSTOMER_PAID", "BANK_RECEIVED");
        assertThat(after).isWaitingAt(RECONCILE_TASK);
        PaymentJourney atSix = journeys.find(later.id()).orElseThrow();
        assertThat(atSix.node()).isEqualTo(RECONCILED);
        assertThat(atSix.status()).as("the money is in").isEqualTo(PaymentJourney.PAID);
        assertThat(nodeVisits(later)).containsExactly("INVOICE_SUBMITTED", "INVOICE_SIGNED", "PROCUREMENT_STARTED",
                "CUSTOMER_PAID", "BANK_RECEIVED", RECONCILED);
        Instant sixSince = t0.plus(Duration.ofHours(1));
        assertThat(task(RECONCILE_TASK, after).getDueDate()).isEqualTo(Date.from(sixSince.plus(Duration.ofHours(48))));
        assertThat(timer(after, RECONCILE_BREAKER).getDuedate()).isEqualTo(Date.from(sixSince.plus(Duration.ofHours(48))));

        moveClockTo(sixSince.plus(Duration.ofHours(47)));
        assertThat(stuck("zhangwei")).isEmpty();
        moveClockTo(sixSince.plus(Duration.ofHours(48 + 36)));
        assertThat(stuck("zhangwei")).singleElement().satisfies(item -> {
            assertThat(item.path("journeyId").asText()).isEqualTo(later.id());
            assertThat(item.path("node").asText()).isEqualTo(RECONCILED);
            assertThat(item.path("nodeNumber").asInt()).isEqualTo(6);
            assertThat(item.path("nodeLabel").asText()).isEqualTo("节点⑥ 对账确认");
            assertThat(item.path("hoursOverdue").asLong()).isEqualTo(36);
            assertThat(item.path("sentence").asText()).contains("卡在节点⑥（对账确认），已超时36小时", "电话确认客户对账结果");
        });

        fireTimer(after, RECONCILE_BREAKER);
        execute(job(PaymentJourneyProcess.Task.NOTIFY_PAYMENT_BLOCKED, after));
        JsonNode view = JSON.readTree(rest.withBasicAuth(DIRECTOR, DIRECTOR)
                .getForEntity("/api/payment-journeys/" + later.id(), String.class).getBody());
        assertThat(view.path("blockerChecks")).singleElement().satisfies(c -> {
            assertThat(c.path("node").asText()).isEqualTo(RECONCILED);
            assertThat(c.path("timerId").asText()).isEqualTo(RECONCILE_BREAKER);
        });
        assertThat(jdbc.sql("SELECT message_text FROM notification_delivery WHERE business_key = :key").param("key", later.id())
                .query(String.class).single()).contains("节点⑥ 对账确认 reconciliation confirmed", "第1次提醒");
        assertThat(task(PaymentJourneyProcess.Task.BLOCKER_CHECKLIST, after)).as("the rep's blocker checklist").isNotNull();

        // finance submits the node's own checklist form in Tasklist: the journey ends, node ⑥'s stay with it
        moveClockTo(sixSince.plus(Duration.ofHours(90)));
        String reconcile = task(RECONCILE_TASK, after).getId();
        assertThat(post("wufang", "/engine-rest/task/" + reconcile + "/claim", Map.of("userId", "wufang")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(post("wufang", "/engine-rest/task/" + reconcile + "/submit-form", Map.of("variables", Map.of(
                "reconciliationChecks", Map.of("value", "[\"INVOICE_MATCHES\",\"RECEIPTS_MATCH\",\"STATEMENT_SIGNED\"]",
                        "type", "Json"),
                "reconciliationNote", Map.of("value", "客户已盖章 stamped by the customer", "type", "String")))).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(after).isEnded().hasPassed(RECONCILE_TASK, PaymentJourneyProcess.Event.JOURNEY_PAID);
        assertThat(stuck("zhangwei")).isEmpty();
        JsonNode kpi = JSON.readTree(rest.withBasicAuth(DIRECTOR, DIRECTOR).getForEntity("/api/kpi/payments?from="
                + TestData.today().minusDays(10) + "&to=" + TestData.today().plusDays(1), String.class).getBody());
        assertThat(kpi.path("dwellByNode")).extracting(n -> n.path("node").asText() + " " + n.path("stays").asInt()).containsExactly(
                "INVOICE_SUBMITTED 2", "INVOICE_SIGNED 2", "PROCUREMENT_STARTED 2", "CUSTOMER_PAID 2", "BANK_RECEIVED 2",
                RECONCILED + " 1");
        assertThat(kpi.path("dwellByNode").get(5).path("averageHours").decimalValue()).isEqualByComparingTo("90.0");
    }

    /** Change 9: the breaker at node ③ (customer procurement started) after 24 h instead of 48 h; the other nodes keep 48 h. */
    @Test
    void change09BreakerAtNodeThreeAfterTwentyFourHours() throws Exception {
        PaymentJourney earlier = journeys.start(PaymentFixtures.start());
        ProcessInstance before = processInstance(earlier.processInstanceId());

        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("payment-journey.bpmn", ModelerDeploy.editDiagram("bpmn/payment-journey.bpmn", model -> model
                .getModelElementsByType(TimerEventDefinition.class).stream()
                .filter(t -> "PROCUREMENT_STARTED".equals(ModelProperties.property((BaseElement) t.getParentElement(),
                        PaymentJourneyProcess.Breaker.NODE)))
                .forEach(t -> t.getTimeCycle().setTextContent("R/PT24H"))));
        for (String form : List.of("payment-journey-start.form", "payment-invoice-signed.form", "payment-procurement-started.form",
                "payment-customer-paid.form", "payment-bank-receipt.form", "payment-blocker-checklist.form")) {
            files.put(form, ModelerDeploy.shipped("forms/" + form));
        }
        String deployment = deployAsDirector("bpmn/payment-journey.bpmn node 3 24h", files);
        PaymentJourney later = journeys.start(PaymentFixtures.start());
        ProcessInstance after = processInstance(later.processInstanceId());
        assertThat(after.getProcessDefinitionId()).isEqualTo(definitionIn(deployment));

        assertThat(timer(after, PaymentJourneyProcess.Event.BREAKER_INVOICE_SUBMITTED).getDuedate())
                .as("node ① keeps 48 h").isEqualTo(Date.from(t0.plus(Duration.ofHours(48))));
        for (ProcessInstance pi : List.of(before, after)) {
            completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED, Map.of(
                    PaymentJourneyProcess.Vars.INVOICE_SIGNED_DATE, TestData.today().toString(),
                    PaymentJourneyProcess.Vars.EXPECTED_PAYMENT_DATE, TestData.today().plusDays(30).toString(),
                    PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_NAME, "王采购",
                    PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_MOBILE, "139 1234 5678"));
            completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED, Map.of(
                    PaymentJourneyProcess.Vars.PROCUREMENT_REFERENCE, "CG-2025-0611",
                    PaymentJourneyProcess.Vars.PROCUREMENT_STARTED_DATE, "2025-06-09"));
        }
        assertThat(timer(after, PaymentJourneyProcess.Event.BREAKER_PROCUREMENT_STARTED).getDuedate())
                .isEqualTo(Date.from(t0.plus(Duration.ofHours(24))));
        assertThat(timer(before, PaymentJourneyProcess.Event.BREAKER_PROCUREMENT_STARTED).getDuedate())
                .isEqualTo(Date.from(t0.plus(Duration.ofHours(48))));
        assertThat(task(PaymentJourneyProcess.Task.AWAIT_CUSTOMER_PAID, after).getDueDate())
                .isEqualTo(Date.from(t0.plus(Duration.ofHours(24))));

        journeys.applyBankReceipt(earlier.invoiceNo(), new BigDecimal("128000.00"), LocalDate.of(2025, 6, 11), "BK-OLD", "wufang");
        assertThat(before).isEnded();
    }

    /** Change 11: a new field on the first-contact form (客户意向等级 intent level), kept with the lead. */
    @Test
    void change11IntentLevelOnTheFirstContactFormIsKeptWithTheLead() throws Exception {
        data.deactivateAllRepsExcept("lina");
        Lead earlier = receive("WEBSITE_FORM", "EAST", "90000");
        ProcessInstance before = processInstance(earlier.processInstanceId());
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, before));

        Map<String, byte[]> files = withForms(ModelerDeploy.shipped("bpmn/lead-routing.bpmn"), "lead-phone-intake.form", "assign-lead.form");
        files.put("first-contact.form", ModelerDeploy.editText("forms/first-contact.form", "\"components\": [",
                "\"components\": [" + INTENT_LEVEL_FIELD + ","));
        deployAsDirector("forms/first-contact.form intent level", files);
        Lead later = receive("WEBSITE_FORM", "EAST", "90000");
        ProcessInstance after = processInstance(later.processInstanceId());
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, after));

        String newTask = task(LeadRoutingProcess.Task.FIRST_CONTACT, after).getId();
        String oldTask = task(LeadRoutingProcess.Task.FIRST_CONTACT, before).getId();
        assertThat(deployedForm("lina", newTask)).contains("\"key\":\"intentLevel\"");
        assertThat(deployedForm("lina", oldTask)).doesNotContain("intentLevel");

        assertThat(submitFirstContact("lina", newTask, "A").getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(submitFirstContact("lina", oldTask, null).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(after).isEnded();
        assertThat(before).isEnded();
        JsonNode answers = JSON.readTree(rest.withBasicAuth("lina", "lina").getForEntity("/api/leads/" + later.id() + "/answers",
                String.class).getBody());
        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.path("key").asText()).isEqualTo("intentLevel");
            assertThat(a.path("label").asText()).isEqualTo("客户意向等级 Intent level");
            assertThat(a.path("value").asText()).isEqualTo("A");
            assertThat(a.path("formId").asText()).isEqualTo("form-first-contact");
        });
        assertThat(JSON.readTree(rest.withBasicAuth("lina", "lina").getForEntity("/api/leads/" + earlier.id() + "/answers",
                String.class).getBody())).isEmpty();
        assertThat(rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/api/leads/" + later.id() + "/answers", String.class)
                .getStatusCode()).as("another rep").isEqualTo(HttpStatus.NOT_FOUND);
    }

    // --- helpers ---

    // change 8: a payment node drawn with the shipped element templates

    static final String RECONCILED = "RECONCILIATION_CONFIRMED";
    static final String RECONCILE_TASK = "Task_ConfirmReconciliation";
    static final String RECONCILE_BREAKER = "BoundaryEvent_ReconciliationBreaker";
    static final List<String> PAYMENT_FORMS = List.of("payment-journey-start.form", "payment-invoice-signed.form",
            "payment-procurement-started.form", "payment-customer-paid.form", "payment-bank-receipt.form",
            "payment-blocker-checklist.form");
    /** The node's checklist, as the owner draws it in Modeler's form editor. */
    static final String RECONCILIATION_FORM = """
            {"components": [
              {"text": "### 对账确认 Reconciliation\\n\\n回款已全部到账，请与客户对账并勾选 The money is in: reconcile with the customer and tick.",
               "type": "text", "id": "Text_reconciliationTitle"},
              {"label": "客户 Customer", "type": "textfield", "id": "Field_customerName", "key": "customerName", "readonly": true},
              {"label": "发票号码 Invoice number", "type": "textfield", "id": "Field_invoiceNo", "key": "invoiceNo", "readonly": true},
              {"label": "对账清单 Reconciliation checklist", "type": "checklist", "id": "Field_reconciliationChecks",
               "key": "reconciliationChecks", "validate": {"required": true}, "values": [
                 {"label": "发票金额与合同一致 Invoice matches the contract", "value": "INVOICE_MATCHES"},
                 {"label": "到账金额与发票一致 Receipts match the invoice", "value": "RECEIPTS_MATCH"},
                 {"label": "客户已签回对账单 Customer signed the statement", "value": "STATEMENT_SIGNED"}]},
              {"label": "备注 Note", "type": "textarea", "id": "Field_reconciliationNote", "key": "reconciliationNote"}],
             "type": "default", "id": "form-payment-reconciliation", "executionPlatform": "Camunda Platform",
             "executionPlatformVersion": "7.24.0", "exporter": {"name": "Camunda Modeler", "version": "5.35.0"},
             "schemaVersion": 16}
            """;

    /**
     * {@code bpmn/payment-journey.bpmn} as an owner changes it in Modeler: a user task after 已全部到账? Paid in full?
     * with the template 回款节点 Payment node (fields filled in), a timer on it with the template 回款节点熔断 Payment node
     * breaker and the cycle R/PT48H typed in, its flow to the breaker gateway, and shapes for all of it.
     */
    private static byte[] withReconciliationNode() throws Exception {
        JsonNode templates = JSON.readTree(java.nio.file.Path.of("element-templates/payment-node.json").toFile());
        String task = "<bpmn:userTask id=\"" + RECONCILE_TASK + "\" name=\"节点⑥ 已全部到账，待对账确认 Node 6: paid in full,"
                + " awaiting reconciliation\" camunda:candidateGroups=\"finance\"" + applied(templates.get(0), Map.of(
                "paymentNode", RECONCILED, "paymentNodeNumber", "6", "paymentNodeName", "对账确认",
                "paymentNodeEnglish", "reconciliation confirmed", "camunda:formRef", "form-payment-reconciliation",
                "paymentNodeAdvice", "电话确认客户对账结果"))
                + "<bpmn:incoming>SequenceFlow_PaidInFull</bpmn:incoming>"
                + "<bpmn:outgoing>SequenceFlow_ReconciliationConfirmed</bpmn:outgoing></bpmn:userTask>";
        String breaker = "<bpmn:boundaryEvent id=\"" + RECONCILE_BREAKER + "\" name=\"节点⑥48小时未推进 48 h without progress\""
                + " attachedToRef=\"" + RECONCILE_TASK + "\"" + applied(templates.get(1), Map.of())
                + "<bpmn:outgoing>SequenceFlow_ReconciliationBreaker</bpmn:outgoing>"
                + "<bpmn:timerEventDefinition id=\"TimerEventDefinition_ReconciliationBreaker\">"
                + "<bpmn:timeCycle xsi:type=\"bpmn:tFormalExpression\">R/PT48H</bpmn:timeCycle></bpmn:timerEventDefinition>"
                + "</bpmn:boundaryEvent>";
        String flows = "<bpmn:sequenceFlow id=\"SequenceFlow_ReconciliationConfirmed\" sourceRef=\"" + RECONCILE_TASK
                + "\" targetRef=\"EndEvent_JourneyPaid\" />"
                + "<bpmn:sequenceFlow id=\"SequenceFlow_ReconciliationBreaker\" sourceRef=\"" + RECONCILE_BREAKER
                + "\" targetRef=\"Gateway_BreakerJoin\" />";
        String shapes = "<bpmndi:BPMNShape id=\"" + RECONCILE_TASK + "_di\" bpmnElement=\"" + RECONCILE_TASK + "\">"
                + "<dc:Bounds x=\"2080\" y=\"160\" width=\"100\" height=\"80\" /></bpmndi:BPMNShape>"
                + "<bpmndi:BPMNShape id=\"" + RECONCILE_BREAKER + "_di\" bpmnElement=\"" + RECONCILE_BREAKER + "\">"
                + "<dc:Bounds x=\"2112\" y=\"222\" width=\"36\" height=\"36\" /></bpmndi:BPMNShape>"
                + "<bpmndi:BPMNEdge id=\"SequenceFlow_ReconciliationConfirmed_di\" bpmnElement=\"SequenceFlow_ReconciliationConfirmed\">"
                + "<di:waypoint x=\"2180\" y=\"200\" /><di:waypoint x=\"2232\" y=\"200\" /></bpmndi:BPMNEdge>"
                + "<bpmndi:BPMNEdge id=\"SequenceFlow_ReconciliationBreaker_di\" bpmnElement=\"SequenceFlow_ReconciliationBreaker\">"
                + "<di:waypoint x=\"2130\" y=\"258\" /><di:waypoint x=\"2130\" y=\"600\" /><di:waypoint x=\"290\" y=\"600\" />"
                + "<di:waypoint x=\"290\" y=\"715\" /></bpmndi:BPMNEdge>";
        String xml = new String(ModelerDeploy.shipped("bpmn/payment-journey.bpmn"), java.nio.charset.StandardCharsets.UTF_8);
        xml = once(xml, "targetRef=\"EndEvent_JourneyPaid\"", "targetRef=\"" + RECONCILE_TASK + "\"");
        xml = once(xml, "<bpmn:incoming>SequenceFlow_PaidInFull</bpmn:incoming>",
                "<bpmn:incoming>SequenceFlow_ReconciliationConfirmed</bpmn:incoming>");
        xml = once(xml, "<bpmn:outgoing>SequenceFlow_BreakerTripped</bpmn:outgoing>",
                "<bpmn:incoming>SequenceFlow_ReconciliationBreaker</bpmn:incoming><bpmn:outgoing>SequenceFlow_BreakerTripped</bpmn:outgoing>");
        xml = once(xml, "  </bpmn:process>", task + breaker + flows + "\n  </bpmn:process>");
        xml = once(xml, "<dc:Bounds x=\"2092\" y=\"182\" width=\"36\" height=\"36\" />",
                "<dc:Bounds x=\"2232\" y=\"182\" width=\"36\" height=\"36\" />");
        xml = once(xml, "<dc:Bounds x=\"2070\" y=\"225\" width=\"80\" height=\"27\" />",
                "<dc:Bounds x=\"2210\" y=\"225\" width=\"80\" height=\"27\" />");
        xml = once(xml, "<di:waypoint x=\"2092\" y=\"200\" />", "<di:waypoint x=\"2080\" y=\"200\" />");
        xml = once(xml, "    </bpmndi:BPMNPlane>", shapes + "\n    </bpmndi:BPMNPlane>");
        return xml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * What Modeler writes when the template is applied and its fields filled: the attributes (closing the start tag),
     * then the extension elements. A field with no value and no default is left out, as Modeler does.
     */
    private static String applied(JsonNode template, Map<String, String> values) {
        StringBuilder attributes = new StringBuilder(" camunda:modelerTemplate=\"" + template.path("id").asText()
                + "\" camunda:modelerTemplateVersion=\"" + template.path("version").asInt() + "\"");
        StringBuilder properties = new StringBuilder();
        StringBuilder listeners = new StringBuilder();
        for (JsonNode p : template.path("properties")) {
            JsonNode binding = p.path("binding");
            String name = binding.path("name").asText();
            String value = values.getOrDefault(name, p.hasNonNull("value") ? p.path("value").asText() : null);
            if (value == null) {
                continue;
            }
            String escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
            switch (binding.path("type").asText()) {
                case "property" -> attributes.append(' ').append(name).append("=\"").append(escaped).append('"');
                case "camunda:property" -> properties.append("<camunda:property name=\"").append(name).append("\" value=\"")
                        .append(escaped).append("\" />");
                case "camunda:executionListener" -> listeners.append("<camunda:executionListener event=\"")
                        .append(binding.path("event").asText()).append("\" delegateExpression=\"").append(escaped).append("\" />");
                default -> throw new IllegalArgumentException("binding " + binding + " is not one this test writes");
            }
        }
        return attributes + "><bpmn:extensionElements><camunda:properties>" + properties + "</camunda:properties>" + listeners
                + "</bpmn:extensionElements>";
    }

    private static String once(String text, String find, String replacement) {
        int at = text.indexOf(find);
        assertThat(at).as("'" + find + "' in the diagram").isNotNegative();
        assertThat(text.indexOf(find, at + 1)).as("'" + find + "' once in the diagram").isNegative();
        return text.replace(find, replacement);
    }

    /** The rep records ② (invoice signed), ③ (procurement started) and ④ (customer paid) in Tasklist. */
    private static void recordNodesTwoToFour(ProcessInstance pi) {
        completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED, Map.of(
                PaymentJourneyProcess.Vars.INVOICE_SIGNED_DATE, TestData.today().toString(),
                PaymentJourneyProcess.Vars.EXPECTED_PAYMENT_DATE, TestData.today().plusDays(30).toString(),
                PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_NAME, "王采购",
                PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_MOBILE, "139 1234 5678"));
        completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED, Map.of(
                PaymentJourneyProcess.Vars.PROCUREMENT_REFERENCE, "CG-2025-0611",
                PaymentJourneyProcess.Vars.PROCUREMENT_STARTED_DATE, TestData.today().toString()));
        completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_CUSTOMER_PAID, Map.of(
                PaymentJourneyProcess.Vars.CUSTOMER_PAID_DATE, TestData.today().toString(),
                PaymentJourneyProcess.Vars.CUSTOMER_PAID_AMOUNT, 128000));
    }

    /** Finance claims node ④'s task and submits the whole amount with the bank-receipt form, over Tasklist's REST. */
    private void confirmReceiptAsFinance(PaymentJourney journey) throws Exception {
        String taskId = task(PaymentJourneyProcess.Task.CONFIRM_BANK_RECEIPT, processInstance(journey.processInstanceId())).getId();
        assertThat(post("wufang", "/engine-rest/task/" + taskId + "/claim", Map.of("userId", "wufang")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        ResponseEntity<String> submitted = post("wufang", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", Map.of(
                PaymentJourneyProcess.Vars.RECEIPT_AMOUNT, Map.of("value", 128000.0, "type", "Double"),
                PaymentJourneyProcess.Vars.RECEIPT_VALUE_DATE, Map.of("value", TestData.today().toString(), "type", "String"),
                PaymentJourneyProcess.Vars.RECEIPT_REFERENCE, Map.of("value", "BK-" + journey.invoiceNo(), "type", "String"))));
        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    private ResponseEntity<String> post(String user, String path, Object body) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, HttpMethod.POST, new HttpEntity<>(JSON.writeValueAsString(body), h),
                String.class);
    }

    /** The rep's stuck view, as his Tasklist cards read it. */
    private JsonNode stuck(String rep) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(rep, rep).getForEntity("/api/payment-journeys/stuck", String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    private List<String> nodeVisits(PaymentJourney journey) {
        return jdbc.sql("SELECT node FROM payment_node_visit WHERE journey_id = :id ORDER BY entered_at, id")
                .param("id", journey.id()).query(String.class).list();
    }

    static final String INTENT_LEVEL_FIELD = "{\"label\": \"客户意向等级 Intent level\", \"type\": \"select\", \"id\": \"Field_intentLevel\","
            + " \"key\": \"intentLevel\", \"values\": [{\"label\": \"A 高 High\", \"value\": \"A\"},"
            + " {\"label\": \"B 中 Medium\", \"value\": \"B\"}, {\"label\": \"C 低 Low\", \"value\": \"C\"}]}";

    private String deployedForm(String user, String taskId) throws Exception {
        ResponseEntity<String> form = rest.withBasicAuth(user, user).getForEntity("/engine-rest/task/" + taskId + "/deployed-form",
                String.class);
        assertThat(form.getStatusCode()).as(form.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(form.getBody()).toString();
    }

    /** What Tasklist posts when the rep submits the first-contact form (the new field only when the form has it). */
    private ResponseEntity<String> submitFirstContact(String user, String taskId, String intentLevel) throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("contactOutcome", Map.of("value", "REACHED", "type", "String"));
        variables.put("contactNotes", Map.of("value", "客户有兴趣 interested", "type", "String"));
        variables.put("nextFollowUpDate", Map.of("value", TestData.today().plusDays(1).toString(), "type", "String"));
        if (intentLevel != null) {
            variables.put("intentLevel", Map.of("value", intentLevel, "type", "String"));
        }
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange("/engine-rest/task/" + taskId + "/submit-form", HttpMethod.POST,
                new HttpEntity<>(JSON.writeValueAsString(Map.of("variables", variables)), h), String.class);
    }

    static final String TRADE_SHOW_MID_SOUTH_ROW = "<rule id=\"Rule_TradeShowMidSouth\">"
            + "<description>展会扫码、预算5–20万、华南：优先陈静 Trade show, budget 50k–200k, South: prefer Chen Jing</description>"
            + "<inputEntry id=\"UnaryTests_TradeShowMidSouth_Source\"><text>\"TRADE_SHOW_QR\"</text></inputEntry>"
            + "<inputEntry id=\"UnaryTests_TradeShowMidSouth_BudgetTier\"><text>\"MID\"</text></inputEntry>"
            + "<inputEntry id=\"UnaryTests_TradeShowMidSouth_Region\"><text>\"SOUTH\"</text></inputEntry>"
            + "<outputEntry id=\"LiteralExpression_TradeShowMidSouth_RuleName\"><text>\"展会中额华南 Trade show mid, South\"</text></outputEntry>"
            + "<outputEntry id=\"LiteralExpression_TradeShowMidSouth_Team\"><text>\"SOUTH\"</text></outputEntry>"
            + "<outputEntry id=\"LiteralExpression_TradeShowMidSouth_PreferredReps\"><text>\"chenjing\"</text></outputEntry>"
            + "</rule>";

    private Lead receive(String source, String region, String budget) {
        return intake.receive(TestData.leadBody(source, region, budget), LeadSource.valueOf(source)).lead();
    }

    /** The newest deployed rebate decision's rate for a tier, as the quote's rebate step evaluates it. */
    private BigDecimal rebateRate(String tier) {
        Object rate = decisionService.evaluateDecisionTableByKey("rebatePolicy", Map.of("customerTier", tier)).getSingleResult()
                .getEntry("rebateRate");
        return new BigDecimal(rate.toString());
    }

    private String leadStatus(Lead lead) {
        return jdbc.sql("SELECT status FROM sales_lead WHERE id = :id").param("id", lead.id()).query(String.class).single();
    }

    private String assignee(Lead lead) {
        return jdbc.sql("SELECT assignee FROM sales_lead WHERE id = :id").param("id", lead.id()).query(String.class).single();
    }

    private static void completeFirstContact(ProcessInstance pi) {
        var task = task(LeadRoutingProcess.Task.FIRST_CONTACT, pi);
        completeAs(task.getAssignee(), REP, task, withVariables(LeadRoutingProcess.Vars.CONTACT_OUTCOME, "REACHED",
                LeadRoutingProcess.Vars.NEXT_FOLLOW_UP_DATE, TestData.today().plusDays(1).toString(),
                LeadRoutingProcess.Vars.CONTACT_NOTES, "客户有兴趣 interested"));
    }

    private static void completeAsRep(ProcessInstance pi, String taskKey, Map<String, Object> vars) {
        var task = task(taskKey, pi);
        completeAs(task.getAssignee(), REP, task, vars);
    }

    private static Map<String, byte[]> withForms(byte[] diagram, String... forms) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("lead-routing.bpmn", diagram);
        for (String form : forms) {
            files.put(form, ModelerDeploy.shipped("forms/" + form));
        }
        return files;
    }

    private String deployAsDirector(String name, Map<String, byte[]> files) throws Exception {
        ResponseEntity<String> response = ModelerDeploy.deploy(rest, DIRECTOR, name, files);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody()).path("id").asText();
    }

    private String definitionIn(String deploymentId) {
        return repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId).singleResult().getId();
    }

    private JsonNode backtest(byte[] table) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_XML);
        ResponseEntity<String> response = rest.withBasicAuth(DIRECTOR, DIRECTOR).exchange("/api/routing/backtest?days=1",
                HttpMethod.POST, new HttpEntity<>(table, h), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }
}
