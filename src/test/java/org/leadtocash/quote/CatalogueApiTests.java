package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.EngineClock;
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
 * {@code /api/products} and {@code /api/clauses} over real HTTP with HTTP Basic: everyone authenticated reads, only
 * legal publishes (201), others get 403, invalid input 400 naming each field, and nothing is stored on refusal.
 */
@AppTest
class CatalogueApiTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;
    @Autowired ClauseLibrary library;
    @Autowired EngineClock clock;

    @BeforeEach
    void setUp() {
        data.reset();
        ClauseTestTypes.recreate(jdbc);
    }

    @AfterEach
    void tearDown() {
        ClockUtil.reset();
        ClauseTestTypes.drop(jdbc);
    }

    // --- reading ---

    @Test
    void anyUserListsTheProductsWithTaxInclusivePricesAndVatRates() throws Exception {
        JsonNode products = getJson("wufang", "/api/products", HttpStatus.OK);

        List<String> models = new ArrayList<>();
        products.forEach(p -> models.add(p.path("model").asText()));
        assertThat(models).contains("JM-200", "JM-350E", "GW-100", "SAAS-QT", "SV-MR12", "IN-01").isSorted();
        JsonNode mould = find(products, "JM-200");
        assertThat(mould.path("name").asText()).startsWith("精密注塑模具");
        assertThat(mould.path("unitPriceCny").decimalValue()).isEqualByComparingTo("128000.00");
        assertThat(mould.path("vatRate").decimalValue()).isEqualByComparingTo("0.13");
        assertThat(mould.path("active").asBoolean()).isTrue();
        assertThat(find(products, "JM-350E").path("clauseTypes").toString()).contains("ENVIRONMENTAL");
        assertThat(find(products, "SAAS-QT").path("vatRate").decimalValue()).isEqualByComparingTo("0.06");
        assertThat(find(products, "IN-01").path("vatRate").decimalValue()).isEqualByComparingTo("0.09");
        assertThat(find(products, "JM-100").path("active").asBoolean()).isFalse();
    }

    @Test
    void readsOneProductAndAnswers404ForAnUnknownModel() throws Exception {
        assertThat(getJson("zhangwei", "/api/products/GW-100", HttpStatus.OK).path("name").asText()).startsWith("智能网关");
        assertThat(getJson("zhangwei", "/api/products/NO-SUCH", HttpStatus.NOT_FOUND).path("detail").asText()).contains("NO-SUCH");
    }

    @Test
    void everyEndpointNeedsAnAuthenticatedUser() {
        for (String path : List.of("/api/products", "/api/clauses", "/api/clauses/IP_OWNERSHIP/versions")) {
            assertThat(rest.getForEntity(path, String.class).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            // an unknown user: a wrong password of a real one would lock him out for a while (Camunda's login delay)
            assertThat(rest.withBasicAuth("nobody", "nobody").getForEntity(path, String.class).getStatusCode()).as(path)
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        ResponseEntity<String> post = rest.postForEntity("/api/clauses/" + ClauseTestTypes.LOCKED + "/versions",
                json(body(clock.today().toString(), "x")), String.class);
        assertThat(post.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(library.history(ClauseTestTypes.LOCKED)).isEmpty();
    }

    @Test
    void listsEveryClauseTypeWithTheVersionInForce() throws Exception {
        JsonNode clauses = getJson("zhangwei", "/api/clauses", HttpStatus.OK);

        JsonNode ip = find(clauses, "IP_OWNERSHIP", "code");
        assertThat(ip.path("name").asText()).isEqualTo("知识产权归属 IP ownership");
        assertThat(ip.path("locked").asBoolean()).isTrue();
        assertThat(ip.path("appliesToAll").asBoolean()).isTrue();
        assertThat(ip.path("latest").path("version").asInt()).isEqualTo(library.latest("IP_OWNERSHIP").version()).isGreaterThanOrEqualTo(2);
        assertThat(ip.path("latest").path("text").asText()).isEqualTo(library.latest("IP_OWNERSHIP").text());
        assertThat(find(clauses, "ENVIRONMENTAL", "code").path("locked").asBoolean()).isTrue();
        assertThat(find(clauses, "ENVIRONMENTAL", "code").path("appliesToAll").asBoolean()).isFalse();
        assertThat(find(clauses, "PAYMENT_TERMS", "code").path("locked").asBoolean()).isFalse();
        assertThat(find(clauses, ClauseTestTypes.OPEN, "code").has("latest")).as("no version yet").isFalse();
    }

    @Test
    void readsTheWholeHistoryOfALockedClauseOldestFirst() throws Exception {
        JsonNode history = getJson("lina", "/api/clauses/IP_OWNERSHIP/versions", HttpStatus.OK);

        assertThat(history.size()).isGreaterThanOrEqualTo(2);
        assertThat(history.get(0).path("version").asInt()).isEqualTo(1);
        assertThat(history.get(0).path("effectiveDate").asText()).isEqualTo("2024-01-01");
        assertThat(history.get(0).path("text").asText()).contains("知识产权归买方所有");
        assertThat(history.get(1).path("version").asInt()).isEqualTo(2);
        assertThat(history.get(1).path("locked").asBoolean()).isTrue();
        assertThat(getJson("lina", "/api/clauses/IP_OWNERSHIP/versions/1", HttpStatus.OK)).isEqualTo(history.get(0));
        assertThat(getJson("lina", "/api/clauses/NO_SUCH/versions", HttpStatus.NOT_FOUND).path("detail").asText()).contains("NO_SUCH");
        getJson("lina", "/api/clauses/IP_OWNERSHIP/versions/9999", HttpStatus.NOT_FOUND);
    }

    // --- publishing ---

    @Test
    void legalPublishesAVersionAnd201PointsAtIt() throws Exception {
        String text = "一、卖方保证所供产品符合国家环保标准。";
        ResponseEntity<String> response = post("zhoujie", ClauseTestTypes.LOCKED, body(clock.today().toString(), text));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode created = JSON.readTree(response.getBody());
        assertThat(created.path("version").asInt()).isEqualTo(1);
        assertThat(created.path("typeCode").asText()).isEqualTo(ClauseTestTypes.LOCKED);
        assertThat(created.path("text").asText()).isEqualTo(text);
        assertThat(created.path("publishedBy").asText()).isEqualTo("zhoujie");
        assertThat(created.path("locked").asBoolean()).isTrue();
        assertThat(response.getHeaders().getLocation()).hasToString("/api/clauses/TEST_LOCKED/versions/1");
        assertThat(getJson("zhangwei", "/api/clauses/TEST_LOCKED/versions/1", HttpStatus.OK)).isEqualTo(created);

        ResponseEntity<String> second = post("zhoujie", ClauseTestTypes.LOCKED, body(clock.today().toString(), "第二版"));
        assertThat(JSON.readTree(second.getBody()).path("version").asInt()).isEqualTo(2);
        assertThat(getJson("zhoujie", "/api/clauses/TEST_LOCKED/versions/1", HttpStatus.OK)).as("v1 unchanged").isEqualTo(created);
    }

    @Test
    void aScheduledVersionIsListedAsScheduledUntilItsDateAndThenAsLatest() throws Exception {
        post("zhoujie", ClauseTestTypes.OPEN, body(clock.today().toString(), "现行 current"));
        post("zhoujie", ClauseTestTypes.OPEN, body(clock.today().plusDays(14).toString(), "两周后 in two weeks"));

        JsonNode open = find(getJson("zhoujie", "/api/clauses", HttpStatus.OK), ClauseTestTypes.OPEN, "code");
        assertThat(open.path("latest").path("version").asInt()).isEqualTo(1);
        assertThat(open.path("scheduled")).hasSize(1);
        assertThat(open.path("scheduled").get(0).path("version").asInt()).isEqualTo(2);

        LocalDate later = clock.today().plusDays(14);
        ClockUtil.setCurrentTime(Date.from(later.atTime(LocalTime.of(9, 0)).atZone(clock.zone()).toInstant()));
        open = find(getJson("zhoujie", "/api/clauses", HttpStatus.OK), ClauseTestTypes.OPEN, "code");
        assertThat(open.path("latest").path("version").asInt()).isEqualTo(2);
        assertThat(open.path("scheduled")).isEmpty();
    }

    @Test
    void everyoneButLegalGets403NamingTheRuleAndNothingIsStored() throws Exception {
        for (String user : List.of("zhangwei", "limin", "wanglei", "wufang", "admin")) {
            ResponseEntity<String> response = post(user, ClauseTestTypes.LOCKED, body(clock.today().toString(), "越权 not legal"));

            assertThat(response.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(JSON.readTree(response.getBody()).path("detail").asText()).as(user).contains("legal", "法务");
        }
        assertThat(library.history(ClauseTestTypes.LOCKED)).isEmpty();
    }

    @Test
    void invalidInputIs400NamingEveryFieldAndNothingIsStored() throws Exception {
        JsonNode problem = JSON.readTree(post("zhoujie", ClauseTestTypes.LOCKED,
                body(clock.today().minusDays(1).toString(), "  ")).getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(errors(problem)).containsExactly(tuple("effectiveDate", "not-in-past"), tuple("text", "required"));

        Map<String, Object> none = new LinkedHashMap<>();
        assertThat(errors(JSON.readTree(post("zhoujie", "NO_SUCH", none).getBody()))).containsExactly(
                tuple("typeCode", "known-type"), tuple("effectiveDate", "required"), tuple("text", "required"));

        assertThat(errors(JSON.readTree(post("zhoujie", ClauseTestTypes.LOCKED,
                body(clock.today().toString(), "长".repeat(20_001))).getBody()))).containsExactly(tuple("text", "max-length"));

        ResponseEntity<String> badDate = post("zhoujie", ClauseTestTypes.LOCKED, body("2027-02-30", "x"));
        assertThat(badDate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(JSON.readTree(badDate.getBody()))).containsExactly(tuple("effectiveDate", "type"));

        Map<String, Object> unknownField = body(clock.today().toString(), "x");
        unknownField.put("version", 7);
        assertThat(errors(JSON.readTree(post("zhoujie", ClauseTestTypes.LOCKED, unknownField).getBody())))
                .containsExactly(tuple("version", "known-field"));

        assertThat(library.history(ClauseTestTypes.LOCKED)).isEmpty();
    }

    private JsonNode getJson(String user, String path, HttpStatus expected) throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as("GET " + path + ": " + response.getBody()).isEqualTo(expected);
        return JSON.readTree(response.getBody());
    }

    private ResponseEntity<String> post(String user, String type, Map<String, Object> body) {
        return rest.withBasicAuth(user, user).exchange("/api/clauses/" + type + "/versions", HttpMethod.POST, json(body), String.class);
    }

    private static HttpEntity<Map<String, Object>> json(Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static Map<String, Object> body(String effectiveDate, String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("effectiveDate", effectiveDate);
        body.put("text", text);
        return body;
    }

    private static JsonNode find(JsonNode array, String value) {
        return find(array, value, "model");
    }

    private static JsonNode find(JsonNode array, String value, String field) {
        for (JsonNode n : array) {
            if (n.path(field).asText().equals(value)) {
                return n;
            }
        }
        throw new AssertionError(field + " " + value + " not in " + array);
    }

    private static List<org.assertj.core.groups.Tuple> errors(JsonNode problem) {
        List<org.assertj.core.groups.Tuple> errors = new ArrayList<>();
        problem.path("errors").forEach(e -> errors.add(tuple(e.path("field").asText(), e.path("rule").asText())));
        return errors;
    }
}
