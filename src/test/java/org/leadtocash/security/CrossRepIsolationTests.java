package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.security.SalesFixtures.JSON;
import static org.leadtocash.security.WebappSession.ENGINE_API;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.security.SalesFixtures.RoutedLead;
import org.leadtocash.security.SalesFixtures.StartedQuote;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * R-06 across every way in: zhangwei's lead (and its first-contact task), his customer, his quote and his payment
 * journey are invisible and untouchable for another rep (lina) — in the app's {@code /api}, in the engine REST API
 * and in Tasklist's own API after a real webapp login — while zhangwei sees them all and lina sees her own.
 * The data is made the way the application makes it: intake, routing job, Tasklist form, {@code POST /api/quotes},
 * {@link PaymentJourneys#start}.
 */
@AppTest
class CrossRepIsolationTests {
    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired PaymentJourneys journeys;
    @Autowired JdbcClient jdbc;

    private SalesFixtures fixtures;
    private Scenario s;

    /** Everything zhangwei has, and lina's own journey as the control that her queries work at all. */
    record Scenario(RoutedLead contactedLead, String customerId, RoutedLead openLead, StartedQuote quote, PaymentJourney journey,
                    String journeyTaskId, PaymentJourney linasJourney, String linasTaskId) {
        List<String> hisTaskIds() {
            return List.of(openLead.taskId(), quote.editTaskId(), journeyTaskId);
        }

        List<String> hisProcessInstanceIds() {
            return List.of(contactedLead.processInstanceId(), openLead.processInstanceId(), quote.processInstanceId(),
                    journey.processInstanceId());
        }

        /** All but the contacted lead's, which ended with the first contact. */
        List<String> hisRunningProcessInstanceIds() {
            return hisProcessInstanceIds().subList(1, 4);
        }

        List<String> hisBusinessKeys() {
            return List.of(contactedLead.leadId(), openLead.leadId(), quote.quoteId(), journey.id());
        }

        /** Ids and values that must not appear in anything lina gets back. */
        List<String> hisMarkers() {
            List<String> m = new ArrayList<>(hisTaskIds());
            m.addAll(hisProcessInstanceIds());
            m.addAll(hisBusinessKeys());
            m.add(customerId);
            m.add(contactedLead.creditCode());
            m.add(openLead.creditCode());
            m.add(journey.invoiceNo());
            return m;
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        data.reset();
        fixtures = new SalesFixtures(rest, data, managementService, taskService, journeys);
        RoutedLead contacted = fixtures.leadForZhangwei();
        fixtures.reached(contacted, "已联系，客户有意向");
        String customerId = fixtures.customerOf("zhangwei", contacted.leadId());
        RoutedLead open = fixtures.leadForZhangwei();
        StartedQuote quote = fixtures.quote("zhangwei", customerId);
        PaymentJourney journey = fixtures.journey("zhangwei", customerId, "56500.00");
        PaymentJourney linas = fixtures.journey("lina", null, "100.00");
        s = new Scenario(contacted, customerId, open, quote, journey, fixtures.journeyTask(journey), linas, fixtures.journeyTask(linas));
    }

    // --- the app's own API -------------------------------------------------------------------------------------------

    @Test
    void anotherRepGetsNotFoundOrNothingForTheLeadCustomerQuoteAndJourneyInTheAppApi() throws Exception {
        List<String> his = List.of("/api/leads/" + s.contactedLead().leadId(), "/api/leads/" + s.openLead().leadId(),
                "/api/customers/" + s.customerId(), "/api/quotes/" + s.quote().quoteId(), "/api/quotes/" + s.quote().quoteId() + "/pdf",
                "/api/payment-journeys/" + s.journey().id());
        for (String path : his) {
            assertThat(status(fixtures.get("zhangwei", path))).as("zhangwei " + path).isEqualTo(200);
            ResponseEntity<String> lina = fixtures.get("lina", path);
            assertThat(status(lina)).as("lina " + path).isEqualTo(404);
            assertNoneOf(lina.getBody(), "lina " + path, path);
        }

        for (String list : List.of("/api/leads", "/api/customers", "/api/quotes", "/api/payment-journeys", "/api/payment-journeys/stuck")) {
            ResponseEntity<String> lina = fixtures.get("lina", list);
            assertThat(status(lina)).as("lina " + list).isEqualTo(200);
            assertNoneOf(lina.getBody(), "lina " + list);
            if (!list.endsWith("/stuck")) { // nothing is stuck yet
                assertThat(fixtures.get("zhangwei", list).getBody()).as("zhangwei " + list).containsAnyOf(s.hisMarkers().toArray(String[]::new));
            }
        }
        assertThat(fixtures.get("lina", "/api/payment-journeys").getBody()).as("her own journey").contains(s.linasJourney().id());

        String range = "from=" + TestData.today().minusDays(30) + "&to=" + TestData.today().plusDays(1);
        for (String scoped : List.of("/api/payment-journeys?repId=zhangwei", "/api/payment-journeys/stuck?repId=zhangwei",
                "/api/kpi/payments?" + range + "&repId=zhangwei")) {
            assertThat(status(fixtures.get("lina", scoped))).as("lina " + scoped).isEqualTo(403);
        }

        ResponseEntity<String> edit = fixtures.send("lina", HttpMethod.PUT, "/api/quotes/" + s.quote().quoteId(),
                Map.of("deliveryDate", TestData.today().plusDays(90).toString()));
        assertThat(status(edit)).as(edit.getBody()).isIn(403, 404);
        assertEverythingUntouched();
    }

    // --- the engine REST API (HTTP Basic) ----------------------------------------------------------------------------

    @Test
    void anotherRepGetsForbiddenNotFoundOrEmptyForTheTasksAndInstancesInEngineRest() throws Exception {
        assertThat(ids(fixtures.get("zhangwei", "/engine-rest/task"))).containsAll(s.hisTaskIds());
        assertThat(ids(fixtures.get("lina", "/engine-rest/task"))).containsExactly(s.linasTaskId());
        assertThat(ids(fixtures.post("lina", "/engine-rest/task", Map.of("processInstanceBusinessKeyIn", s.hisBusinessKeys())))).isEmpty();

        for (String task : s.hisTaskIds()) {
            for (String read : List.of("", "/form-variables", "/variables", "/deployed-form", "/form")) {
                ResponseEntity<String> r = fixtures.get("lina", "/engine-rest/task/" + task + read);
                assertThat(status(r)).as("GET task" + read + ": " + r.getBody()).isIn(403, 404);
            }
            assertThat(status(fixtures.post("lina", "/engine-rest/task/" + task + "/claim", Map.of("userId", "lina")))).isIn(403, 404);
            assertThat(status(fixtures.post("lina", "/engine-rest/task/" + task + "/assignee", Map.of("userId", "lina")))).isIn(403, 404);
            assertThat(status(fixtures.post("lina", "/engine-rest/task/" + task + "/delegate", Map.of("userId", "lina")))).isIn(403, 404);
            assertThat(status(fixtures.post("lina", "/engine-rest/task/" + task + "/complete", Map.of()))).isIn(403, 404);
            assertThat(status(fixtures.post("lina", "/engine-rest/task/" + task + "/submit-form", Map.of("variables", Map.of()))))
                    .isIn(403, 404);
            assertThat(status(fixtures.send("lina", HttpMethod.PUT, "/engine-rest/task/" + task + "/variables/contactOutcome",
                    SalesFixtures.typed("REACHED")))).isIn(403, 404);
        }
        for (String pi : s.hisRunningProcessInstanceIds()) {
            for (String read : List.of("/engine-rest/process-instance/" + pi, "/engine-rest/process-instance/" + pi + "/variables",
                    "/engine-rest/process-instance/" + pi + "/activity-instances")) {
                ResponseEntity<String> r = fixtures.get("lina", read);
                assertThat(status(r)).as(read + ": " + r.getBody()).isIn(403, 404);
            }
            assertThat(status(fixtures.send("lina", HttpMethod.DELETE, "/engine-rest/process-instance/" + pi, null))).isIn(403, 404);
            assertThat(status(fixtures.post("lina", "/engine-rest/process-instance/" + pi + "/variables",
                    Map.of("modifications", Map.of("repId", SalesFixtures.typed("lina")))))).isIn(403, 404);
        }
        for (String pi : s.hisProcessInstanceIds()) {
            for (String list : List.of("/engine-rest/history/variable-instance?processInstanceId=" + pi,
                    "/engine-rest/history/task?processInstanceId=" + pi, "/engine-rest/history/activity-instance?processInstanceId=" + pi,
                    "/engine-rest/execution?processInstanceId=" + pi, "/engine-rest/variable-instance?processInstanceIdIn=" + pi,
                    "/engine-rest/history/detail?processInstanceId=" + pi, "/engine-rest/job?processInstanceId=" + pi)) {
                assertThat(ids(fixtures.get("lina", list))).as(list).isEmpty();
            }
        }
        for (String key : s.hisBusinessKeys()) {
            assertThat(ids(fixtures.get("lina", "/engine-rest/process-instance?businessKey=" + key))).as(key).isEmpty();
            assertThat(ids(fixtures.get("lina", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + key))).as(key).isEmpty();
            assertThat(ids(fixtures.get("limin", "/engine-rest/history/process-instance?processInstanceBusinessKey=" + key))).as(key)
                    .hasSize(1);
        }
        for (String variable : List.of("creditCode", "companyName", "customerId", "invoiceNo", "quoteId")) {
            ResponseEntity<String> r = fixtures.get("lina", "/engine-rest/history/variable-instance?variableName=" + variable);
            assertThat(status(r)).isEqualTo(200);
            assertNoneOf(r.getBody(), "history/variable-instance " + variable);
        }

        // correlating the bank-receipt message to his journey would move it to node ⑤
        ResponseEntity<String> message = fixtures.post("lina", "/engine-rest/message", Map.of("messageName",
                PaymentJourneyProcess.MESSAGE_BANK_RECEIPT, "businessKey", s.journey().id()));
        assertThat(message.getStatusCode().is2xxSuccessful()).as(message.getBody()).isFalse();
        assertEverythingUntouched();
    }

    // --- Tasklist's own API (webapp session) -------------------------------------------------------------------------

    @Test
    void anotherRepSeesAndTouchesNoneOfItInTasklist() throws Exception {
        WebappSession zhangwei = WebappSession.login(port, "zhangwei", "tasklist");
        WebappSession lina = WebappSession.login(port, "lina", "tasklist");

        assertThat(ids(zhangwei.get(ENGINE_API + "/task"))).containsAll(s.hisTaskIds());
        assertThat(ids(lina.get(ENGINE_API + "/task"))).containsExactly(s.linasTaskId());
        assertThat(ids(lina.send("POST", ENGINE_API + "/task", JSON.writeValueAsString(Map.of("processInstanceBusinessKeyIn",
                s.hisBusinessKeys()))))).isEmpty();

        // the shared filters Tasklist shows on the left: lina's lists and counts hold none of his tasks
        List<String> filters = ids(lina.get(ENGINE_API + "/filter?resourceType=Task"));
        assertThat(filters).isNotEmpty();
        boolean hisFoundByHim = false;
        for (String filter : filters) {
            HttpResponse<String> list = lina.send("POST", ENGINE_API + "/filter/" + filter + "/list?firstResult=0&maxResults=50", "{}");
            assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
            assertNoneOf(list.body(), "lina's filter " + filter);
            hisFoundByHim |= ids(zhangwei.send("POST", ENGINE_API + "/filter/" + filter + "/list?firstResult=0&maxResults=50", "{}"))
                    .containsAll(s.hisTaskIds());
        }
        assertThat(hisFoundByHim).as("zhangwei's \"my tasks\" filter lists his tasks").isTrue();

        for (String task : s.hisTaskIds()) {
            for (String read : List.of("", "/form-variables", "/variables", "/deployed-form", "/form")) {
                HttpResponse<String> r = lina.get(ENGINE_API + "/task/" + task + read);
                assertThat(r.statusCode()).as("Tasklist GET task" + read + ": " + r.body()).isIn(403, 404);
                assertNoneOf(r.body(), "Tasklist GET task" + read, task);
            }
            for (String[] write : new String[][] {{"/claim", "{\"userId\":\"lina\"}"}, {"/assignee", "{\"userId\":\"lina\"}"},
                    {"/complete", "{}"}, {"/submit-form", "{\"variables\":{}}"}}) {
                HttpResponse<String> r = lina.send("POST", ENGINE_API + "/task/" + task + write[0], write[1]);
                assertThat(r.statusCode()).as("Tasklist POST task" + write[0] + ": " + r.body()).isIn(403, 404);
            }
        }
        for (String pi : s.hisRunningProcessInstanceIds()) {
            HttpResponse<String> vars = lina.get(ENGINE_API + "/process-instance/" + pi + "/variables");
            assertThat(vars.statusCode()).as(vars.body()).isIn(403, 404);
        }
        for (String pi : s.hisProcessInstanceIds()) {
            assertThat(ids(lina.get(ENGINE_API + "/history/variable-instance?processInstanceId=" + pi))).isEmpty();
            assertThat(ids(lina.get(ENGINE_API + "/history/task?processInstanceId=" + pi))).isEmpty();
        }
        for (String key : s.hisBusinessKeys()) {
            assertThat(ids(lina.get(ENGINE_API + "/process-instance?businessKey=" + key))).isEmpty();
            assertThat(ids(lina.get(ENGINE_API + "/history/process-instance?processInstanceBusinessKey=" + key))).isEmpty();
        }
        // the refusals were authorization, not a broken session: lina still works her own task
        assertThat(ids(lina.get(ENGINE_API + "/task"))).containsExactly(s.linasTaskId());
        assertEverythingUntouched();
    }

    @Test
    void aRepCannotLogIntoCockpitNorCallCockpitsApi() throws Exception {
        HttpResponse<String> login = WebappSession.anonymous(port).tryLogin("lina", "lina", "cockpit", true);
        assertThat(login.statusCode()).as(login.body()).isIn(401, 403);

        // Cockpit's plugin API needs Cockpit access (Camunda's default rules let any logged-in webapp user call it)
        WebappSession lina = WebappSession.login(port, "lina", "tasklist");
        WebappSession limin = WebappSession.login(port, "limin", "cockpit");
        String query = JSON.writeValueAsString(Map.of("businessKeyIn", s.hisBusinessKeys()));
        HttpResponse<String> hers = lina.send("POST", "/camunda/api/cockpit/plugin/base/default/process-instance?firstResult=0&maxResults=50",
                query);
        HttpResponse<String> his = limin.send("POST", "/camunda/api/cockpit/plugin/base/default/process-instance?firstResult=0&maxResults=50",
                query);
        assertThat(his.statusCode()).as(his.body()).isEqualTo(200);
        assertThat(his.body()).as("the manager sees them").contains(s.quote().processInstanceId(), s.journey().processInstanceId());
        assertThat(hers.statusCode()).as(hers.body()).isEqualTo(403);
        assertNoneOf(hers.body(), "cockpit process-instance query");
        HttpResponse<String> statistics = lina.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics");
        assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(403);
        assertNoneOf(statistics.body(), "cockpit statistics");
        assertThat(limin.get("/camunda/api/cockpit/plugin/base/default/process-definition/statistics").statusCode()).isEqualTo(200);
        // the refusal was the missing Cockpit access, not a broken session: her Tasklist still works
        assertThat(lina.get(ENGINE_API + "/task").statusCode()).isEqualTo(200);
    }

    // --- helpers -----------------------------------------------------------------------------------------------------

    /** Nothing lina tried changed anything: the tasks are his, the quote open, the journey at node ① without money. */
    private void assertEverythingUntouched() {
        for (String taskId : s.hisTaskIds()) {
            Task task = taskService.createTaskQuery().taskId(taskId).singleResult();
            assertThat(task).as("task " + taskId + " still open").isNotNull();
            assertThat(task.getAssignee()).isEqualTo("zhangwei");
            assertThat(taskService.getVariable(taskId, "contactOutcome")).isNull();
        }
        for (String pi : s.hisRunningProcessInstanceIds()) {
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).count()).as("instance " + pi).isOne();
        }
        assertThat(taskService.createTaskQuery().taskAssignee("lina").list()).extracting(Task::getId).containsExactly(s.linasTaskId());
        assertThat(jdbc.sql("SELECT amount_received FROM payment_journey WHERE id = ?").param(s.journey().id())
                .query(java.math.BigDecimal.class).single()).isEqualByComparingTo("0");
        assertThat(jdbc.sql("SELECT node FROM payment_journey WHERE id = ?").param(s.journey().id()).query(String.class).single())
                .isEqualTo(s.journey().node());
        assertThat(jdbc.sql("SELECT status FROM quote WHERE id = ?").param(s.quote().quoteId()).query(String.class).single())
                .isEqualTo("OPEN");
        assertThat(jdbc.sql("SELECT rep_id FROM quote WHERE id = ?").param(s.quote().quoteId()).query(String.class).single())
                .isEqualTo("zhangwei");
        assertThat(jdbc.sql("SELECT owner_id FROM customer WHERE id = ?").param(s.customerId()).query(String.class).single())
                .isEqualTo("zhangwei");
        assertThat(jdbc.sql("SELECT status FROM sales_lead WHERE id = ?").param(s.openLead().leadId()).query(String.class).single())
                .isEqualTo("ASSIGNED");
    }

    /** The body reveals none of zhangwei's ids and values, except those the caller named in the request. */
    private void assertNoneOf(String body, String what, String... asked) {
        if (body == null) {
            return;
        }
        for (String marker : s.hisMarkers()) {
            if (java.util.Arrays.stream(asked).anyMatch(a -> a.contains(marker))) {
                continue;
            }
            assertThat(body).as(what + " must not reveal " + marker).doesNotContain(marker);
        }
    }

    private static int status(ResponseEntity<String> r) {
        return r.getStatusCode().value();
    }

    private static List<String> ids(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        return ids(response.getBody());
    }

    private static List<String> ids(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ids(response.body());
    }

    private static List<String> ids(String body) throws Exception {
        List<String> ids = new ArrayList<>();
        JsonNode json = JSON.readTree(body);
        assertThat(json.isArray()).as(body).isTrue();
        json.forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }
}
