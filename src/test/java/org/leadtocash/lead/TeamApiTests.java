package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.shared.Groups;
import org.leadtocash.support.AppTest;
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

/**
 * Sales team upkeep through {@code /api/team} (issue 10, R-06): a manager adds and changes reps, whose Camunda user and
 * sales group follow; validation names field and rule; a departing rep's open leads and customers go to a successor (with
 * the owner history) or his leads back to assignment; a customer's owner transferred by a manager; who may do what.
 */
@AppTest
class TeamApiTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired IdentityService identityService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired LeadIntake intake;
    @Autowired LeadQueries queries;
    @Autowired JdbcClient jdbc;
    @Autowired org.camunda.bpm.engine.AuthorizationService authorizationService;

    @BeforeEach
    void reset() {
        data.reset();
        deleteTestUsers();
    }

    @AfterEach
    void cleanUp() {
        deleteTestUsers();
    }

    @Test
    void managerAddsARepWhoseCamundaUserAndSalesGroupFollow() throws Exception {
        ResponseEntity<String> answer = post("limin", "/api/team/members",
                rep("testzhou", "周明 Zhou Ming", "EAST", "138 0000 0201", "limin"));

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode saved = JSON.readTree(answer.getBody());
        String password = saved.path("initialPassword").asText();
        assertThat(password).hasSize(16);
        assertThat(saved.path("member").path("regionName").asText()).isEqualTo("华东");
        Map<String, Object> row = jdbc.sql("SELECT display_name, role, region, mobile, manager_id, active, updated_by FROM sales_staff "
                + "WHERE user_id = 'testzhou'").query().singleRow();
        assertThat(row).containsEntry("DISPLAY_NAME", "周明 Zhou Ming").containsEntry("ROLE", "REP").containsEntry("REGION", "EAST")
                .containsEntry("MOBILE", "13800000201").containsEntry("MANAGER_ID", "limin").containsEntry("ACTIVE", true)
                .containsEntry("UPDATED_BY", "limin");
        assertThat(identityService.checkPassword("testzhou", password)).as("the initial password logs in").isTrue();
        assertThat(identityService.createUserQuery().userId("testzhou").singleResult().getFirstName()).isEqualTo("周明");
        assertThat(groupsOf("testzhou")).containsExactly(Groups.SALES_REP);

        // saved again unchanged: nothing changes, no second password
        ResponseEntity<String> again = post("limin", "/api/team/members", rep("testzhou", "周明 Zhou Ming", "EAST", "13800000201", "limin"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(again.getBody()).path("changed").asBoolean()).isFalse();
        assertThat(JSON.readTree(again.getBody()).hasNonNull("initialPassword")).isFalse();
        assertThat(identityService.checkPassword("testzhou", password)).isTrue();
    }

    @Test
    void aChangeOfRoleMovesTheCamundaGroupAndOnlyDirectorsMayMakeManagers() throws Exception {
        post("limin", "/api/team/members", rep("testhe", "何平", "SOUTH", "13800000202", null));

        Map<String, Object> manager = rep("testhe", "何平", "SOUTH", "13800000202", null);
        manager.put("role", "MANAGER");
        ResponseEntity<String> byManager = put("limin", "/api/team/members/testhe", manager);
        assertThat(byManager.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(byManager)).contains(tuple("role", "may-manage"));
        assertThat(groupsOf("testhe")).containsExactly(Groups.SALES_REP);

        ResponseEntity<String> byDirector = put("wanglei", "/api/team/members/testhe", manager);
        assertThat(byDirector.getStatusCode()).as(byDirector.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(groupsOf("testhe")).containsExactly(Groups.SALES_MANAGER);
        assertThat(jdbc.sql("SELECT role FROM sales_staff WHERE user_id = 'testhe'").query(String.class).single()).isEqualTo("MANAGER");
    }

    @Test
    void everyBrokenRuleIsNamedByFieldAndRuleAndNothingIsStored() throws Exception {
        Map<String, Object> bad = rep("Test Bad!", "", "MARS", "12345", "lina");
        bad.put("role", "CEO");
        bad.put("directorId", "limin");
        ResponseEntity<String> answer = post("limin", "/api/team/members", bad);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(answer)).containsExactlyInAnyOrder(tuple("userId", "user-id"), tuple("displayName", "required"),
                tuple("role", "one-of"), tuple("region", "active-region"), tuple("mobile", "cn-mobile"),
                tuple("managerId", "active-manager"), tuple("directorId", "active-director"));
        assertThat(data.count("sales_staff")).isEqualTo(9);
    }

    @Test
    void onlyManagersDirectorsAndAdminsMayKeepTheTeamAndNoOneAdoptsANonSalesUser() throws Exception {
        assertThat(rest.withBasicAuth("lina", "lina").getForEntity("/api/team/members", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("lina", "/api/team/members", rep("testx", "某人", "EAST", "13800000203", null)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(identityService.createUserQuery().userId("testx").count()).isZero();

        // zhoujie is legal: the team page must not put her in a sales group nor touch her user
        ResponseEntity<String> legal = post("wanglei", "/api/team/members", rep("zhoujie", "周洁", "EAST", "13800000204", null));
        assertThat(legal.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(legal)).contains(tuple("userId", "sales-user"));
        assertThat(groupsOf("zhoujie")).containsExactly(Groups.LEGAL);
        assertThat(identityService.checkPassword("zhoujie", "zhoujie")).isTrue();
    }

    @Test
    void deactivationGivesOpenLeadsAndCustomersToTheSuccessorWithOwnerHistory() throws Exception {
        data.deactivateAllRepsExcept();
        post("limin", "/api/team/members", rep("testa", "甲", "EAST", "13800000211", "limin"));
        post("limin", "/api/team/members", rep("testb", "乙", "EAST", "13800000212", "limin"));
        jdbc.sql("UPDATE sales_staff SET active = FALSE WHERE user_id = 'testb'").update();
        Lead lead = routed("EAST");
        assertThat(queries.lead(lead.id(), null).assignee()).isEqualTo("testa");
        String customerId = queries.lead(lead.id(), null).customerId();
        jdbc.sql("UPDATE customer SET owner_id = 'testa' WHERE id = ?").param(customerId).update();
        jdbc.sql("UPDATE sales_staff SET active = TRUE WHERE user_id = 'testb'").update();

        ResponseEntity<String> answer = post("limin", "/api/team/members/testa/deactivate",
                Map.of("successorId", "testb", "reason", "离职 left the company"));

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode body = JSON.readTree(answer.getBody());
        assertThat(body.path("leadsToSuccessor").get(0).asText()).isEqualTo(lead.id());
        assertThat(body.path("customersToSuccessor").get(0).asText()).isEqualTo(customerId);
        Lead after = queries.lead(lead.id(), null);
        assertThat(after.assignee()).isEqualTo("testb");
        assertThat(after.status()).isEqualTo(LeadStatus.ASSIGNED);
        assertThat(taskService.createTaskQuery().processInstanceId(lead.processInstanceId()).singleResult().getAssignee()).isEqualTo("testb");
        assertThat(openLeads("testa")).isZero();
        assertThat(openLeads("testb")).isEqualTo(1);
        assertThat(queries.customer(customerId, null).ownerId()).isEqualTo("testb");
        JsonNode history = JSON.readTree(rest.withBasicAuth("limin", "limin")
                .getForEntity("/api/team/customers/" + customerId + "/owner-history", String.class).getBody());
        JsonNode last = history.get(history.size() - 1);
        assertThat(last.path("ownerId").asText()).isEqualTo("testb");
        assertThat(last.path("previousOwnerId").asText()).isEqualTo("testa");
        assertThat(last.path("changedBy").asText()).isEqualTo("limin");
        assertThat(last.path("reason").asText()).contains("离职");
        assertThat(jdbc.sql("SELECT active FROM sales_staff WHERE user_id = 'testa'").query(Boolean.class).single()).isFalse();
        assertThat(groupsOf("testa")).as("no sales group: no Tasklist, no leads").isEmpty();
    }

    @Test
    void deactivationWithoutSuccessorReturnsOpenLeadsToAssignment() throws Exception {
        data.deactivateAllRepsExcept();
        post("limin", "/api/team/members", rep("testc", "丙", "NORTH", "13800000221", null));
        Lead lead = routed("NORTH");
        assertThat(queries.lead(lead.id(), null).assignee()).isEqualTo("testc");
        post("limin", "/api/team/members", rep("testd", "丁", "NORTH", "13800000222", null));

        ResponseEntity<String> answer = post("limin", "/api/team/members/testc/deactivate", Map.of());

        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(answer.getBody()).path("leadsRerouted").path(lead.id()).asText()).isEqualTo("testd");
        Lead after = queries.lead(lead.id(), null);
        assertThat(after.assignee()).isEqualTo("testd");
        assertThat(after.routingExplanation()).contains("testd");
        assertThat(taskService.createTaskQuery().processInstanceId(lead.processInstanceId()).singleResult().getAssignee()).isEqualTo("testd");
        assertThat(openLeads("testc")).isZero();
        assertThat(openLeads("testd")).isEqualTo(1);
    }

    @Test
    void deactivationThatWouldLeaveALeadWithNobodyIsRefusedAndChangesNothing() throws Exception {
        data.deactivateAllRepsExcept();
        post("limin", "/api/team/members", rep("teste", "戊", "SOUTH", "13800000231", null));
        Lead lead = routed("SOUTH");

        ResponseEntity<String> answer = post("limin", "/api/team/members/teste/deactivate", Map.of());

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(answer)).containsExactly(tuple("successorId", "required-when-no-eligible-rep"));
        assertThat(queries.lead(lead.id(), null).assignee()).isEqualTo("teste");
        assertThat(jdbc.sql("SELECT active FROM sales_staff WHERE user_id = 'teste'").query(Boolean.class).single()).isTrue();
        assertThat(groupsOf("teste")).containsExactly(Groups.SALES_REP);
    }

    @Test
    void aManagerTransfersACustomerAndTheHistorySaysWhoOwnedItWhen() throws Exception {
        String code = TestData.creditCode();
        data.owner(code, "杭州转移测试有限公司", "zhangwei");
        String customerId = jdbc.sql("SELECT id FROM customer WHERE credit_code = ?").param(code).query(String.class).single();

        ResponseEntity<String> refused = post("limin", "/api/team/customers/" + customerId + "/owner", Map.of("ownerId", "limin"));
        assertThat(errors(refused)).containsExactly(tuple("ownerId", "active-rep"));
        assertThat(post("lina", "/api/team/customers/" + customerId + "/owner", Map.of("ownerId", "lina")).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> answer = post("limin", "/api/team/customers/" + customerId + "/owner",
                Map.of("ownerId", "lina", "reason", "区域调整 territory change"));
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(queries.customer(customerId, null).ownerId()).isEqualTo("lina");
        List<Map<String, Object>> history = jdbc.sql("SELECT owner_id, previous_owner_id, changed_by, reason FROM customer_owner_history "
                + "WHERE customer_id = ? ORDER BY id").param(customerId).query().listOfRows();
        assertThat(history).hasSize(1);
        assertThat(history.get(0)).containsEntry("OWNER_ID", "lina").containsEntry("PREVIOUS_OWNER_ID", "zhangwei")
                .containsEntry("CHANGED_BY", "limin").containsEntry("REASON", "区域调整 territory change");
    }

    @Test
    void aManagerFindsCustomersByNameOrCreditCodeAndATransferNeedsAReason() throws Exception {
        String code = TestData.creditCode();
        data.owner(code, "杭州查找测试100%有限公司", "zhangwei");
        data.owner(TestData.creditCode(), "宁波别家有限公司", "lina");
        String customerId = jdbc.sql("SELECT id FROM customer WHERE credit_code = ?").param(code).query(String.class).single();

        assertThat(JSON.readTree(search("limin", "查找测试100%").getBody()).findValuesAsText("creditCode"))
                .containsExactly(code);
        assertThat(JSON.readTree(search("wanglei", code.toLowerCase()).getBody())
                .findValuesAsText("ownerId")).containsExactly("zhangwei");
        assertThat(JSON.readTree(search("limin", "10%").getBody())).as("% is a character, not a wildcard").isEmpty();
        assertThat(search("zhangwei", "").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> noReason = post("limin", "/api/team/customers/" + customerId + "/owner", Map.of("ownerId", "lina", "reason", " "));
        assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(noReason)).containsExactly(tuple("reason", "required"));
        assertThat(errors(post("limin", "/api/team/customers/" + customerId + "/owner", Map.of("ownerId", "lina", "reason", "x".repeat(201)))))
                .containsExactly(tuple("reason", "max-length"));
        assertThat(queries.customer(customerId, null).ownerId()).isEqualTo("zhangwei");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM customer_owner_history WHERE customer_id = ?").param(customerId).query(Integer.class).single())
                .isZero();
    }

    @Test
    void aRegionAddedInTheTeamPageTakesLeadsForItsNewTeam() throws Exception {
        ResponseEntity<String> region = post("limin", "/api/team/regions", Map.of("code", "southwest", "name", "西南"));
        assertThat(region.getStatusCode()).as(region.getBody()).isEqualTo(HttpStatus.OK);
        ResponseEntity<String> bad = post("limin", "/api/team/regions", Map.of("code", "S W", "name", ""));
        assertThat(errors(bad)).containsExactly(tuple("code", "region-code"), tuple("name", "required"));
        assertThat(post("limin", "/api/team/members", rep("testsw", "西南销售", "SOUTHWEST", "13800000241", "limin")).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        Lead lead = routed("SOUTHWEST");

        assertThat(queries.lead(lead.id(), null).assignee()).isEqualTo("testsw");
        assertThat(queries.lead(lead.id(), null).routingExplanation()).contains("SOUTHWEST");
    }

    @Test
    void managersMayOpenCamundaAdminButStillCannotEditCamundaUsersOrGroups() {
        org.camunda.bpm.engine.AuthorizationService authorizations = authorizationService;
        for (String[] user : new String[][] {{"limin", Groups.SALES_MANAGER}, {"wanglei", Groups.REGIONAL_DIRECTOR}}) {
            assertThat(authorizations.isUserAuthorized(user[0], List.of(user[1]), org.camunda.bpm.engine.authorization.Permissions.ACCESS,
                    org.camunda.bpm.engine.authorization.Resources.APPLICATION, "admin")).as(user[0] + " opens Admin").isTrue();
            identityService.setAuthentication(user[0], List.of(user[1]));
            try {
                assertThatThrownBy(() -> identityService.saveUser(identityService.newUser("testsneaky")))
                        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
                org.camunda.bpm.engine.identity.User lina = identityService.createUserQuery().userId("lina").singleResult();
                lina.setPassword("changed-by-" + user[0]);
                assertThatThrownBy(() -> identityService.saveUser(lina)).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
                assertThatThrownBy(() -> identityService.createMembership("lina", Groups.ADMIN))
                        .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
                assertThatThrownBy(() -> identityService.deleteUser("zhangwei")).isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
            } finally {
                identityService.clearAuthentication();
            }
        }
        assertThat(identityService.checkPassword("lina", "lina")).isTrue();
        assertThat(identityService.createUserQuery().userId("testsneaky").count()).isZero();
    }

    // ---------------------------------------------------------------- helpers

    static Map<String, Object> rep(String id, String name, String region, String mobile, String manager) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("userId", id);
        body.put("displayName", name);
        body.put("role", "REP");
        body.put("region", region);
        body.put("mobile", mobile);
        body.put("managerId", manager);
        return body;
    }

    private ResponseEntity<String> post(String user, String path, Object body) {
        return exchange(user, HttpMethod.POST, path, body);
    }

    private ResponseEntity<String> search(String user, String text) {
        return rest.withBasicAuth(user, user).getForEntity(java.net.URI.create("/api/team/customers?q="
                + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8)), String.class);
    }

    private ResponseEntity<String> put(String user, String path, Object body) {
        return exchange(user, HttpMethod.PUT, path, body);
    }

    private ResponseEntity<String> exchange(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static List<org.assertj.core.groups.Tuple> errors(ResponseEntity<String> answer) throws Exception {
        List<org.assertj.core.groups.Tuple> list = new java.util.ArrayList<>();
        JSON.readTree(answer.getBody()).path("errors").forEach(e -> list.add(tuple(e.path("field").asText(), e.path("rule").asText())));
        return list;
    }

    private List<String> groupsOf(String user) {
        return identityService.createGroupQuery().groupMember(user).list().stream().map(Group::getId).sorted().toList();
    }

    private int openLeads(String rep) {
        return jdbc.sql("SELECT open_leads FROM sales_staff WHERE user_id = ?").param(rep).query(Integer.class).single();
    }

    private Lead routed(String region) {
        Lead lead = intake.receive(TestData.leadBody("WEBSITE_FORM", region, "30000"), LeadSource.WEBSITE_FORM).lead();
        managementService.executeJob(managementService.createJobQuery().processInstanceId(lead.processInstanceId())
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult().getId());
        return lead;
    }

    private void deleteTestUsers() {
        identityService.createUserQuery().list().stream().filter(u -> u.getId().startsWith("test"))
                .forEach(u -> identityService.deleteUser(u.getId()));
    }
}
