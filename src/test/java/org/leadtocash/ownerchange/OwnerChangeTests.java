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
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaEntry;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaMap;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
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
import org.leadtocash.notify.ChannelStandIns;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.payment.PaymentFixtures;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.quote.CatalogueUpkeepProcesses.ClauseTypes;
import org.leadtocash.quote.QuoteTestSupport;
import org.leadtocash.quote.QuoteToInvoiceProcess;
import org.leadtocash.quote.Quotes;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.ModelProperties;
import org.leadtocash.standin.AliyunSmsStandIn;
import org.leadtocash.standin.DingTalkRobotStandIn;
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
    @Autowired RuntimeService runtimeService;
    @Autowired NotificationService notifications;
    @Autowired Quotes quotes;
    @Autowired QuoteTestSupport quoteSupport;
    @Autowired IdentityService identityService;

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
        // data the owner added in changes 4 and 7 through the product's APIs; data.reset() leaves both alone
        SOUTHWEST_REPS.stream().filter(u -> identityService.createUserQuery().userId(u).count() > 0)
                .forEach(identityService::deleteUser);
        jdbc.sql("DELETE FROM product_clause_type WHERE clause_type = :c").param("c", DATA_SECURITY).update();
        jdbc.sql("DELETE FROM clause_version WHERE type_code = :c").param("c", DATA_SECURITY).update();
        jdbc.sql("DELETE FROM clause_type WHERE code = :c").param("c", DATA_SECURITY).update();
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

    /**
     * Change 2: unassigned escalation 2 h → 1 h on the timer marked {@code sla=unassigned}, and the regional director
     * alerted as well as the manager: {@code director-of-region:${region}} added to the alert task's recipients (the
     * recipients field of the element templates). The DingTalk robot (stand-in) receives both at +1 h for a new lead; a
     * lead received before gets the alert at +2 h, to the manager only.
     */
    @Test
    void change02UnassignedAlertAfterOneHourToTheManagerAndTheRegionalDirector() throws Exception {
        data.deactivateAllRepsExcept();
        ProcessInstance before = processInstance(receive("PHONE_CALL", "SOUTH", "100000").processInstanceId());

        Map<String, byte[]> files = withForms(ModelerDeploy.editDiagram("bpmn/lead-routing.bpmn", model -> {
            model.getModelElementsByType(TimerEventDefinition.class).stream()
                    .filter(t -> LeadRoutingProcess.Sla.UNASSIGNED.equals(
                            ModelProperties.property((BaseElement) t.getParentElement(), LeadRoutingProcess.Sla.PROPERTY)))
                    .forEach(t -> t.getTimeDuration().setTextContent("PT1H"));
            CamundaInputParameter recipients = inputParameter(model.getModelElementById(LeadRoutingProcess.Task.NOTIFY_MANAGER_UNASSIGNED),
                    "recipients");
            assertThat(recipients.getTextContent()).as("the shipped alert").isEqualTo("role:manager");
            recipients.setTextContent("role:manager, director-of-region:${region}");
        }), LEAD_FORMS);
        deployAsDirector("bpmn/lead-routing.bpmn unassigned 1h + director", files);
        ProcessInstance after = processInstance(receive("PHONE_CALL", "SOUTH", "100000").processInstanceId());
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, after));
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, before));
        assertThat(timer(after, LeadRoutingProcess.Event.TWO_HOURS_UNASSIGNED).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(1))));
        assertThat(timer(before, LeadRoutingProcess.Event.TWO_HOURS_UNASSIGNED).getDuedate()).isEqualTo(Date.from(t0.plus(Duration.ofHours(2))));

        try (DingTalkRobotStandIn robot = DingTalkRobotStandIn.start("owner-change-02", ChannelStandIns.DINGTALK_SECRET);
             ChannelStandIns channels = ChannelStandIns.of(notifications).dingTalk(robot)) {
            fireTimer(after, LeadRoutingProcess.Event.TWO_HOURS_UNASSIGNED);
            execute(job(LeadRoutingProcess.Task.NOTIFY_MANAGER_UNASSIGNED, after));
            assertThat(robot.accepted()).singleElement().satisfies(m -> {
                assertThat(m.title()).isEqualTo("线索超时未分配 Lead unassigned for 1小时 h");
                assertThat(m.atMobiles()).contains(MANAGER_MOBILE, DIRECTOR_MOBILE);
            });
            assertThat(timer(before, LeadRoutingProcess.Event.TWO_HOURS_UNASSIGNED)).as("the old version's 2 h timer, not yet due")
                    .isNotNull();

            fireTimer(before, LeadRoutingProcess.Event.TWO_HOURS_UNASSIGNED);
            execute(job(LeadRoutingProcess.Task.NOTIFY_MANAGER_UNASSIGNED, before));
            assertThat(robot.accepted()).hasSize(2).last().satisfies(m -> {
                assertThat(m.title()).isEqualTo("线索超时未分配 Lead unassigned for 2小时 h");
                assertThat(m.atMobiles()).contains(MANAGER_MOBILE).doesNotContain(DIRECTOR_MOBILE);
            });
        }
        assertThat(before).isWaitingAt(LeadRoutingProcess.Task.ASSIGN_LEAD_MANUALLY);
        assertThat(after).isWaitingAt(LeadRoutingProcess.Task.ASSIGN_LEAD_MANUALLY);
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

    /**
     * Change 4: a new region 西南 SOUTHWEST with its own team. The region and its two reps are data, added by the regional
     * director through the sales team page's API ({@code /api/team}); the routing row is deployed in
     * {@code lead-routing.dmn}. A SOUTHWEST lead then goes to the new team. No SQL, no migration.
     */
    @Test
    void change04NewRegionSouthwestWithItsOwnTeam() throws Exception {
        assertThat(post(DIRECTOR, "/api/team/regions", Map.of("code", "SOUTHWEST", "name", "西南", "active", true)).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        for (String[] rep : new String[][] {{"testxnan1", "西南一号", "13800000101"}, {"testxnan2", "西南二号", "13800000102"}}) {
            ResponseEntity<String> added = post(DIRECTOR, "/api/team/members", Map.of("userId", rep[0], "displayName", rep[1],
                    "role", "REP", "region", "SOUTHWEST", "mobile", rep[2], "managerId", "limin", "directorId", DIRECTOR));
            assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
        }
        Lead earlier = receive("WEBSITE_FORM", "SOUTHWEST", "30000");
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, processInstance(earlier.processInstanceId())));
        assertThat(routingRule(earlier)).as("no row of the shipped table names SOUTHWEST").doesNotContain("西南");

        byte[] table = ModelerDeploy.editText("bpmn/lead-routing.dmn", "<rule id=\"Rule_NorthDefault\">", SOUTHWEST_DEFAULT_ROW
                + "<rule id=\"Rule_NorthDefault\">");
        deployAsDirector("bpmn/lead-routing.dmn southwest", Map.of("lead-routing.dmn", table));
        Lead later = receive("WEBSITE_FORM", "SOUTHWEST", "30000");
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, processInstance(later.processInstanceId())));

        assertThat(assignee(later)).isIn("testxnan1", "testxnan2");
        assertThat(routingRule(later)).contains("西南区域默认");
        ProcessInstance pi = processInstance(later.processInstanceId());
        assertThat(task(LeadRoutingProcess.Task.FIRST_CONTACT, pi).getAssignee()).isEqualTo(assignee(later));
        completeFirstContact(pi);
        assertThat(pi).isEnded();
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
     * Change 7: a new locked clause type 数据安全条款 data security, required for the gateway GW-100 only. Legal adds it in
     * Tasklist's start form 维护条款类型 (what Tasklist submits, over {@code /engine-rest}) and publishes its text through
     * the clause-type API; a gateway quote then carries the clause, locked, and a mould quote does not. No deployment.
     */
    @Test
    void change07NewLockedDataSecurityClauseForOneProduct() throws Exception {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put(ClauseTypes.CODE, Map.of("value", DATA_SECURITY, "type", "String"));
        form.put(ClauseTypes.NAME, Map.of("value", "数据安全条款 Data security", "type", "String"));
        form.put(ClauseTypes.LOCKED, Map.of("value", true, "type", "Boolean"));
        form.put(ClauseTypes.APPLIES_TO_ALL, Map.of("value", false, "type", "Boolean"));
        form.put(ClauseTypes.ACTIVE, Map.of("value", true, "type", "Boolean"));
        form.put(ClauseTypes.REQUIRED_FOR, Map.of("value", "GW-100", "type", "String"));
        ResponseEntity<String> started = post(LEGAL_USER, "/engine-rest/process-definition/key/" + ClauseTypes.KEY + "/submit-form",
                Map.of("variables", form));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> text = post(LEGAL_USER, "/api/catalogue/clause-types/" + DATA_SECURITY + "/versions",
                Map.of("effectiveDate", TestData.today().toString(), "text", "一、卖方对网关采集的数据依法保密，不向第三方提供。"));
        assertThat(text.getStatusCode()).as(text.getBody()).isEqualTo(HttpStatus.CREATED);

        JsonNode gateway = quoteAsRep("zhangwei", quote("zhangwei", "GW-100", 2).quoteId()).path("clauses");
        JsonNode mould = quoteAsRep("zhangwei", quote("zhangwei", "JM-200", 1).quoteId()).path("clauses");

        assertThat(gateway.findValuesAsText("typeCode")).containsOnlyOnce(DATA_SECURITY);
        gateway.forEach(c -> {
            if (c.path("typeCode").asText().equals(DATA_SECURITY)) {
                assertThat(c.path("locked").asBoolean()).isTrue();
                assertThat(c.path("text").asText()).isEqualTo("一、卖方对网关采集的数据依法保密，不向第三方提供。");
            }
        });
        assertThat(mould.findValuesAsText("typeCode")).isNotEmpty().doesNotContain(DATA_SECURITY);
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

    /**
     * Change 10: a second legal approval for contracts above 1,000,000 CNY. In Modeler the owner re-points the "approved"
     * flow to a new exclusive gateway on {@code contractTotal}: above 1,000,000 to a second review user task (candidate
     * group legal, form {@code form-contract-review}, the review's task listeners copied with the task), its record step
     * and decision gateway, then to the one-time signing; at or below it straight to the signing. New IDs of his own.
     * The large contract needs both approvals and is signed and counted once; the small one needs one; a large contract
     * started before the deployment runs as before with one.
     */
    @Test
    void change10SecondLegalApprovalAboveOneMillion() throws Exception {
        Quotes.Started earlier = quote("zhangwei", "JM-200", 10);
        String deployment = deployAsDirector("bpmn/quote-to-invoice.bpmn second approval > 1M",
                quoteFiles(ModelerDeploy.editDiagram("bpmn/quote-to-invoice.bpmn", OwnerChangeTests::secondLegalApprovalAboveOneMillion)));
        Quotes.Started large = quote("zhangwei", "JM-200", 10);
        Quotes.Started small = quote("zhangwei", "JM-200", 1);
        assertThat(processInstance(large.processInstanceId()).getProcessDefinitionId()).isEqualTo(definitionIn(deployment));
        for (Quotes.Started q : List.of(earlier, large, small)) {
            toLegalReview(q);
        }
        assertThat((Double) runtimeService.getVariable(large.processInstanceId(), QuoteToInvoiceProcess.Vars.CONTRACT_TOTAL)).isGreaterThan(1_000_000d);
        assertThat((Double) runtimeService.getVariable(earlier.processInstanceId(), QuoteToInvoiceProcess.Vars.CONTRACT_TOTAL)).isGreaterThan(1_000_000d);
        assertThat((Double) runtimeService.getVariable(small.processInstanceId(), QuoteToInvoiceProcess.Vars.CONTRACT_TOTAL)).isLessThan(1_000_000d);

        LocalDate drafted = TestData.today();
        moveClockTo(t0.plus(Duration.ofHours(1)));
        for (Quotes.Started q : List.of(earlier, large, small)) {
            review(q, QuoteToInvoiceProcess.Task.REVIEW_CONTRACT, "APPROVE", null);
        }
        assertThat(processInstance(large.processInstanceId())).isWaitingAt(SECOND_REVIEW);
        assertThat(contractStatus(large)).as("not signed before the second approval").isEqualTo("IN_REVIEW");
        assertThat(runtimeService.getVariable(large.processInstanceId(), QuoteToInvoiceProcess.Vars.REVIEW_DECISION))
                .as("the second review's form opens undecided, not with the first approval selected").isNull();
        assertThat(processInstance(small.processInstanceId())).isWaitingAt(QuoteToInvoiceProcess.Task.CREATE_INVOICE_REQUEST);
        assertThat(processInstance(earlier.processInstanceId())).as("the older version: one approval")
                .isWaitingAt(QuoteToInvoiceProcess.Task.CREATE_INVOICE_REQUEST);

        // the second reviewer returns it; after the rep's revision it goes through both reviews again
        moveClockTo(t0.plus(Duration.ofHours(2)));
        review(large, SECOND_REVIEW, "RETURN", "超过100万需附履约保函 a performance bond is required above 1,000,000");
        assertThat(contractStatus(large)).isEqualTo("RETURNED");
        ProcessInstance largePi = processInstance(large.processInstanceId());
        Map<String, Object> revision = new LinkedHashMap<>();
        revision.put(QuoteToInvoiceProcess.Vars.LINES, runtimeService.getVariable(largePi.getId(), QuoteToInvoiceProcess.Vars.LINES));
        revision.put(QuoteToInvoiceProcess.Vars.DELIVERY_DATE, TestData.today().plusDays(30).toString());
        revision.put(QuoteToInvoiceProcess.Vars.REVISION_NOTE, "已附履约保函 performance bond attached");
        completeAsRep(largePi, QuoteToInvoiceProcess.Task.REVISE_CONTRACT, revision);
        assertThat(largePi).isWaitingAt(QuoteToInvoiceProcess.Task.REVIEW_CONTRACT);
        moveClockTo(t0.plus(Duration.ofHours(3)));
        review(large, QuoteToInvoiceProcess.Task.REVIEW_CONTRACT, "APPROVE", null);
        review(large, SECOND_REVIEW, "APPROVE", null);

        assertThat(largePi).isWaitingAt(QuoteToInvoiceProcess.Task.CREATE_INVOICE_REQUEST);
        for (Quotes.Started q : List.of(earlier, large, small)) {
            execute(job(QuoteToInvoiceProcess.Task.CREATE_INVOICE_REQUEST, processInstance(q.processInstanceId())));
            assertThat(contractStatus(q)).isEqualTo("APPROVED");
        }
        assertThat(reviews(large)).containsExactly("APPROVE", "RETURN", "APPROVE", "APPROVE");
        assertThat(reviews(small)).containsExactly("APPROVE");
        assertThat(reviews(earlier)).containsExactly("APPROVE");

        // per contract, the large one once — returned once, handled from its draft to its last approval
        ResponseEntity<String> kpi = rest.withBasicAuth(DIRECTOR, DIRECTOR).getForEntity("/api/kpi/contracts?from={d}&to={d}&perContract=true",
                String.class, Map.of("d", drafted.toString()));
        assertThat(kpi.getStatusCode()).as(kpi.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode report = JSON.readTree(kpi.getBody());
        assertThat(report.path("contracts").asInt()).isEqualTo(3);
        assertThat(report.path("reviewedContracts").asInt()).isEqualTo(3);
        assertThat(report.path("returnedContracts").asInt()).isEqualTo(1);
        assertThat(report.path("legalReturnRate").decimalValue()).isEqualByComparingTo("0.3333");
        assertThat(report.path("approvedContracts").asInt()).isEqualTo(3);
        assertThat(report.path("averageHandlingHours").decimalValue()).isEqualByComparingTo("1.67");
        Map<String, String> hours = new LinkedHashMap<>();
        report.path("perContract").forEach(c -> hours.put(c.path("quoteId").asText(),
                c.path("handlingHours").decimalValue().stripTrailingZeros().toPlainString()));
        assertThat(hours).containsOnly(Map.entry(earlier.quoteId(), "1"), Map.entry(large.quoteId(), "3"),
                Map.entry(small.quoteId(), "1"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM signed_deal").query(Integer.class).single()).as("each deal signed once").isEqualTo(3);
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

    /**
     * Change 12: new wording for the "invoice signed" SMS: the provider's new template code and its parameters are the
     * SMS task's input parameters {@code smsTemplateCode} and {@code templateParams} (the SMS element template's fields).
     * Alibaba Cloud SMS (stand-in) receives the new TemplateCode and parameters for a journey started after the deploy;
     * one started before keeps the shipped template.
     */
    @Test
    void change12NewSmsTemplateForInvoiceSigned() throws Exception {
        ProcessInstance before = processInstance(journeys.start(PaymentFixtures.start()).processInstanceId());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("payment-journey.bpmn", ModelerDeploy.editDiagram("bpmn/payment-journey.bpmn", model -> {
            ServiceTask sms = model.getModelElementById(PaymentJourneyProcess.Task.SEND_PAYMENT_STARTED_SMS);
            inputParameter(sms, "smsTemplateCode").setTextContent("SMS_480000123");
            CamundaMap params = inputParameter(sms, "templateParams").getValue();
            params.getCamundaEntries().clear();
            for (String[] e : new String[][] {{"date", "{expectedDate}"}, {"customer", "{customerName}"}}) {
                CamundaEntry entry = model.newInstance(CamundaEntry.class);
                entry.setCamundaKey(e[0]);
                entry.setTextContent(e[1]);
                params.getCamundaEntries().add(entry);
            }
        }));
        for (String form : PAYMENT_FORMS) {
            files.put(form, ModelerDeploy.shipped("forms/" + form));
        }
        deployAsDirector("bpmn/payment-journey.bpmn SMS wording", files);
        PaymentJourney later = journeys.start(PaymentFixtures.start());
        ProcessInstance after = processInstance(later.processInstanceId());

        LocalDate expected = TestData.today().plusDays(30);
        String expectedText = expected.getMonthValue() + "月" + expected.getDayOfMonth() + "日";
        try (AliyunSmsStandIn provider = AliyunSmsStandIn.start(ChannelStandIns.SMS_KEY_ID, ChannelStandIns.SMS_SECRET);
             ChannelStandIns channels = ChannelStandIns.of(notifications).aliyunSms(provider)) {
            for (ProcessInstance pi : List.of(after, before)) {
                completeAsRep(pi, PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED, Map.of(
                        PaymentJourneyProcess.Vars.INVOICE_SIGNED_DATE, TestData.today().toString(),
                        PaymentJourneyProcess.Vars.EXPECTED_PAYMENT_DATE, expected.toString(),
                        PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_NAME, "王采购",
                        PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_MOBILE, "139 1234 5678"));
                execute(job(PaymentJourneyProcess.Task.SEND_PAYMENT_STARTED_SMS, pi));
            }
            assertThat(provider.messages()).hasSize(2);
            assertThat(provider.messages().get(0)).satisfies(m -> {
                assertThat(m.templateCode()).isEqualTo("SMS_480000123");
                assertThat(m.params()).containsExactlyInAnyOrderEntriesOf(Map.of("date", expectedText, "customer", later.customerName()));
                assertThat(m.phoneNumber()).isEqualTo("13912345678");
                assertThat(m.signName()).isEqualTo(ChannelStandIns.SMS_SIGN_NAME);
            });
            assertThat(provider.messages().get(1)).as("the journey started before: the shipped template").satisfies(m -> {
                assertThat(m.templateCode()).isEqualTo("PAYMENT_PROCESS_STARTED");
                assertThat(m.params()).containsExactlyEntriesOf(Map.of("expectedDate", expectedText));
            });
        }
        assertThat(after).isWaitingAt(PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED);
        assertThat(before).isWaitingAt(PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED);
    }

    // --- helpers ---

    static final String MANAGER_MOBILE = "13800000010";
    static final String DIRECTOR_MOBILE = "13800000020";
    static final String LEGAL_USER = "zhoujie";
    static final String DATA_SECURITY = "DATA_SECURITY";
    static final List<String> SOUTHWEST_REPS = List.of("testxnan1", "testxnan2");
    static final String[] QUOTE_FORMS = {"quote-start.form", "quote-edit.form", "quote-answer.form", "contract-changes.form",
            "contract-review.form", "contract-revise.form", "invoice-fix.form"};
    static final List<String> PAYMENT_FORMS = List.of("payment-journey-start.form", "payment-invoice-signed.form",
            "payment-procurement-started.form", "payment-customer-paid.form", "payment-bank-receipt.form",
            "payment-blocker-checklist.form");
    /** The owner's own IDs in change 10. */
    static final String SECOND_REVIEW = "Task_SecondLegalReview";

    static final String SOUTHWEST_DEFAULT_ROW = "<rule id=\"Rule_SouthwestDefault\">"
            + "<description>西南线索：西南团队按负载分配 Any Southwest lead: Southwest team by workload</description>"
            + "<inputEntry id=\"UnaryTests_SouthwestDefault_Source\"><text>-</text></inputEntry>"
            + "<inputEntry id=\"UnaryTests_SouthwestDefault_BudgetTier\"><text>-</text></inputEntry>"
            + "<inputEntry id=\"UnaryTests_SouthwestDefault_Region\"><text>\"SOUTHWEST\"</text></inputEntry>"
            + "<outputEntry id=\"LiteralExpression_SouthwestDefault_RuleName\"><text>\"西南区域默认 Southwest default\"</text></outputEntry>"
            + "<outputEntry id=\"LiteralExpression_SouthwestDefault_Team\"><text>\"SOUTHWEST\"</text></outputEntry>"
            + "<outputEntry id=\"LiteralExpression_SouthwestDefault_PreferredReps\"><text>\"\"</text></outputEntry>"
            + "</rule>";

    /**
     * Change 10 as the owner draws it in Modeler: the flow "approved" now ends in a gateway on contractTotal; above
     * 1,000,000 a second review (a copy of legal's review task: candidate group, form, task listeners), its record
     * step and a decision gateway lead to the signing, or back to the rep's revision on a return. Shapes and edges are
     * drawn below the shipped ones.
     */
    static void secondLegalApprovalAboveOneMillion(BpmnModelInstance model) {
        Process process = model.getModelElementsByType(Process.class).iterator().next();
        ServiceTask sign = model.getModelElementsByType(ServiceTask.class).stream()
                .filter(t -> "${signContractDelegate}".equals(t.getCamundaDelegateExpression())).findFirst().orElseThrow();
        UserTask firstReview = model.getModelElementsByType(UserTask.class).stream()
                .filter(t -> "form-contract-review".equals(t.getCamundaFormRef())).findFirst().orElseThrow();
        UserTask revise = model.getModelElementsByType(UserTask.class).stream()
                .filter(t -> "form-contract-revise".equals(t.getCamundaFormRef())).findFirst().orElseThrow();
        SequenceFlow approved = sign.getIncoming().iterator().next();

        ExclusiveGateway byTotal = add(model, process, ExclusiveGateway.class, "Gateway_ContractAboveOneMillion",
                "合同金额超过100万? Contract above 1,000,000?", 2175, 600, 50, 50);
        UserTask second = add(model, process, UserTask.class, SECOND_REVIEW, "法务二审 Second legal review", 2300, 585, 100, 80);
        second.setCamundaCandidateGroups("legal");
        second.setCamundaFormRef("form-contract-review");
        second.setCamundaFormRefBinding("deployment");
        ExtensionElements listeners = model.newInstance(ExtensionElements.class);
        for (CamundaTaskListener l : firstReview.getExtensionElements().getElementsQuery().filterByType(CamundaTaskListener.class).list()) {
            CamundaTaskListener copy = model.newInstance(CamundaTaskListener.class);
            copy.setCamundaEvent(l.getCamundaEvent());
            copy.setCamundaDelegateExpression(l.getCamundaDelegateExpression());
            listeners.addChildElement(copy);
        }
        second.setExtensionElements(listeners);
        ServiceTask record = add(model, process, ServiceTask.class, "Task_RecordSecondLegalReview", "记录二审结果 Record second review",
                2450, 585, 100, 80);
        record.setCamundaDelegateExpression("${recordContractReviewDelegate}");
        ExclusiveGateway decision = add(model, process, ExclusiveGateway.class, "Gateway_SecondReviewDecision",
                "二审结论? Second review decision?", 2600, 600, 50, 50);

        approved.setTarget(byTotal);
        byTotal.getIncoming().add(approved);
        sign.getIncoming().remove(approved);
        edge(model, approved, 2200, 285, 2200, 600);
        flow(model, process, "SequenceFlow_AboveOneMillion", "超过100万 Above 1,000,000", byTotal, second, "${contractTotal > 1000000}",
                2225, 625, 2300, 625);
        flow(model, process, "SequenceFlow_UpToOneMillion", "100万及以下 Up to 1,000,000", byTotal, sign, "${contractTotal <= 1000000}",
                2175, 625, 2120, 625, 2120, 130, 2140, 130);
        flow(model, process, "SequenceFlow_SecondReviewed", null, second, record, null, 2400, 625, 2450, 625);
        flow(model, process, "SequenceFlow_SecondReviewRecorded", null, record, decision, null, 2550, 625, 2600, 625);
        flow(model, process, "SequenceFlow_SecondApproved", "通过 Approved", decision, sign, "${reviewDecision == 'APPROVE'}",
                2625, 600, 2625, 130, 2240, 130);
        flow(model, process, "SequenceFlow_SecondReturned", "退回 Returned", decision, revise, "${reviewDecision == 'RETURN'}",
                2625, 650, 2625, 700, 2070, 700, 2070, 480);
    }

    private static <T extends FlowNode> T add(BpmnModelInstance model, Process process, Class<T> type, String id, String name,
                                              double x, double y, double width, double height) {
        T node = model.newInstance(type);
        node.setId(id);
        node.setName(name);
        process.addChildElement(node);
        BpmnShape shape = model.newInstance(BpmnShape.class);
        shape.setId(id + "_di");
        shape.setBpmnElement(node);
        Bounds bounds = model.newInstance(Bounds.class);
        bounds.setX(x);
        bounds.setY(y);
        bounds.setWidth(width);
        bounds.setHeight(height);
        shape.setBounds(bounds);
        plane(model).addChildElement(shape);
        return node;
    }

    private static void flow(BpmnModelInstance model, Process process, String id, String name, FlowNode from, FlowNode to,
                             String condition, double... waypoints) {
        SequenceFlow flow = model.newInstance(SequenceFlow.class);
        flow.setId(id);
        flow.setName(name);
        process.addChildElement(flow);
        flow.setSource(from);
        flow.setTarget(to);
        from.getOutgoing().add(flow);
        to.getIncoming().add(flow);
        if (condition != null) {
            ConditionExpression expression = model.newInstance(ConditionExpression.class);
            expression.setTextContent(condition);
            flow.setConditionExpression(expression);
        }
        BpmnEdge edge = model.newInstance(BpmnEdge.class);
        edge.setId(id + "_di");
        edge.setBpmnElement(flow);
        plane(model).addChildElement(edge);
        waypoints(model, edge, waypoints);
    }

    /** Redraws the flow's edge through the waypoints (x1, y1, x2, y2, …). */
    private static void edge(BpmnModelInstance model, SequenceFlow flow, double... waypoints) {
        waypoints(model, model.getModelElementsByType(BpmnEdge.class).stream()
                .filter(e -> e.getBpmnElement() != null && flow.getId().equals(e.getBpmnElement().getId())).findFirst().orElseThrow(),
                waypoints);
    }

    private static void waypoints(BpmnModelInstance model, BpmnEdge edge, double... waypoints) {
        edge.getWaypoints().clear();
        for (int i = 0; i < waypoints.length; i += 2) {
            Waypoint w = model.newInstance(Waypoint.class);
            w.setX(waypoints[i]);
            w.setY(waypoints[i + 1]);
            edge.getWaypoints().add(w);
        }
    }

    private static BpmnPlane plane(BpmnModelInstance model) {
        return model.getModelElementsByType(BpmnPlane.class).iterator().next();
    }

    private static CamundaInputParameter inputParameter(BaseElement element, String name) {
        return element.getExtensionElements().getElementsQuery().filterByType(CamundaInputOutput.class).singleResult()
                .getCamundaInputParameters().stream().filter(p -> name.equals(p.getCamundaName())).findFirst().orElseThrow();
    }

    private static Map<String, byte[]> quoteFiles(byte[] diagram) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("quote-to-invoice.bpmn", diagram);
        for (String form : QUOTE_FORMS) {
            files.put(form, ModelerDeploy.shipped("forms/" + form));
        }
        return files;
    }

    /** A quote of the rep for a new KA customer of his, waiting at 编辑报价. */
    private Quotes.Started quote(String rep, String model, int quantity) {
        String customerId = quoteSupport.customerOf(rep);
        return as(rep, REP, () -> quotes.start(new Quotes.QuoteRequest(customerId, null, null, TestData.today().plusDays(30).toString(),
                List.of(new Quotes.LineRequest(model, BigDecimal.valueOf(quantity))), null), rep));
    }

    /** Edited unchanged and accepted by the customer: the contract waits for legal. */
    private void toLegalReview(Quotes.Started q) {
        quoteSupport.editUnchanged(q.processInstanceId(), "zhangwei");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(QuoteToInvoiceProcess.Vars.CUSTOMER_ANSWER, "ACCEPTED");
        answer.put(QuoteToInvoiceProcess.Vars.REJECT_REASON, null);
        completeAsRep(processInstance(q.processInstanceId()), QuoteToInvoiceProcess.Task.RECORD_CUSTOMER_ANSWER, answer);
        assertThat(processInstance(q.processInstanceId())).isWaitingAt(QuoteToInvoiceProcess.Task.REVIEW_CONTRACT);
    }

    /** Legal submits the review form of the task. */
    private static void review(Quotes.Started q, String taskKey, String decision, String reason) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put(QuoteToInvoiceProcess.Vars.REVIEW_DECISION, decision);
        vars.put(QuoteToInvoiceProcess.Vars.RETURN_REASON, reason);
        completeAs(LEGAL_USER, List.of(Groups.LEGAL), task(taskKey, processInstance(q.processInstanceId())), vars);
    }

    private String contractStatus(Quotes.Started q) {
        return jdbc.sql("SELECT status FROM contract WHERE quote_id = :q").param("q", q.quoteId()).query(String.class).single();
    }

    private List<String> reviews(Quotes.Started q) {
        return jdbc.sql("SELECT r.decision FROM contract_review r JOIN contract c ON c.id = r.contract_id WHERE c.quote_id = :q"
                + " ORDER BY r.review_round").param("q", q.quoteId()).query(String.class).list();
    }

    private JsonNode quoteAsRep(String rep, String quoteId) throws Exception {
        ResponseEntity<String> quote = rest.withBasicAuth(rep, rep).getForEntity("/api/quotes/" + quoteId, String.class);
        assertThat(quote.getStatusCode()).as(quote.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(quote.getBody());
    }

    // change 8: a payment node drawn with the shipped element templates

    static final String RECONCILED = "RECONCILIATION_CONFIRMED";
    static final String RECONCILE_TASK = "Task_ConfirmReconciliation";
    static final String RECONCILE_BREAKER = "BoundaryEvent_ReconciliationBreaker";
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

    private String routingRule(Lead lead) {
        return jdbc.sql("SELECT routing_rule FROM sales_lead WHERE id = :id").param("id", lead.id()).query(String.class).single();
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
