package org.leadtocash.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * R-06 one customer, one owner, enforced by Camunda authorizations and the app's visibility rules, over real HTTP:
 * the engine REST API as Tasklist and Modeler use it, and the app's own {@code /api}.
 */
@AppTest
class AuthorizationTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired RepositoryService repositoryService;

    /** A lead routed to zhangwei: website + budget > 200k prefers zhangwei and lina; lina is on a trip. */
    private record RoutedLead(String leadId, String processInstanceId, String taskId, String creditCode) {
    }

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void repSeesHisOwnFirstContactTaskAndAnotherRepSeesNothingOfIt() throws Exception {
        RoutedLead lead = leadRoutedToZhangwei();

        assertThat(taskIds(get("zhangwei", "/engine-rest/task"))).containsExactly(lead.taskId());
        assertThat(taskIds(get("lina", "/engine-rest/task"))).isEmpty();
        assertThat(taskIds(get("lina", "/engine-rest/task?processInstanceId=" + lead.processInstanceId()))).isEmpty();
        assertThat(get("lina", "/engine-rest/task/count").getBody()).contains("\"count\":0");
        assertThat(get("lina", "/engine-rest/task/" + lead.taskId()).getStatusCode().value()).isIn(403, 404);
        assertThat(get("lina", "/engine-rest/task/" + lead.taskId() + "/form-variables").getStatusCode().value()).isIn(403, 404);
        assertThat(get("lina", "/engine-rest/task/" + lead.taskId() + "/variables").getStatusCode().value()).isIn(403, 404);
        assertThat(get("lina", "/engine-rest/process-instance/" + lead.processInstanceId() + "/variables").getStatusCode().value())
                .isIn(403, 404);
        assertThat(get("lina", "/engine-rest/history/task?processInstanceId=" + lead.processInstanceId()).getBody()).isEqualTo("[]");
        assertThat(get("lina", "/engine-rest/history/variable-instance?processInstanceId=" + lead.processInstanceId()).getBody())
                .isEqualTo("[]");
    }

    @Test
    void anotherRepCannotClaimCompleteOrReassignTheTask() throws Exception {
        RoutedLead lead = leadRoutedToZhangwei();

        assertThat(post("lina", "/engine-rest/task/" + lead.taskId() + "/claim", Map.of("userId", "lina")).getStatusCode().value())
                .isIn(403, 404);
        assertThat(post("lina", "/engine-rest/task/" + lead.taskId() + "/assignee", Map.of("userId", "lina")).getStatusCode().value())
                .isIn(403, 404);
        assertThat(post("lina", "/engine-rest/task/" + lead.taskId() + "/submit-form", reachedForm()).getStatusCode().value())
                .isIn(403, 404);
        assertThat(post("lina", "/engine-rest/task/" + lead.taskId() + "/complete", reachedForm()).getStatusCode().value())
                .isIn(403, 404);

        Task task = taskService.createTaskQuery().taskId(lead.taskId()).singleResult();
        assertThat(task).isNotNull();
        assertThat(task.getAssignee()).isEqualTo("zhangwei");
        assertThat(leadJson("admin", lead.leadId()).path("status").asText()).isEqualTo("ASSIGNED");
    }

    @Test
    void managerAndDirectorSeeEveryRepsTask() throws Exception {
        RoutedLead lead = leadRoutedToZhangwei();

        for (String overseer : List.of("limin", "wanglei")) {
            assertThat(taskIds(get(overseer, "/engine-rest/task?processInstanceId=" + lead.processInstanceId())))
                    .as(overseer).containsExactly(lead.taskId());
            assertThat(get(overseer, "/engine-rest/task/" + lead.taskId()).getStatusCode()).as(overseer).isEqualTo(HttpStatus.OK);
            assertThat(get(overseer, "/engine-rest/process-instance?businessKey=" + lead.leadId()).getBody())
                    .as(overseer).contains(lead.processInstanceId());
            assertThat(get(overseer, "/engine-rest/history/process-instance?processInstanceBusinessKey=" + lead.leadId()).getBody())
                    .as(overseer).contains(lead.processInstanceId());
        }
    }

    @Test
    void leadIsVisibleInTheApiToItsRepAndOverseersOnly() throws Exception {
        RoutedLead lead = leadRoutedToZhangwei();

        assertThat(get("zhangwei", "/api/leads/" + lead.leadId()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(leadJson("zhangwei", lead.leadId()).path("assignee").asText()).isEqualTo("zhangwei");
        assertThat(get("lina", "/api/leads/" + lead.leadId()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("wangfang", "/api/leads/" + lead.leadId()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("limin", "/api/leads/" + lead.leadId()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("wanglei", "/api/leads/" + lead.leadId()).getStatusCode()).isEqualTo(HttpStatus.OK);

        assertThat(ids(get("zhangwei", "/api/leads"))).containsExactly(lead.leadId());
        assertThat(ids(get("lina", "/api/leads"))).doesNotContain(lead.leadId());
        assertThat(ids(get("limin", "/api/leads"))).contains(lead.leadId());
    }

    @Test
    void repCompletesTheFirstContactFormOverEngineRestAndBecomesTheCustomersOwner() throws Exception {
        RoutedLead lead = leadRoutedToZhangwei();
        String task = "/engine-rest/task/" + lead.taskId();

        // what Tasklist loads: the variables and the Camunda Form
        ResponseEntity<String> formVariables = get("zhangwei", task + "/form-variables");
        assertThat(formVariables.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode vars = JSON.readTree(formVariables.getBody());
        assertThat(vars.path("companyName").path("value").asText()).startsWith("上海测试科技有限公司");
        assertThat(vars.path("routingExplanation").path("value").asText()).contains("zhangwei");
        ResponseEntity<String> form = get("zhangwei", task + "/deployed-form");
        assertThat(form.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(form.getBody()).contains("\"form-first-contact\"", "contactOutcome");

        // what Tasklist submits
        String tomorrow = LocalDate.now(SHANGHAI).plusDays(1).toString();
        Map<String, Object> submit = formVariables("REACHED", "客户对智能网关很感兴趣，约定下周演示。", tomorrow, null);
        ResponseEntity<String> submitted = post("zhangwei", task + "/submit-form", submit);

        assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(taskService.createTaskQuery().taskId(lead.taskId()).count()).isZero();
        JsonNode stored = leadJson("zhangwei", lead.leadId());
        assertThat(stored.path("status").asText()).isEqualTo("CONTACTED");
        assertThat(stored.path("contactNotes").asText()).isEqualTo("客户对智能网关很感兴趣，约定下周演示。");
        assertThat(stored.path("nextFollowUpDate").asText()).isEqualTo(tomorrow);
        assertThat(stored.path("firstContactAt").isMissingNode()).isFalse();
        String customerId = stored.path("customerId").asText();
        assertThat(jdbc.sql("SELECT owner_id FROM customer WHERE id = ?").param(customerId).query(String.class).single())
                .isEqualTo("zhangwei");
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(lead.processInstanceId()).singleResult()
                .getEndActivityId()).isEqualTo(LeadRoutingProcess.Event.LEAD_CONTACTED);

        // the customer is now his: lina cannot see it
        assertThat(get("zhangwei", "/api/customers/" + customerId).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("lina", "/api/customers/" + customerId).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("limin", "/api/customers/" + customerId).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ids(get("lina", "/api/customers"))).doesNotContain(customerId);
        assertThat(ids(get("zhangwei", "/api/customers"))).containsExactly(customerId);
    }

    @Test
    void nextLeadOfAnOwnedCustomerGoesToTheOwnerEvenWhenTheRulePrefersAnotherRep() throws Exception {
        RoutedLead first = leadRoutedToZhangwei();
        ResponseEntity<String> submitted = post("zhangwei", "/engine-rest/task/" + first.taskId() + "/submit-form",
                formVariables("REACHED", "已联系", LocalDate.now(SHANGHAI).plusDays(1).toString(), null));
        assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        jdbc.sql("DELETE FROM rep_trip").update(); // lina is back and would be preferred

        // trade show + large + East prefers lina only
        Map<String, Object> body = TestData.leadBody("TRADE_SHOW_QR", "EAST", "500000");
        body.put("creditCode", first.creditCode());
        RoutedLead second = route(postLead("test-tradeshow-key-0001", body));

        Task task = taskService.createTaskQuery().taskId(second.taskId()).singleResult();
        assertThat(task.getAssignee()).isEqualTo("zhangwei");
        JsonNode lead = leadJson("zhangwei", second.leadId());
        assertThat(lead.path("routingExplanation").asText()).contains("客户负责人", "zhangwei");
        assertThat(lead.path("customerId").asText()).isEqualTo(leadJson("zhangwei", first.leadId()).path("customerId").asText());
        assertThat(taskIds(get("zhangwei", "/engine-rest/task"))).containsExactly(second.taskId());
        assertThat(taskIds(get("lina", "/engine-rest/task"))).isEmpty();
        assertThat(get("lina", "/api/leads/" + second.leadId()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("lina", "/api/customers/" + lead.path("customerId").asText()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void invalidOutcomeWithoutAReasonIsRefusedNamingInvalidReasonAndNothingIsCompleted() throws Exception {
        RoutedLead lead = leadRoutedToZhangwei();

        ResponseEntity<String> response = post("zhangwei", "/engine-rest/task/" + lead.taskId() + "/submit-form",
                formVariables("INVALID", "空号", null, null));

        // Camunda's REST answers 500 for an exception from a delegate; the message must still name the field
        assertThat(response.getStatusCode().value()).as(response.getBody()).isIn(400, 422, 500);
        assertThat(JSON.readTree(response.getBody()).path("message").asText()).contains("invalidReason");
        assertThat(taskService.createTaskQuery().taskId(lead.taskId()).count()).isOne();
        JsonNode stored = leadJson("zhangwei", lead.leadId());
        assertThat(stored.path("status").asText()).isEqualTo("ASSIGNED");
        assertThat(stored.path("contactAttempts").asInt()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE owner_id IS NOT NULL").query(Integer.class).single()).isZero();
    }

    @Test
    void reachedWithoutANextFollowUpDateIsRefusedNamingTheField() throws Exception {
        RoutedLead lead = leadRoutedToZhangwei();

        ResponseEntity<String> response = post("zhangwei", "/engine-rest/task/" + lead.taskId() + "/submit-form",
                formVariables("REACHED", "已联系", null, null));

        assertThat(response.getStatusCode().value()).as(response.getBody()).isIn(400, 422, 500);
        assertThat(JSON.readTree(response.getBody()).path("message").asText()).contains("nextFollowUpDate");
        assertThat(taskService.createTaskQuery().taskId(lead.taskId()).count()).isOne();
        assertThat(leadJson("zhangwei", lead.leadId()).path("status").asText()).isEqualTo("ASSIGNED");
    }

    @Test
    void invalidOutcomeWithAReasonClosesTheLeadWithoutMakingTheRepOwner() throws Exception {
        RoutedLead lead = leadRoutedToZhangwei();

        ResponseEntity<String> response = post("zhangwei", "/engine-rest/task/" + lead.taskId() + "/submit-form",
                formVariables("INVALID", null, null, "空号，公司已注销"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        JsonNode stored = leadJson("admin", lead.leadId());
        assertThat(stored.path("status").asText()).isEqualTo("INVALID");
        assertThat(stored.path("invalidReason").asText()).isEqualTo("空号，公司已注销");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer WHERE owner_id IS NOT NULL").query(Integer.class).single()).isZero();
    }

    @Test
    void directorDeploysAChangedRoutingTableLikeModelerAndARepCannot() throws Exception {
        byte[] dmn = new ClassPathResource("bpmn/lead-routing.dmn").getContentAsByteArray();

        ResponseEntity<String> byRep = deploy("zhangwei", dmn);
        assertThat(byRep.getStatusCode()).as(byRep.getBody()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> byDirector = deploy("wanglei", dmn);
        String deploymentId = null;
        try {
            assertThat(byDirector.getStatusCode()).as(byDirector.getBody()).isEqualTo(HttpStatus.OK);
            deploymentId = JSON.readTree(byDirector.getBody()).path("id").asText();
            assertThat(repositoryService.createDecisionDefinitionQuery().deploymentId(deploymentId)
                    .decisionDefinitionKey(LeadRoutingProcess.DECISION).count()).isOne();
        } finally {
            if (deploymentId != null && !deploymentId.isBlank()) {
                repositoryService.deleteDeployment(deploymentId, true);
            }
        }
        assertThat(repositoryService.createDeploymentQuery().deploymentName("lead-routing-test").count()).isZero();
    }

    @Test
    void managerCanReadButNotDeploy() throws Exception {
        ResponseEntity<String> response = deploy("limin", new ClassPathResource("bpmn/lead-routing.dmn").getContentAsByteArray());

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("limin", "/engine-rest/decision-definition?key=" + LeadRoutingProcess.DECISION).getBody())
                .contains(LeadRoutingProcess.DECISION);
    }

    // --- helpers ---

    private RoutedLead leadRoutedToZhangwei() throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        data.trip("lina", today.minusDays(1), today.plusDays(2));
        RoutedLead lead = route(postLead("test-website-key-0001", TestData.leadBody("WEBSITE_FORM", "EAST", "250000")));
        assertThat(taskService.createTaskQuery().taskId(lead.taskId()).singleResult().getAssignee()).isEqualTo("zhangwei");
        return lead;
    }

    private RoutedLead postLead(String key, Map<String, Object> body) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.set("X-Api-Key", key);
        ResponseEntity<String> response = rest.exchange("/api/leads", HttpMethod.POST, new HttpEntity<>(JSON.writeValueAsString(body), h),
                String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode json = JSON.readTree(response.getBody());
        return new RoutedLead(json.path("leadId").asText(), json.path("processInstanceId").asText(), null,
                (String) body.get("creditCode"));
    }

    /** Runs the asynchronous routing step, as the job executor would. */
    private RoutedLead route(RoutedLead lead) {
        var job = managementService.createJobQuery().processInstanceId(lead.processInstanceId())
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult();
        managementService.executeJob(job.getId());
        Task task = taskService.createTaskQuery().processInstanceId(lead.processInstanceId())
                .taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).singleResult();
        assertThat(task).as("first-contact task").isNotNull();
        return new RoutedLead(lead.leadId(), lead.processInstanceId(), task.getId(), lead.creditCode());
    }

    private static Map<String, Object> reachedForm() {
        return formVariables("REACHED", "x", LocalDate.now(SHANGHAI).plusDays(1).toString(), null);
    }

    /** The body Tasklist posts for a Camunda Form: every field as a typed variable. */
    private static Map<String, Object> formVariables(String outcome, String notes, String nextFollowUpDate, String invalidReason) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("contactOutcome", Map.of("value", outcome, "type", "String"));
        if (notes != null) {
            variables.put("contactNotes", Map.of("value", notes, "type", "String"));
        }
        if (nextFollowUpDate != null) {
            variables.put("nextFollowUpDate", Map.of("value", nextFollowUpDate, "type", "String"));
        }
        if (invalidReason != null) {
            variables.put("invalidReason", Map.of("value", invalidReason, "type", "String"));
        }
        return Map.of("variables", variables);
    }

    private ResponseEntity<String> deploy(String user, byte[] dmn) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", "lead-routing-test");
        parts.add("deployment-source", "Camunda Modeler");
        parts.add("deploy-changed-only", "false");
        parts.add("lead-routing.dmn", new ByteArrayResource(dmn) {
            @Override
            public String getFilename() {
                return "lead-routing.dmn";
            }
        });
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.MULTIPART_FORM_DATA);
        h.setBasicAuth(user, user);
        return rest.exchange("/engine-rest/deployment/create", HttpMethod.POST, new HttpEntity<>(parts, h), String.class);
    }

    private JsonNode leadJson(String user, String leadId) throws Exception {
        ResponseEntity<String> response = get(user, "/api/leads/" + leadId);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, password(user)).getForEntity(path, String.class);
    }

    private ResponseEntity<String> post(String user, String path, Object body) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, password(user)).exchange(path, HttpMethod.POST,
                new HttpEntity<>(JSON.writeValueAsString(body), h), String.class);
    }

    private static String password(String user) {
        return user; // demo users: password = user id
    }

    private static List<String> taskIds(ResponseEntity<String> response) throws Exception {
        return ids(response);
    }

    private static List<String> ids(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        List<String> ids = new ArrayList<>();
        JSON.readTree(response.getBody()).forEach(n -> ids.add(n.path("id").asText()));
        return ids;
    }
}
