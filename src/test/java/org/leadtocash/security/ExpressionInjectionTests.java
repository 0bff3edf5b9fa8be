package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.security.SalesFixtures.JSON;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.BusinessTripProcess;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.quote.QuoteToInvoiceProcess;
import org.leadtocash.security.SalesFixtures.RoutedLead;
import org.leadtocash.security.SalesFixtures.StartedQuote;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * User input is never evaluated as an expression or script. Expression-, script-, SQL- and formula-shaped text goes in
 * through every door a user or a channel has — lead intake, the first-contact Tasklist form (notes, invalid reason),
 * trips from the API and from the Tasklist start form, quote fields and the quote forms, bank-statement memos — and
 * comes back byte for byte, in the API, the database and the process variables; no variable {@code x} appears, no
 * marker file, every table is still there; query expressions are closed to reps.
 */
@AppTest
class ExpressionInjectionTests {
    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired FilterService filterService;
    @Autowired PaymentJourneys journeys;
    @Autowired JdbcClient jdbc;

    private SalesFixtures fixtures;

    @BeforeEach
    void setUp() throws Exception {
        data.reset();
        Files.deleteIfExists(Hostile.MARKER);
        fixtures = new SalesFixtures(rest, data, managementService, taskService, journeys);
    }

    @AfterEach
    void nothingWasEvaluated() {
        assertThat(Files.exists(Hostile.MARKER)).as("a Runtime.exec payload ran: " + Hostile.MARKER).isFalse();
        assertThat(runtimeService.createVariableInstanceQuery().variableName("x").count()).as("runtime variable x").isZero();
        assertThat(historyService.createHistoricVariableInstanceQuery().variableName("x").count()).as("historic variable x").isZero();
        for (String table : List.of("sales_lead", "customer", "quote", "rep_trip", "bank_statement_line", "payment_journey")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single()).as(table + " still exists").isNotNull();
        }
    }

    @Test
    void hostileTextThroughIntakeAndTheFirstContactFormIsStoredAndAnsweredLiterally() throws Exception {
        List<String> texts = Hostile.TEXTS;
        data.trip("lina", LocalDate.now(SalesFixtures.SHANGHAI).minusDays(1), LocalDate.now(SalesFixtures.SHANGHAI).plusDays(2));
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "250000");
            body.put("companyName", text);
            body.put("contactName", Hostile.fit(text, 50, "张三"));
            body.put("productInterest", text);
            body.put("externalId", Hostile.fit(text + "#" + i, 100, "ext-" + i));
            RoutedLead lead = fixtures.route(body);

            // what Tasklist shows: the variables, unevaluated
            ResponseEntity<String> form = fixtures.get(lead.assignee(), "/engine-rest/task/" + lead.taskId() + "/form-variables");
            assertThat(JSON.readTree(form.getBody()).path("companyName").path("value").asText()).isEqualTo(text);

            boolean reached = i % 2 == 0;
            Map<String, Object> submit = reached
                    ? SalesFixtures.firstContactForm("REACHED", text, LocalDate.now(SalesFixtures.SHANGHAI).plusDays(1).toString(), null)
                    : SalesFixtures.firstContactForm("INVALID", text, null, text);
            ResponseEntity<String> submitted = fixtures.post(lead.assignee(), "/engine-rest/task/" + lead.taskId() + "/submit-form", submit);
            assertThat(submitted.getStatusCode().value()).as(text + ": " + submitted.getBody()).isEqualTo(204);

            ResponseEntity<String> answer = fixtures.get("limin", "/api/leads/" + lead.leadId());
            assertThat(answer.getHeaders().getContentType()).isNotNull();
            assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).isTrue();
            assertThat(answer.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            JsonNode stored = JSON.readTree(answer.getBody());
            assertThat(stored.path("companyName").asText()).as("companyName").isEqualTo(text);
            assertThat(stored.path("contactName").asText()).as("contactName").isEqualTo(body.get("contactName"));
            assertThat(stored.path("productInterest").asText()).as("productInterest").isEqualTo(text);
            assertThat(stored.path("externalId").asText()).as("externalId").isEqualTo(body.get("externalId"));
            assertThat(stored.path("contactNotes").asText()).as("contactNotes").isEqualTo(text);
            if (!reached) {
                assertThat(stored.path("invalidReason").asText()).as("invalidReason").isEqualTo(text);
            }
            assertThat(jdbc.sql("SELECT company_name FROM sales_lead WHERE id = ?").param(lead.leadId()).query(String.class).single())
                    .isEqualTo(text);
            JsonNode customer = JSON.readTree(fixtures.get("limin", "/api/customers/" + stored.path("customerId").asText()).getBody());
            assertThat(customer.path("companyName").asText()).isEqualTo(text);
            assertThat(historicVariable(lead.processInstanceId(), "companyName")).isEqualTo(text);
            assertThat(historicVariable(lead.processInstanceId(), "contactNotes")).isEqualTo(text);
        }
        assertThat(data.count("sales_lead")).isEqualTo(texts.size());
        assertThat(data.count("customer")).isEqualTo(texts.size());
    }

    @Test
    void hostileTripNotesFromTheApiAndFromTheTasklistStartFormAreStoredLiterally() throws Exception {
        LocalDate start = LocalDate.now(SalesFixtures.SHANGHAI).plusDays(1);
        List<String> expected = new ArrayList<>();
        for (String text : Hostile.TEXTS) {
            Map<String, Object> trip = Map.of("tripStart", start.toString(), "tripEnd", start.plusDays(1).toString(), "tripNote", text);
            ResponseEntity<String> created = fixtures.post("zhangwei", "/api/reps/zhangwei/trips", trip);
            assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
            assertThat(JSON.readTree(created.getBody()).path("note").asText()).isEqualTo(text);
            expected.add(text);

            Map<String, Object> variables = new LinkedHashMap<>();
            variables.put("tripRepId", SalesFixtures.typed(""));
            variables.put("tripStart", SalesFixtures.typed(start.toString()));
            variables.put("tripEnd", SalesFixtures.typed(start.plusDays(2).toString()));
            variables.put("tripNote", SalesFixtures.typed(text));
            ResponseEntity<String> started = fixtures.post("zhangwei", "/engine-rest/process-definition/key/" + BusinessTripProcess.KEY
                    + "/submit-form", Map.of("variables", variables));
            assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(200);
            expected.add(text);
        }
        List<String> notes = new ArrayList<>();
        JSON.readTree(fixtures.get("zhangwei", "/api/reps/zhangwei/trips").getBody()).forEach(t -> notes.add(t.path("note").asText()));
        assertThat(notes).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(jdbc.sql("SELECT note FROM rep_trip WHERE rep_id = 'zhangwei'").query(String.class).list())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void hostileQuoteFieldsAreRefusedByNameOrStoredLiterally() throws Exception {
        String company = "${applicationContext} <script>alert(1)</script>";
        Map<String, Object> leadBody = TestData.leadBody("WEBSITE_FORM", "EAST", "250000");
        leadBody.put("companyName", company);
        data.trip("lina", LocalDate.now(SalesFixtures.SHANGHAI).minusDays(1), LocalDate.now(SalesFixtures.SHANGHAI).plusDays(2));
        RoutedLead lead = fixtures.route(leadBody);
        assertThat(lead.assignee()).isEqualTo("zhangwei");
        fixtures.reached(lead, "${1+1}");
        String customerId = fixtures.customerOf("zhangwei", lead.leadId());

        // the structured fields refuse such text by name, and nothing is started
        for (String text : Hostile.TEXTS) {
            for (String field : List.of("customerId", "customerTier", "deliveryDate", "productModel", "quantity", "leadId")) {
                Map<String, Object> body = quoteBody(customerId);
                if (field.equals("productModel") || field.equals("quantity")) {
                    body.put("lines", List.of(Map.of("productModel", field.equals("productModel") ? text : "GW-100",
                            "quantity", field.equals("quantity") ? text : 1)));
                } else {
                    body.put(field, text);
                }
                ResponseEntity<String> refused = fixtures.post("zhangwei", "/api/quotes", body);
                assertThat(refused.getStatusCode().value()).as(field + " = " + text + ": " + refused.getBody()).isEqualTo(400);
                assertThat(JSON.readTree(refused.getBody()).path("errors").toString()).as(field + " named").contains(field);
            }
        }
        assertThat(data.count("quote")).isZero();

        // the free-text fields of the quote forms are kept as typed
        StartedQuote quote = fixtures.quote("zhangwei", customerId);
        JsonNode q = JSON.readTree(fixtures.get("zhangwei", "/api/quotes/" + quote.quoteId()).getBody());
        assertThat(q.path("customerName").asText()).isEqualTo(company);
        List<Map<String, Object>> lines = new ArrayList<>();
        q.path("lines").forEach(l -> lines.add(Map.of("lineNo", l.path("lineNo").asInt(), "unitPriceInclTax", l.path("unitPriceInclTax").decimalValue())));
        String editNote = String.join(" | ", Hostile.TEXTS.subList(0, 8));
        ResponseEntity<String> edited = fixtures.send("zhangwei", HttpMethod.PUT, "/api/quotes/" + quote.quoteId(),
                Map.of("lines", lines, "deliveryDate", TestData.today().plusDays(40).toString(), "editNote", editNote));
        assertThat(edited.getStatusCode().value()).as(edited.getBody()).isEqualTo(200);
        assertThat(historicVariable(quote.processInstanceId(), QuoteToInvoiceProcess.Vars.EDIT_NOTE)).isEqualTo(editNote);

        Task answer = taskService.createTaskQuery().processInstanceId(quote.processInstanceId())
                .taskDefinitionKey(QuoteToInvoiceProcess.Task.RECORD_CUSTOMER_ANSWER).singleResult();
        assertThat(answer).isNotNull();
        String reason = String.join(" | ", Hostile.TEXTS.subList(8, Hostile.TEXTS.size()));
        Map<String, Object> variables = Map.of(QuoteToInvoiceProcess.Vars.CUSTOMER_ANSWER, SalesFixtures.typed("REJECTED"),
                QuoteToInvoiceProcess.Vars.REJECT_REASON, SalesFixtures.typed(reason));
        ResponseEntity<String> rejected = fixtures.post("zhangwei", "/engine-rest/task/" + answer.getId() + "/submit-form",
                Map.of("variables", variables));
        assertThat(rejected.getStatusCode().value()).as(rejected.getBody()).isEqualTo(204);
        JsonNode after = JSON.readTree(fixtures.get("zhangwei", "/api/quotes/" + quote.quoteId()).getBody());
        assertThat(after.path("status").asText()).isEqualTo("REJECTED");
        assertThat(after.path("answerNote").asText()).isEqualTo(reason);
        assertThat(after.path("customerName").asText()).isEqualTo(company);
        assertThat(fixtures.get("zhangwei", "/api/quotes/" + quote.quoteId() + "/pdf").getStatusCode().value())
                .as("the PDF renders the name as text").isEqualTo(200);
    }

    @Test
    void hostileBankStatementMemosAndPayerNamesAreReportedAndStoredLiterally() throws Exception {
        PaymentJourney journey = fixtures.journey("zhangwei", null, "100.00");
        String yesterday = LocalDate.now(SalesFixtures.SHANGHAI).minusDays(1).toString();
        StringBuilder csv = new StringBuilder("交易日期,流水号,付款人名称,付款人账号,金额,币种,摘要\n");
        List<String> memos = new ArrayList<>();
        int n = 0;
        for (String text : Hostile.TEXTS) {
            String memo = n == 0 ? text + " 发票号" + journey.invoiceNo() : text;
            csv.append(String.join(",", yesterday, "SEC-CSV-" + n++, csvCell(text), "6222020200112233445", "100.00", "CNY", csvCell(memo)))
                    .append('\n');
            memos.add(memo);
        }
        JsonNode report = imported("text/csv", csv.toString());
        assertThat(report.path("lines")).hasSize(memos.size());
        for (int i = 0; i < memos.size(); i++) {
            JsonNode line = report.path("lines").get(i);
            assertThat(line.path("memo").asText()).isEqualTo(memos.get(i));
            assertThat(line.path("payerName").asText()).isEqualTo(Hostile.TEXTS.get(i));
        }
        assertThat(report.path("lines").get(0).path("outcome").asText()).as("the hostile text does not get in the way of matching")
                .isEqualTo("MATCHED");

        List<Map<String, Object>> jsonLines = new ArrayList<>();
        for (String text : Hostile.TEXTS) {
            jsonLines.add(Map.of("valueDate", yesterday, "transactionId", "SEC-JSON-" + jsonLines.size(), "payerName", text,
                    "amount", "1.00", "currency", "CNY", "memo", text));
        }
        JsonNode jsonReport = imported("application/json", JSON.writeValueAsString(Map.of("statementId", Hostile.TEXTS.get(0),
                "lines", jsonLines)));
        for (int i = 0; i < Hostile.TEXTS.size(); i++) {
            assertThat(jsonReport.path("lines").get(i).path("memo").asText()).isEqualTo(Hostile.TEXTS.get(i));
        }
        JsonNode again = JSON.readTree(fixtures.get("wufang", "/api/bank-statements/" + jsonReport.path("importId").asText()).getBody());
        assertThat(again).isEqualTo(jsonReport);
        List<String> storedMemos = jdbc.sql("SELECT memo FROM bank_statement_line").query(String.class).list();
        assertThat(storedMemos).containsAll(Hostile.TEXTS);
        assertThat(jdbc.sql("SELECT amount_received FROM payment_journey WHERE id = ?").param(journey.id())
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("100.00");
    }

    @Test
    void repsCannotRunQueryExpressionsThroughFiltersOrAdHocQueries() throws Exception {
        long filters = filterService.createFilterQuery().count();
        String expression = "${execution.setVariable('x', 1)}";
        for (String param : List.of("assigneeExpression", "candidateUserExpression", "involvedUserExpression", "ownerExpression",
                "candidateGroupsExpression", "dueAfterExpression")) {
            ResponseEntity<String> r = rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/engine-rest/task?" + param + "={e}",
                    String.class, expression);
            assertThat(r.getStatusCode().is2xxSuccessful()).as(param + ": " + r.getBody()).isFalse();
            assertThat(r.getBody()).as(param).containsIgnoringCase("expression");
        }
        Map<String, Object> filter = Map.of("resourceType", "Task", "name", "${1+1}", "owner", "zhangwei",
                "query", Map.of("assigneeExpression", "${currentUser()}", "candidateUserExpression", expression));
        ResponseEntity<String> created = fixtures.post("zhangwei", "/engine-rest/filter/create", filter);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(403);
        WebappSession tasklist = WebappSession.login(port, "zhangwei", "tasklist");
        assertThat(tasklist.send("POST", WebappSession.ENGINE_API + "/filter/create", JSON.writeValueAsString(filter)).statusCode())
                .isEqualTo(403);
        assertThat(filterService.createFilterQuery().count()).isEqualTo(filters);

        // the stored filters every user runs hold only Camunda's own user and date functions ("我的卡点 Stuck": ${now()})
        for (Filter f : filterService.createFilterQuery().list()) {
            if (f.getQuery() instanceof TaskQueryImpl query) {
                assertThat(query.getExpressions().values()).as(f.getName())
                        .allSatisfy(e -> assertThat(e).isIn("${currentUser()}", "${currentUserGroups()}", "${now()}"));
            }
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    private Object historicVariable(String processInstanceId, String name) {
        HistoricVariableInstance v = historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(name).singleResult();
        assertThat(v).as("historic variable " + name).isNotNull();
        return v.getValue();
    }

    private static Map<String, Object> quoteBody(String customerId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("customerTier", "KA");
        body.put("deliveryDate", TestData.today().plusDays(30).toString());
        body.put("lines", List.of(Map.of("productModel", "GW-100", "quantity", 1)));
        return body;
    }

    private JsonNode imported(String contentType, String body) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.parseMediaType(contentType));
        ResponseEntity<String> response = rest.withBasicAuth("wufang", "wufang").exchange("/api/bank-statements", HttpMethod.POST,
                new HttpEntity<>(body.getBytes(StandardCharsets.UTF_8), h), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(201);
        return JSON.readTree(response.getBody());
    }

    private static String csvCell(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
