package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.payment.JourneyStart;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.quote.QuoteToInvoiceProcess;
import org.leadtocash.support.Licences;
import org.leadtocash.support.TestData;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Builds real sales data the way the application builds it: leads through {@code POST /api/leads} and the routing
 * job, first contact through the engine REST API as Tasklist submits it, quotes through {@code POST /api/quotes},
 * payment journeys through {@link PaymentJourneys#start}.
 */
final class SalesFixtures {
    static final String WEBSITE_KEY = "test-website-key-0001";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    private final TestRestTemplate rest;
    private final TestData data;
    private final ManagementService managementService;
    private final TaskService taskService;
    private final PaymentJourneys journeys;

    SalesFixtures(TestRestTemplate rest, TestData data, ManagementService managementService, TaskService taskService,
                  PaymentJourneys journeys) {
        this.rest = rest;
        this.data = data;
        this.managementService = managementService;
        this.taskService = taskService;
        this.journeys = journeys;
    }

    /** A lead stored and routed: its first-contact task waits for the assignee. */
    record RoutedLead(String leadId, String processInstanceId, String taskId, String assignee, String creditCode) {
    }

    record StartedQuote(String quoteId, String processInstanceId, String editTaskId) {
    }

    /** A website lead of the East with a large budget while lina is on a trip: the routing table gives it to zhangwei. */
    RoutedLead leadForZhangwei() throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        data.trip("lina", today.minusDays(1), today.plusDays(2));
        RoutedLead lead = route(TestData.leadBody("WEBSITE_FORM", "EAST", "250000"));
        assertThat(lead.assignee()).isEqualTo("zhangwei");
        return lead;
    }

    /** Posts the lead with the website key (201 expected) and runs its routing job. */
    RoutedLead route(Map<String, Object> body) throws Exception {
        JsonNode created = postLead(body);
        String leadId = created.path("leadId").asText();
        String pi = created.path("processInstanceId").asText();
        Job job = managementService.createJobQuery().processInstanceId(pi).activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult();
        assertThat(job).as("routing job of " + leadId).isNotNull();
        managementService.executeJob(job.getId());
        Task task = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT)
                .singleResult();
        assertThat(task).as("first-contact task of " + leadId).isNotNull();
        return new RoutedLead(leadId, pi, task.getId(), task.getAssignee(), (String) body.get("creditCode"));
    }

    JsonNode postLead(Map<String, Object> body) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.set("X-Api-Key", WEBSITE_KEY);
        ResponseEntity<String> response = rest.exchange("/api/leads", HttpMethod.POST, new HttpEntity<>(JSON.writeValueAsString(body), h),
                String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        return JSON.readTree(response.getBody());
    }

    /** The assignee records "reached" in the first-contact form over the engine REST API: he becomes the customer's owner. */
    void reached(RoutedLead lead, String notes) throws Exception {
        ResponseEntity<String> submitted = post(lead.assignee(), "/engine-rest/task/" + lead.taskId() + "/submit-form",
                firstContactForm("REACHED", notes, LocalDate.now(SHANGHAI).plusDays(1).toString(), null));
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(204);
    }

    /** The body Tasklist posts for the first-contact Camunda Form. */
    static Map<String, Object> firstContactForm(String outcome, String notes, String nextFollowUpDate, String invalidReason) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("contactOutcome", typed(outcome));
        if (notes != null) {
            variables.put("contactNotes", typed(notes));
        }
        if (nextFollowUpDate != null) {
            variables.put("nextFollowUpDate", typed(nextFollowUpDate));
        }
        if (invalidReason != null) {
            variables.put("invalidReason", typed(invalidReason));
        }
        return Map.of("variables", variables);
    }

    static Map<String, Object> typed(Object value) {
        return Map.of("value", value, "type", value instanceof Number ? "Integer" : "String");
    }

    /** The customer of a lead (after first contact: owned by the rep who reached it). */
    String customerOf(String user, String leadId) throws Exception {
        ResponseEntity<String> lead = get(user, "/api/leads/" + leadId);
        assertThat(lead.getStatusCode().value()).as(lead.getBody()).isEqualTo(200);
        JsonNode l = JSON.readTree(lead.getBody());
        // the rep records the customer's business licence (KA store) so that it can be quoted (R-15: tier on the customer)
        ResponseEntity<String> recorded = post(user, "/api/customers",
                Licences.licence(l.path("creditCode").asText(), l.path("companyName").asText(), "KA"));
        assertThat(recorded.getStatusCode().value()).as(recorded.getBody()).isEqualTo(201);
        return l.path("customerId").asText();
    }

    /** The rep quotes one GW-100 for his customer over {@code POST /api/quotes}; the quote waits at 编辑报价. */
    StartedQuote quote(String rep, String customerId) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("customerTier", "KA");
        body.put("deliveryDate", LocalDate.now(SHANGHAI).plusDays(30).toString());
        body.put("lines", List.of(Map.of("productModel", "GW-100", "quantity", 1)));
        ResponseEntity<String> response = post(rep, "/api/quotes", body);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        JsonNode started = JSON.readTree(response.getBody());
        String pi = started.path("processInstanceId").asText();
        Task edit = taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(QuoteToInvoiceProcess.Task.EDIT_QUOTE)
                .singleResult();
        assertThat(edit).as("编辑报价 task").isNotNull();
        return new StartedQuote(started.path("quoteId").asText(), pi, edit.getId());
    }

    /** A payment journey of the rep, started as the quote chain starts it. */
    PaymentJourney journey(String rep, String customerId, String amountDue) {
        return journeys.start(new JourneyStart("IR-SEC-" + SEQ.incrementAndGet(), invoiceNo(), customerId, "杭州云帆软件有限公司", rep,
                new BigDecimal(amountDue), LocalDate.now(SHANGHAI).minusDays(10), "陈采购", "13912345678", "安全测试项目"));
    }

    String journeyTask(PaymentJourney journey) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(journey.id())
                .processDefinitionKey(PaymentJourneyProcess.KEY).taskDefinitionKey(PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED)
                .singleResult();
        assertThat(task).as("node ① task of " + journey.id()).isNotNull();
        return task.getId();
    }

    /** A 20-digit fully-digital e-invoice number, unique in this run. */
    static String invoiceNo() {
        return String.format("2532%016d", SEQ.incrementAndGet());
    }

    ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, user).getForEntity(path, String.class);
    }

    ResponseEntity<String> post(String user, String path, Object body) throws Exception {
        return send(user, HttpMethod.POST, path, body);
    }

    ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body == null ? null : JSON.writeValueAsString(body), h),
                String.class);
    }
}
