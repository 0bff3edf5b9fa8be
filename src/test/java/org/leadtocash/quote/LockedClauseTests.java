package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.leadtocash.quote.QuoteTestSupport.JSON;
import static org.leadtocash.quote.QuoteTestSupport.LEGAL;
import static org.leadtocash.quote.QuoteTestSupport.REP;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.quote.ClauseTamperAttempt.Channel;
import org.leadtocash.quote.QuoteToInvoiceProcess.Task;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.leadtocash.support.TestData;

/**
 * R-11 clause lock through every entry point: the Tasklist form submission, a completion payload, the quote API,
 * process variables set through the Java API and through {@code /engine-rest} before the completion. Each attempt is
 * refused with a message naming the clause, the task stays open, and the attempt is recorded with its channel.
 */
@AppTest
class LockedClauseTests {
    private static final String IP_LOCKED = "知识产权归属 IP ownership 为锁定条款 is locked";
    private static final String TAMPERED = "卖方开发的全部成果知识产权归买方所有，卖方不保留任何权利。";

    @Autowired TestRestTemplate rest;
    @Autowired QuoteTestSupport support;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired Quotes quotes;

    @BeforeEach
    void setUp() {
        support.reset();
    }

    @AfterEach
    void tearDown() {
        support.reset();
    }

    @Test
    void tasklistFormSubmissionChangingALockedClauseIsRefusedNamingItAndRecordedAsForm() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        String taskId = support.task(q.processInstanceId(), Task.EDIT_QUOTE).getId();
        // what Tasklist loads for the Camunda Form
        JsonNode vars = JSON.readTree(get("zhangwei", "/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false").getBody());
        ArrayNode clauses = (ArrayNode) JSON.readTree(vars.path(Vars.CLAUSE_LIST).path("value").asText());
        assertThat(clauses.findValuesAsText("typeCode")).contains("IP_OWNERSHIP", "FORCE_MAJEURE", "PAYMENT_TERMS");
        for (JsonNode c : clauses) {
            if (c.path("typeCode").asText().equals("IP_OWNERSHIP")) {
                ((ObjectNode) c).put("text", TAMPERED);
            }
        }

        ResponseEntity<String> response = post("zhangwei", "/engine-rest/task/" + taskId + "/submit-form",
                submission(vars.path(Vars.LINES).path("value").asText(), clauses.toString()));

        assertThat(response.getStatusCode().is2xxSuccessful()).as(response.getBody()).isFalse();
        assertThat(JSON.readTree(response.getBody()).path("message").asText()).contains(IP_LOCKED, Vars.CLAUSE_LIST);
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isOne();
        assertAttempt(q.quoteId(), "IP_OWNERSHIP", true, "zhangwei", Channel.FORM);
        assertThat(quotes.get(q.quoteId()).clauses()).filteredOn(c -> c.typeCode().equals("IP_OWNERSHIP"))
                .allSatisfy(c -> assertThat(c.text()).doesNotContain(TAMPERED));
    }

    @Test
    void tasklistFormSubmissionWithTheClausesUnchangedCompletesAndRecordsNothing() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        String taskId = support.task(q.processInstanceId(), Task.EDIT_QUOTE).getId();
        JsonNode vars = JSON.readTree(get("zhangwei", "/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false").getBody());

        ResponseEntity<String> response = post("zhangwei", "/engine-rest/task/" + taskId + "/submit-form",
                submission(vars.path(Vars.LINES).path("value").asText(), vars.path(Vars.CLAUSE_LIST).path("value").asText()));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(support.task(q.processInstanceId(), Task.RECORD_CUSTOMER_ANSWER)).isNotNull();
        assertThat(support.count("SELECT COUNT(*) FROM clause_tamper_attempt")).isZero();
        // the task's own clause list is gone with the task: nothing of it is left on the process
        assertThat(runtimeService.getVariable(q.processInstanceId(), Vars.CLAUSE_LIST)).isNull();
    }

    @Test
    void completionPayloadCarryingAClauseVariableIsRefusedAndRecordedAsForm() {
        Quotes.Started q = support.quote("zhangwei");
        Map<String, Object> vars = support.editVars(q.processInstanceId(), TestData.today().plusDays(30));
        vars.put("clause_IP_OWNERSHIP", TAMPERED);

        assertThatThrownBy(() -> support.complete(q.processInstanceId(), Task.EDIT_QUOTE, "zhangwei", REP, vars))
                .satisfies(e -> assertThat(QuoteToInvoiceProcessTests.messages(e)).contains(IP_LOCKED, "clause_IP_OWNERSHIP"));

        assertThat(support.task(q.processInstanceId(), Task.EDIT_QUOTE)).isNotNull();
        assertThat(runtimeService.getVariable(q.processInstanceId(), "clause_IP_OWNERSHIP")).isNull();
        assertAttempt(q.quoteId(), "IP_OWNERSHIP", true, "zhangwei", Channel.FORM);
    }

    @Test
    void quoteApiEditChangingALockedClauseIsRefusedWith400AndRecordedAsApi() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lines", support.currentLines(q.processInstanceId()));
        body.put("deliveryDate", TestData.today().plusDays(30).toString());
        body.put("clauses", List.of(Map.of("typeCode", "FORCE_MAJEURE", "text", "疫情、原材料涨价均属不可抗力。")));

        ResponseEntity<String> response = put("zhangwei", "/api/quotes/" + q.quoteId(), body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode error = JSON.readTree(response.getBody()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("clauses");
        assertThat(error.path("rule").asText()).isEqualTo("locked-clause");
        assertThat(error.path("message").asText()).startsWith("不可抗力定义 Force majeure 为锁定条款 is locked");
        assertThat(support.task(q.processInstanceId(), Task.EDIT_QUOTE)).isNotNull();
        assertAttempt(q.quoteId(), "FORCE_MAJEURE", true, "zhangwei", Channel.API);
    }

    @Test
    void unlockedClauseChangeThroughTheApiIsRefusedTooAndRecordedAsUnlocked() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryDate", TestData.today().plusDays(30).toString());
        body.put("clause_PAYMENT_TERMS", "货到付款，无预付款。");

        ResponseEntity<String> response = put("zhangwei", "/api/quotes/" + q.quoteId(), body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode error = JSON.readTree(response.getBody()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("clause_PAYMENT_TERMS");
        assertThat(error.path("rule").asText()).isEqualTo("clause-from-library");
        assertThat(error.path("message").asText()).startsWith("付款条款 Payment terms 的条款文本来自条款库");
        assertAttempt(q.quoteId(), "PAYMENT_TERMS", false, "zhangwei", Channel.API);
    }

    @Test
    void variableSetThroughTheJavaApiIsRefusedAtTheNextCompletionUntilRemoved() {
        Quotes.Started q = support.quote("zhangwei");
        runtimeService.setVariable(q.processInstanceId(), Vars.CLAUSES,
                QuoteJson.variable(List.of(Map.of("typeCode", "FORCE_MAJEURE", "text", "任何原因的延期交货均属不可抗力。"))));
        Map<String, Object> vars = support.editVars(q.processInstanceId(), TestData.today().plusDays(30));

        assertThatThrownBy(() -> support.complete(q.processInstanceId(), Task.EDIT_QUOTE, "zhangwei", REP, vars))
                .satisfies(e -> assertThat(QuoteToInvoiceProcessTests.messages(e))
                        .contains("不可抗力定义 Force majeure 为锁定条款 is locked", Vars.CLAUSES));
        assertThat(support.task(q.processInstanceId(), Task.EDIT_QUOTE)).isNotNull();
        assertAttempt(q.quoteId(), "FORCE_MAJEURE", true, "zhangwei", Channel.VARIABLE);

        runtimeService.removeVariable(q.processInstanceId(), Vars.CLAUSES);
        support.complete(q.processInstanceId(), Task.EDIT_QUOTE, "zhangwei", REP, vars);
        assertThat(support.task(q.processInstanceId(), Task.RECORD_CUSTOMER_ANSWER)).isNotNull();
    }

    @Test
    void variableSetThroughEngineRestBeforeCompletingIsRefusedAndRecordedAsVariable() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        String taskId = support.task(q.processInstanceId(), Task.EDIT_QUOTE).getId();
        // the assignee may set variables through his task: it lands on the process
        ResponseEntity<String> set = put("zhangwei", "/engine-rest/task/" + taskId + "/variables/clause_IP_OWNERSHIP",
                Map.of("value", TAMPERED, "type", "String"));
        assertThat(set.getStatusCode()).as(set.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        // and an administrator on the process instance
        ResponseEntity<String> byAdmin = put("admin", "/engine-rest/process-instance/" + q.processInstanceId()
                + "/variables/clause_FORCE_MAJEURE", Map.of("value", "一切延误均为不可抗力", "type", "String"));
        assertThat(byAdmin.getStatusCode()).as(byAdmin.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode vars = JSON.readTree(get("zhangwei", "/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false").getBody());

        ResponseEntity<String> response = post("zhangwei", "/engine-rest/task/" + taskId + "/submit-form",
                submission(vars.path(Vars.LINES).path("value").asText(), vars.path(Vars.CLAUSE_LIST).path("value").asText()));

        assertThat(response.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(JSON.readTree(response.getBody()).path("message").asText()).contains(IP_LOCKED, "clause_IP_OWNERSHIP",
                "不可抗力定义 Force majeure 为锁定条款 is locked");
        assertThat(taskService.createTaskQuery().taskId(taskId).count()).isOne();
        assertAttempt(q.quoteId(), "IP_OWNERSHIP", true, "zhangwei", Channel.VARIABLE);
        assertAttempt(q.quoteId(), "FORCE_MAJEURE", true, "zhangwei", Channel.VARIABLE);
    }

    @Test
    void taskClauseListChangedThroughEngineRestBeforeCompletingIsRecordedAsVariable() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        String taskId = support.task(q.processInstanceId(), Task.EDIT_QUOTE).getId();
        JsonNode vars = JSON.readTree(get("zhangwei", "/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false").getBody());
        ArrayNode clauses = (ArrayNode) JSON.readTree(vars.path(Vars.CLAUSE_LIST).path("value").asText());
        ((ObjectNode) clauses.get(0)).put("version", 1).put("text", "旧版本条款");
        String type = clauses.get(0).path("typeCode").asText();
        ResponseEntity<String> set = put("zhangwei", "/engine-rest/task/" + taskId + "/localVariables/" + Vars.CLAUSE_LIST,
                Map.of("value", clauses.toString(), "type", "Json"));
        assertThat(set.getStatusCode()).as(set.getBody()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThatThrownBy(() -> support.complete(q.processInstanceId(), Task.EDIT_QUOTE, "zhangwei", REP,
                support.editVars(q.processInstanceId(), TestData.today().plusDays(30))))
                .satisfies(e -> assertThat(QuoteToInvoiceProcessTests.messages(e)).contains(Vars.CLAUSE_LIST));
        assertThat(support.count("SELECT COUNT(*) FROM clause_tamper_attempt WHERE clause_type = ? AND channel = 'VARIABLE'", type))
                .isOne();
    }

    @Test
    void legalCannotChangeAClauseInTheContractReviewEither() {
        Quotes.Started q = support.quote("zhangwei");
        support.toLegalReview(q.processInstanceId(), "zhangwei");
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.REVIEW_DECISION, "APPROVE");
        vars.put("clause_IP_OWNERSHIP", TAMPERED);

        assertThatThrownBy(() -> support.complete(q.processInstanceId(), Task.REVIEW_CONTRACT, "zhoujie", LEGAL, vars))
                .satisfies(e -> assertThat(QuoteToInvoiceProcessTests.messages(e)).contains(IP_LOCKED));

        assertThat(support.task(q.processInstanceId(), Task.REVIEW_CONTRACT)).isNotNull();
        List<ClauseTamperAttempt> attempts = quotes.tamperAttempts(q.quoteId());
        assertThat(attempts).singleElement().satisfies(a -> {
            assertThat(a.contractId()).isEqualTo(runtimeService.getVariable(q.processInstanceId(), Vars.CONTRACT_ID));
            assertThat(a.actor()).isEqualTo("zhoujie");
            assertThat(a.channel()).isEqualTo(Channel.FORM);
        });
    }

    @Test
    void overseersAndLegalReadTheRecordedAttemptsAndRepsCannot() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        Map<String, Object> body = Map.of("clause_IP_OWNERSHIP", TAMPERED);
        assertThat(put("zhangwei", "/api/quotes/" + q.quoteId(), body).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        for (String reader : List.of("limin", "wanglei", "zhoujie")) {
            ResponseEntity<String> list = get(reader, "/api/clause-tamper-attempts?quoteId=" + q.quoteId());
            assertThat(list.getStatusCode()).as(reader).isEqualTo(HttpStatus.OK);
            assertThat(JSON.readTree(list.getBody()).get(0).path("clauseType").asText()).isEqualTo("IP_OWNERSHIP");
        }
        assertThat(get("zhangwei", "/api/clause-tamper-attempts").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    private void assertAttempt(String quoteId, String type, boolean locked, String actor, Channel channel) {
        assertThat(quotes.tamperAttempts(quoteId)).anySatisfy(a -> {
            assertThat(a.clauseType()).isEqualTo(type);
            assertThat(a.locked()).isEqualTo(locked);
            assertThat(a.actor()).isEqualTo(actor);
            assertThat(a.channel()).isEqualTo(channel);
            assertThat(a.attemptedAt()).isNotNull();
        });
    }

    /** What Tasklist posts for the edit form: the lines and clause list as Json, the date as a string. */
    private static Map<String, Object> submission(String linesJson, String clauseListJson) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put(Vars.LINES, Map.of("type", "Json", "value", linesJson));
        variables.put(Vars.DELIVERY_DATE, Map.of("value", TestData.today().plusDays(30).toString()));
        variables.put(Vars.CLAUSE_LIST, Map.of("type", "Json", "value", clauseListJson));
        return Map.of("variables", variables);
    }

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
}
