package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.Licences;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Owner change 6 of issue 11: a new store tier (便利店 CONVENIENCE 4 %) is added by deploying the rebate DMN alone —
 * no enum, no Java, no migration. The customer book accepts the tier the moment the table is deployed, and a quote for
 * a CONVENIENCE customer gets 4 %; the table is deployed the way Modeler's deploy does (one DMN resource).
 */
@AppTest
class StoreTierDeploymentTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired RepositoryService repositoryService;
    @Autowired QuoteTestSupport support;
    @Autowired TestRestTemplate rest;
    @Autowired RebatePolicy rebatePolicy;

    private String deploymentId;

    @BeforeEach
    void setUp() {
        support.reset();
    }

    @AfterEach
    void tearDown() {
        if (deploymentId != null) {
            repositoryService.deleteDeployment(deploymentId, true);
        }
        support.reset();
    }

    @Test
    void aConvenienceTierDeployedInTheRebateDmnAloneIsRecordedOnCustomersAndQuotedAtFourPercent() throws Exception {
        Map<String, Object> licence = Licences.licence(TestData.creditCode(), "上海快客便利店有限公司", "CONVENIENCE");
        ResponseEntity<String> before = post("zhangwei", "/api/customers", licence);
        assertThat(before.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(before.getBody()).contains("storeTier", "known-tier");

        deploymentId = repositoryService.createDeployment().name("rebate-policy: 便利店 CONVENIENCE 4%")
                .addString("rebate-policy.dmn", withConvenienceTier()).deploy().getId();

        assertThat(rebatePolicy.codes()).containsExactly("KA", "COMMUNITY", "CHAIN", "DISTRIBUTOR", "OTHER", "CONVENIENCE");
        ResponseEntity<String> recorded = post("zhangwei", "/api/customers", licence);
        assertThat(recorded.getStatusCode()).as(recorded.getBody()).isEqualTo(HttpStatus.CREATED);
        String customerId = JSON.readTree(recorded.getBody()).path("id").asText();

        ResponseEntity<String> started = post("zhangwei", "/api/quotes", QuoteApiTests.body(customerId, null,
                TestData.today().plusDays(30), List.of(QuoteApiTests.line("GW-100", 10))));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode quote = JSON.readTree(rest.withBasicAuth("zhangwei", "zhangwei")
                .getForEntity("/api/quotes/" + JSON.readTree(started.getBody()).path("quoteId").asText(), String.class).getBody());
        assertThat(quote.path("customerTier").asText()).isEqualTo("CONVENIENCE");
        assertThat(quote.path("rebateRate").decimalValue()).isEqualByComparingTo("0.04");
        // 10 × 3980 × 0.96 = 38208.00
        assertThat(quote.path("total").decimalValue()).isEqualByComparingTo("38208.00");
    }

    @Test
    void kaEightPercentBecomesSevenByDeployingTheChangedRuleAlone() throws Exception {
        String customerId = support.customerOf("zhangwei", "KA");
        deploymentId = repositoryService.createDeployment().name("rebate-policy: KA 7%")
                .addString("rebate-policy.dmn", shipped().replace("<text>0.08</text>", "<text>0.07</text>")).deploy().getId();

        ResponseEntity<String> started = post("zhangwei", "/api/quotes", QuoteApiTests.body(customerId, null,
                TestData.today().plusDays(30), List.of(QuoteApiTests.line("GW-100", 10))));
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode quote = JSON.readTree(rest.withBasicAuth("zhangwei", "zhangwei")
                .getForEntity("/api/quotes/" + JSON.readTree(started.getBody()).path("quoteId").asText(), String.class).getBody());
        assertThat(quote.path("rebateRate").decimalValue()).isEqualByComparingTo("0.07");
    }

    private static String shipped() throws Exception {
        try (InputStream in = StoreTierDeploymentTests.class.getResourceAsStream("/bpmn/rebate-policy.dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** What the owner does in Modeler: one more allowed input value and one more rule. */
    private static String withConvenienceTier() throws Exception {
        String dmn = shipped();
        String values = "\"KA\",\"COMMUNITY\",\"CHAIN\",\"DISTRIBUTOR\",\"OTHER\"";
        assertThat(dmn).contains(values);
        return dmn.replace(values, values + ",\"CONVENIENCE\"").replace("    </decisionTable>", """
                      <rule id="Rule_Convenience">
                        <description>便利店返利4% Convenience store: 4%</description>
                        <inputEntry id="UnaryTests_Convenience_CustomerTier">
                          <text>"CONVENIENCE"</text>
                        </inputEntry>
                        <outputEntry id="LiteralExpression_Convenience_RebateRate">
                          <text>0.04</text>
                        </outputEntry>
                      </rule>
                    </decisionTable>""");
    }

    private ResponseEntity<String> post(String user, String path, Object body) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, HttpMethod.POST, new HttpEntity<>(JSON.writeValueAsString(body), h),
                String.class);
    }
}
