package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.quote.QuoteTestSupport.JSON;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.quote.QuoteToInvoiceProcess.Task;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.standin.U8StandIn;
import org.leadtocash.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import org.leadtocash.support.TestData;

/**
 * R-06 over real HTTP for the quote chain: a rep neither quotes nor sees another rep's customer, quotes, contracts,
 * invoice requests or tasks; overseers see all; only legal reviews, only finance fixes invoice data.
 */
@AppTest
class QuoteAuthorizationTests {
    @Autowired TestRestTemplate rest;
    @Autowired QuoteTestSupport support;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;

    @BeforeEach
    void setUp() {
        support.reset();
    }

    @AfterEach
    void tearDown() {
        support.reset();
    }

    @Test
    void repCannotQuoteACustomerOwnedByAnotherRep() throws Exception {
        String zhangweisCustomer = support.customerOf("zhangwei");
        Map<String, Object> body = QuoteApiTests.body(zhangweisCustomer, "KA", TestData.today().plusDays(30),
                List.of(QuoteApiTests.line("GW-100", 1)));

        ResponseEntity<String> response = post("lina", "/api/quotes", body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode error = JSON.readTree(response.getBody()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("customerId");
        assertThat(error.path("rule").asText()).isEqualTo("owned-customer");
        assertThat(error.path("message").asText()).contains(zhangweisCustomer);
        assertThat(get("lina", "/api/customers/" + zhangweisCustomer).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        // an overseer does not own it either: only the owner quotes
        assertThat(post("limin", "/api/quotes", body).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(support.count("SELECT COUNT(*) FROM quote")).isZero();
        assertThat(post("zhangwei", "/api/quotes", body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void repCannotStartAQuoteForAnotherRepsCustomerFromTasklistEither() throws Exception {
        String customer = support.customerOf("zhangwei");
        String definitionId = JSON.readTree(get("lina", "/engine-rest/process-definition/key/" + QuoteToInvoiceProcess.KEY).getBody())
                .path("id").asText();
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(Vars.CUSTOMER_ID, Map.of("value", customer));
        variables.put(Vars.CUSTOMER_TIER, Map.of("value", "KA"));
        variables.put(Vars.PRODUCT_MODEL, Map.of("value", "GW-100"));
        variables.put(Vars.QUANTITY, Map.of("value", 1));
        variables.put(Vars.DELIVERY_DATE, Map.of("value", TestData.today().plusDays(30).toString()));

        ResponseEntity<String> refused = post("lina", "/engine-rest/process-definition/" + definitionId + "/submit-form",
                Map.of("variables", variables));
        assertThat(refused.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(JSON.readTree(refused.getBody()).path("message").asText()).contains("customerId", customer);
        assertThat(support.count("SELECT COUNT(*) FROM quote")).isZero();

        ResponseEntity<String> started = post("zhangwei", "/engine-rest/process-definition/" + definitionId + "/submit-form",
                Map.of("variables", variables));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(started.getBody()).path("businessKey").asText()).startsWith("Q");
    }

    @Test
    void anotherRepSeesNoneOfTheQuoteContractOrInvoiceAndOverseersSeeAll() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        support.toHandOff(q.processInstanceId(), "zhangwei");
        String contractId = (String) runtimeService.getVariable(q.processInstanceId(), Vars.CONTRACT_ID);
        String invoiceId = (String) runtimeService.getVariable(q.processInstanceId(), Vars.INVOICE_REQUEST_ID);

        for (String path : List.of("/api/quotes/" + q.quoteId(), "/api/quotes/" + q.quoteId() + "/pdf",
                "/api/contracts/" + contractId, "/api/invoice-requests/" + invoiceId)) {
            assertThat(get("lina", path).getStatusCode()).as("lina " + path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(get("zhangwei", path).getStatusCode()).as("zhangwei " + path).isEqualTo(HttpStatus.OK);
            assertThat(get("limin", path).getStatusCode()).as("limin " + path).isEqualTo(HttpStatus.OK);
            assertThat(get("wanglei", path).getStatusCode()).as("wanglei " + path).isEqualTo(HttpStatus.OK);
        }
        assertThat(get("zhoujie", "/api/contracts/" + contractId).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("zhoujie", "/api/quotes/" + q.quoteId()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("wufang", "/api/invoice-requests/" + invoiceId).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("wufang", "/api/contracts/" + contractId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(put("lina", "/api/quotes/" + q.quoteId(), Map.of("deliveryDate", "2030-01-01")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void anotherRepSeesNoneOfTheRepsTasksOrInstancesInEngineRest() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        String taskId = support.task(q.processInstanceId(), Task.EDIT_QUOTE).getId();

        assertThat(ids(get("zhangwei", "/engine-rest/task?processInstanceId=" + q.processInstanceId()))).containsExactly(taskId);
        assertThat(ids(get("lina", "/engine-rest/task?processInstanceId=" + q.processInstanceId()))).isEmpty();
        assertThat(get("lina", "/engine-rest/task/" + taskId).getStatusCode().value()).isIn(403, 404);
        assertThat(get("lina", "/engine-rest/task/" + taskId + "/form-variables").getStatusCode().value()).isIn(403, 404);
        assertThat(ids(get("lina", "/engine-rest/process-instance?businessKey=" + q.quoteId()))).isEmpty();
        assertThat(post("lina", "/engine-rest/task/" + taskId + "/complete", Map.of()).getStatusCode().value()).isIn(403, 404);
        assertThat(ids(get("limin", "/engine-rest/process-instance?businessKey=" + q.quoteId()))).containsExactly(q.processInstanceId());
    }

    @Test
    void onlyLegalSeesAndCompletesTheContractReview() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        support.toLegalReview(q.processInstanceId(), "zhangwei");
        String taskId = support.task(q.processInstanceId(), Task.REVIEW_CONTRACT).getId();
        Map<String, Object> approve = Map.of("variables", Map.of(Vars.REVIEW_DECISION, Map.of("value", "APPROVE")));

        assertThat(ids(get("zhoujie", "/engine-rest/task?candidateGroup=legal"))).contains(taskId);
        for (String other : List.of("zhangwei", "wufang")) {
            assertThat(ids(get(other, "/engine-rest/task?processInstanceId=" + q.processInstanceId()))).as(other).isEmpty();
            assertThat(post(other, "/engine-rest/task/" + taskId + "/submit-form", approve).getStatusCode().value()).as(other)
                    .isIn(403, 404);
        }
        ResponseEntity<String> approved = post("zhoujie", "/engine-rest/task/" + taskId + "/submit-form", approve);
        assertThat(approved.getStatusCode()).as(approved.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(support.job(q.processInstanceId(), Task.CREATE_INVOICE_REQUEST)).isNotNull();
    }

    @Test
    void onlyFinanceSeesAndFixesRejectedInvoiceData() throws Exception {
        try (U8StandIn u8 = new U8StandIn()) {
            support.useU8(u8);
            Quotes.Started q = support.quote("zhangwei");
            support.toHandOff(q.processInstanceId(), "zhangwei");
            u8.rejectNext("30215", "开户行不存在");
            support.executeJob(q.processInstanceId(), Task.HAND_OFF_TO_U8);
            String taskId = support.task(q.processInstanceId(), Task.FIX_INVOICE_DATA).getId();

            assertThat(ids(get("wufang", "/engine-rest/task?candidateGroup=finance"))).contains(taskId);
            assertThat(ids(get("zhangwei", "/engine-rest/task?processInstanceId=" + q.processInstanceId()))).isEmpty();
            assertThat(ids(get("zhoujie", "/engine-rest/task?processInstanceId=" + q.processInstanceId()))).isEmpty();
            JsonNode vars = JSON.readTree(get("wufang", "/engine-rest/task/" + taskId + "/form-variables").getBody());
            assertThat(vars.path(Vars.U8_ERROR).path("value").asText()).isEqualTo("30215 开户行不存在");
            Map<String, Object> fix = new LinkedHashMap<>();
            for (String key : List.of(Vars.INVOICE_CUSTOMER_NAME, Vars.INVOICE_CUSTOMER_CREDIT_CODE, Vars.BANK_NAME)) {
                fix.put(key, Map.of("value", vars.path(key).path("value").asText()));
            }
            fix.put(Vars.BANK_ACCOUNT, Map.of("value", "1001 2345 6789 0123 457"));

            assertThat(post("zhangwei", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", fix))
                    .getStatusCode().value()).isIn(403, 404);
            ResponseEntity<String> fixed = post("wufang", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", fix));
            assertThat(fixed.getStatusCode()).as(fixed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
            assertThat(support.job(q.processInstanceId(), Task.HAND_OFF_TO_U8)).isNotNull();
        }
    }

    @Test
    void contractKpiIsForOverseersOnly() {
        String path = "/api/kpi/contracts?from=" + TestData.today().minusDays(7) + "&to=" + TestData.today();
        for (String user : List.of("zhangwei", "zhoujie", "wufang")) {
            assertThat(get(user, path).getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        for (String user : List.of("limin", "wanglei", "admin")) {
            assertThat(get(user, path).getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
        }
        assertThat(rest.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, user).getForEntity(path, String.class);
    }

    private ResponseEntity<String> post(String user, String path, Object body) throws Exception {
        return send(user, HttpMethod.POST, path, body);
    }

    private ResponseEntity<String> put(String user, String path, Object body) throws Exception {
        return send(user, HttpMethod.PUT, path, body);
    }

    private ResponseEntity<String> send(String user, HttpMethod method, String path, Object body) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(JSON.writeValueAsString(body), h), String.class);
    }

    private static List<String> ids(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.getBody()).forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }
}
