package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.ModelerDeploy;
import org.leadtocash.support.ProcessTests;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/routing/backtest} over real HTTP: the exact leads a changed table routes elsewhere, with the rule before
 * and after; only leads of the window; nothing deployed; directors only; bounded, FEEL-only input.
 */
@AppTest
class RoutingBacktestTests {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String NEW_ROW = "<rule id=\"Rule_TradeShowMidSouth\">"
            + "<description>展会中额华南：优先陈静 Trade show mid, South: prefer Chen Jing</description>"
            + "<inputEntry id=\"UnaryTests_T1\"><text>\"TRADE_SHOW_QR\"</text></inputEntry>"
            + "<inputEntry id=\"UnaryTests_T2\"><text>\"MID\"</text></inputEntry>"
            + "<inputEntry id=\"UnaryTests_T3\"><text>\"SOUTH\"</text></inputEntry>"
            + "<outputEntry id=\"LiteralExpression_T1\"><text>\"展会中额华南 Trade show mid, South\"</text></outputEntry>"
            + "<outputEntry id=\"LiteralExpression_T2\"><text>\"SOUTH\"</text></outputEntry>"
            + "<outputEntry id=\"LiteralExpression_T3\"><text>\"chenjing\"</text></outputEntry>"
            + "</rule>";

    @Autowired TestRestTemplate rest;
    @Autowired LeadIntake intake;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;
    @Autowired RepositoryService repositoryService;

    private Instant t0;

    @BeforeEach
    void setUp() {
        data.reset();
        t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        ProcessTests.moveClockTo(t0);
    }

    @Test
    void listsExactlyTheLeadsOfTheWindowTheChangedTableRoutesElsewhereWithTheRuleBeforeAndAfter() throws Exception {
        Lead tradeShowMidSouth = receive("TRADE_SHOW_QR", "SOUTH", "100000");
        receive("WEBSITE_FORM", "SOUTH", "100000");
        receive("TRADE_SHOW_QR", "SOUTH", "300000");
        receive("TRADE_SHOW_QR", "EAST", "100000");
        Lead tooOld = receive("TRADE_SHOW_QR", "SOUTH", "120000");
        jdbc.sql("UPDATE sales_lead SET created_at = :at WHERE id = :id")
                .param("at", java.sql.Timestamp.from(t0.minus(Duration.ofDays(31)))).param("id", tooOld.id()).update();
        long decisionsBefore = repositoryService.createDecisionDefinitionQuery().count();

        ResponseEntity<String> response = post("wanglei", changedTable(), 30);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode result = JSON.readTree(response.getBody());
        assertThat(result.path("leadsEvaluated").asInt()).isEqualTo(4);
        assertThat(result.path("rules").asInt()).isEqualTo(12);
        assertThat(result.path("changedCount").asInt()).isEqualTo(1);
        JsonNode changed = result.path("changed").get(0);
        assertThat(changed.path("leadId").asText()).isEqualTo(tradeShowMidSouth.id());
        assertThat(changed.path("source").asText()).isEqualTo("TRADE_SHOW_QR");
        assertThat(changed.path("before").path("ruleId").asText()).isEqualTo("Rule_MidBudgetSouth");
        assertThat(changed.path("before").path("ruleName").asText()).isEqualTo("华南中额 South mid budget");
        assertThat(changed.path("before").path("ruleAnnotation").asText()).startsWith("任意来源、预算5–20万、华南：优先刘洋");
        assertThat(changed.path("before").path("team").asText()).isEqualTo("SOUTH");
        assertThat(changed.path("before").path("preferredReps").toString()).isEqualTo("[\"liuyang\"]");
        assertThat(changed.path("after").path("ruleId").asText()).isEqualTo("Rule_TradeShowMidSouth");
        assertThat(changed.path("after").path("ruleAnnotation").asText()).isEqualTo("展会中额华南：优先陈静 Trade show mid, South: prefer Chen Jing");
        assertThat(changed.path("after").path("preferredReps").toString()).isEqualTo("[\"chenjing\"]");
        assertThat(repositoryService.createDecisionDefinitionQuery().count()).as("nothing deployed").isEqualTo(decisionsBefore);

        // the same over a longer window includes the older lead too
        JsonNode longer = JSON.readTree(post("wanglei", changedTable(), 90).getBody());
        assertThat(longer.path("leadsEvaluated").asInt()).isEqualTo(5);
        assertThat(longer.path("changed").findValuesAsText("leadId")).containsExactlyInAnyOrder(tradeShowMidSouth.id(), tooOld.id());
    }

    @Test
    void theShippedTableChangesNothing() throws Exception {
        receive("TRADE_SHOW_QR", "SOUTH", "100000");
        JsonNode result = JSON.readTree(post("wanglei", ModelerDeploy.shipped("bpmn/lead-routing.dmn"), 30).getBody());
        assertThat(result.path("leadsEvaluated").asInt()).isEqualTo(1);
        assertThat(result.path("changed")).isEmpty();
    }

    @Test
    void uploadAsMultipartFileWorksLikeTheRawBody() throws Exception {
        receive("TRADE_SHOW_QR", "SOUTH", "100000");
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(changedTable()) {
            @Override
            public String getFilename() {
                return "lead-routing.dmn";
            }
        });
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> response = rest.withBasicAuth("wanglei", "wanglei").exchange("/api/routing/backtest?days=7",
                HttpMethod.POST, new HttpEntity<>(parts, h), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(response.getBody()).path("changedCount").asInt()).isEqualTo(1);
    }

    @Test
    void repsAndManagersMayNotBacktest() {
        assertThat(post("zhangwei", changedTable(), 30).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("limin", changedTable(), 30).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("admin", changedTable(), 30).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void juelTableIsRefusedNamingTheElement() throws Exception {
        byte[] juel = new String(changedTable(), StandardCharsets.UTF_8).replace("<inputExpression id=\"InputExpression_Region\" typeRef=\"string\">",
                "<inputExpression id=\"InputExpression_Region\" typeRef=\"string\" expressionLanguage=\"juel\">").getBytes(StandardCharsets.UTF_8);
        ResponseEntity<String> response = post("wanglei", juel, 30);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("InputExpression_Region", "juel", "FEEL");
    }

    @Test
    void inputIsBounded() {
        assertThat(post("wanglei", changedTable(), 91).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(post("wanglei", changedTable(), 0).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        String manyRules = NEW_ROW.replace("Rule_TradeShowMidSouth", "Rule_X%d").replaceAll("id=\"(UnaryTests|LiteralExpression)_T", "id=\"$1_X%d_T");
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            rows.append(manyRules.replace("%d", String.valueOf(i)));
        }
        byte[] tooManyRules = ModelerDeploy.editText("bpmn/lead-routing.dmn", "<rule id=\"Rule_MidBudgetSouth\">",
                rows + "<rule id=\"Rule_MidBudgetSouth\">");
        ResponseEntity<String> rules = post("wanglei", tooManyRules, 30);
        assertThat(rules.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rules.getBody()).contains("211 rules", "at most 200");
        byte[] huge = new byte[RoutingBacktest.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(post("wanglei", huge, 30).getStatusCode().value()).isIn(400, 413);
    }

    private byte[] changedTable() {
        return ModelerDeploy.editText("bpmn/lead-routing.dmn", "<rule id=\"Rule_MidBudgetSouth\">", NEW_ROW + "<rule id=\"Rule_MidBudgetSouth\">");
    }

    private ResponseEntity<String> post(String user, byte[] dmn, int days) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_XML);
        return rest.withBasicAuth(user, user).exchange("/api/routing/backtest?days=" + days, HttpMethod.POST,
                new HttpEntity<>(dmn, h), String.class);
    }

    private Lead receive(String source, String region, String budget) {
        return intake.receive(TestData.leadBody(source, region, budget), LeadSource.valueOf(source)).lead();
    }
}
