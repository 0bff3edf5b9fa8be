package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/leads} over real HTTP: channel API keys, idempotency, and input validation that names every
 * bad field and rule, stores nothing and never answers 500.
 */
@AppTest
class LeadIntakeApiTests {
    static final String WEBSITE_KEY = "test-website-key-0001";
    static final String TRADE_SHOW_KEY = "test-tradeshow-key-0001";
    static final String PHONE_KEY = "test-phone-key-0001";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEN_KB = "线".repeat(10 * 1024);

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void reset() {
        data.reset();
    }

    // --- accepted leads ---

    @Test
    void storesAValidWebsiteLeadAndStartsRoutingWithTheLeadIdAsBusinessKey() throws Exception {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "250000");

        ResponseEntity<String> response = post(WEBSITE_KEY, body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        JsonNode json = JSON.readTree(response.getBody());
        String leadId = json.path("leadId").asText();
        String processInstanceId = json.path("processInstanceId").asText();
        assertThat(leadId).matches("L\\d{6}-[2-9A-Z]{6}");
        assertThat(processInstanceId).isNotBlank();
        assertThat(json.path("created").asBoolean()).isTrue();
        assertThat(response.getHeaders().getLocation()).hasToString("/api/leads/" + leadId);

        assertThat(data.count("sales_lead")).isEqualTo(1);
        assertThat(data.count("customer")).isEqualTo(1);
        var instance = runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        assertThat(instance).isNotNull();
        assertThat(instance.getBusinessKey()).isEqualTo(leadId);
        assertThat(runtimeService.getVariable(processInstanceId, LeadRoutingProcess.Vars.LEAD_ID)).isEqualTo(leadId);
        assertThat(runtimeService.getVariable(processInstanceId, LeadRoutingProcess.Vars.COMPANY_NAME)).isEqualTo(body.get("companyName"));
        // what the process does not use stays on the lead only: fewer variables, less history per lead
        assertThat(runtimeService.getVariables(processInstanceId)).doesNotContainKeys(LeadRoutingProcess.Vars.CREDIT_CODE,
                LeadRoutingProcess.Vars.EXTERNAL_ID, LeadRoutingProcess.Vars.PRODUCT_INTEREST);
        assertThat(jdbc.sql("SELECT credit_code FROM sales_lead WHERE id = ?").param(leadId).query(String.class).single())
                .isEqualTo(body.get("creditCode"));
    }

    @Test
    void routesTheStoredLeadToARepWhenTheRoutingJobRuns() throws Exception {
        JsonNode created = JSON.readTree(post(WEBSITE_KEY, TestData.leadBody("WEBSITE_FORM", "EAST", "250000")).getBody());
        String processInstanceId = created.path("processInstanceId").asText();

        var job = managementService.createJobQuery().processInstanceId(processInstanceId)
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult();
        managementService.executeJob(job.getId());

        var task = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo(LeadRoutingProcess.Task.FIRST_CONTACT);
        assertThat(task.getAssignee()).isIn("zhangwei", "lina");
    }

    @Test
    void sameSourceAndExternalIdAgainReturnsTheFirstLeadWithoutASecondProcess() throws Exception {
        Map<String, Object> body = TestData.leadBody("TRADE_SHOW_QR", "SOUTH", "80000");
        ResponseEntity<String> first = post(TRADE_SHOW_KEY, body);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        body.put("contactName", "改了名字"); // a channel retry may differ in details; the first lead wins
        ResponseEntity<String> second = post(TRADE_SHOW_KEY, body);

        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode a = JSON.readTree(first.getBody());
        JsonNode b = JSON.readTree(second.getBody());
        assertThat(b.path("leadId").asText()).isEqualTo(a.path("leadId").asText());
        assertThat(b.path("processInstanceId").asText()).isEqualTo(a.path("processInstanceId").asText());
        assertThat(b.path("created").asBoolean()).isFalse();
        assertThat(data.count("sales_lead")).isEqualTo(1);
        assertThat(data.count("customer")).isEqualTo(1);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadRoutingProcess.KEY).count()).isEqualTo(1);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(a.path("leadId").asText()).count())
                .isEqualTo(1);
    }

    @Test
    void theSameLeadPostedConcurrentlyIsStoredAndStartedOnce() throws Exception {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "SOUTH", "120000");
        int requests = 8;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(requests);
        var start = new java.util.concurrent.CountDownLatch(1);
        try {
            List<java.util.concurrent.Future<ResponseEntity<String>>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return post(WEBSITE_KEY, body);
                }));
            }
            start.countDown();
            List<ResponseEntity<String>> responses = new ArrayList<>();
            for (var f : futures) {
                responses.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }

            assertThat(responses).extracting(r -> r.getStatusCode().value()).as(responses.toString()).containsOnly(200, 201);
            assertThat(responses).filteredOn(r -> r.getStatusCode().value() == 201).hasSize(1);
            assertThat(responses.stream().map(r -> {
                try {
                    return JSON.readTree(r.getBody()).path("leadId").asText();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(data.count("sales_lead")).isEqualTo(1);
        assertThat(data.count("customer")).isEqualTo(1);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadRoutingProcess.KEY).count()).isEqualTo(1);
    }

    @Test
    void sameExternalIdFromAnotherChannelIsAnotherLead() {
        Map<String, Object> web = TestData.leadBody("WEBSITE_FORM", "EAST", "1000");
        Map<String, Object> phone = TestData.leadBody("PHONE_CALL", "EAST", "1000");
        phone.put("externalId", web.get("externalId"));

        assertThat(post(WEBSITE_KEY, web).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post(PHONE_KEY, phone).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(data.count("sales_lead")).isEqualTo(2);
    }

    @Test
    void secondLeadOfTheSameCompanySharesOneCustomer() {
        Map<String, Object> first = TestData.leadBody("WEBSITE_FORM", "EAST", "1000");
        Map<String, Object> second = TestData.leadBody("WEBSITE_FORM", "EAST", "2000");
        second.put("creditCode", first.get("creditCode"));

        assertThat(post(WEBSITE_KEY, first).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post(WEBSITE_KEY, second).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(data.count("sales_lead")).isEqualTo(2);
        assertThat(data.count("customer")).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"021-62345678-801", "0755 86012345", "010-12345678", "0571-8765432", "+86 139 1234 5678"})
    void acceptsMainlandLandlinesWithAreaCodeAndExtensionAndMobiles(String phone) {
        Map<String, Object> body = TestData.leadBody("PHONE_CALL", "EAST", "1000");
        body.put("contactPhone", phone);

        ResponseEntity<String> response = post(PHONE_KEY, body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(data.count("sales_lead")).isEqualTo(1);
    }

    @Test
    void acceptsALowerCaseCreditCodeWithSpacesAndStoresItNormalised() throws Exception {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "1000");
        String code = (String) body.get("creditCode");
        body.put("creditCode", code.substring(0, 9).toLowerCase() + " " + code.substring(9));

        ResponseEntity<String> response = post(WEBSITE_KEY, body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String leadId = JSON.readTree(response.getBody()).path("leadId").asText();
        assertThat(jdbc.sql("SELECT credit_code FROM sales_lead WHERE id = ?").param(leadId).query(String.class).single()).isEqualTo(code);
    }

    @Test
    void acceptsBudgetsWithTwoDecimalsAndOptionalProductInterestMissing() {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "NORTH", "88000.50");
        body.remove("productInterest");

        assertThat(post(WEBSITE_KEY, body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void acceptsChineseTextAtTheMaximumLength() {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "1000");
        body.put("companyName", "中".repeat(200));
        body.put("contactName", "张".repeat(50));
        body.put("productInterest", "网".repeat(200));
        body.put("externalId", "x".repeat(100));

        ResponseEntity<String> response = post(WEBSITE_KEY, body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void acceptsRareChineseCharactersThatFitTheColumn() {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "1000");
        body.put("companyName", "𠀀".repeat(100)); // CJK extension B: one character, two UTF-16 code units

        ResponseEntity<String> response = post(WEBSITE_KEY, body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void rareChineseCharactersBeyondTheColumnAreA400NotA500() throws Exception {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "1000");
        body.put("companyName", "𠀀".repeat(200));
        body.put("contactName", "𠀀".repeat(50));

        ResponseEntity<String> response = post(WEBSITE_KEY, body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactlyInAnyOrder(tuple("companyName", "max-length"), tuple("contactName", "max-length"));
        assertNothingStored();
    }

    // --- channel authentication ---

    @Test
    void missingApiKeyIsRejectedWith401AndNothingIsStored() {
        HttpHeaders h = jsonHeaders(null);
        ResponseEntity<String> response = rest.exchange("/api/leads", HttpMethod.POST,
                new HttpEntity<>(json(TestData.leadBody("WEBSITE_FORM", "EAST", "1000")), h), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertNothingStored();
    }

    @ParameterizedTest(name = "key \"{0}\"")
    @ValueSource(strings = {"wrong-key", "test-website-key-000", "test-website-key-00011", "demo-website-key", " "})
    void unknownApiKeyIsRejectedWith401AndNothingIsStored(String key) {
        ResponseEntity<String> response = post(key, TestData.leadBody("WEBSITE_FORM", "EAST", "1000"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertNothingStored();
    }

    @Test
    void userCredentialsInsteadOfAChannelKeyAreRejectedWith401() {
        ResponseEntity<String> response = rest.withBasicAuth("admin", "admin").exchange("/api/leads", HttpMethod.POST,
                new HttpEntity<>(json(TestData.leadBody("WEBSITE_FORM", "EAST", "1000")), jsonHeaders(null)), String.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertNothingStored();
    }

    @Test
    void sourceNotMatchingTheKeysChannelIsRejectedNamingSource() throws Exception {
        ResponseEntity<String> response = post(WEBSITE_KEY, TestData.leadBody("PHONE_CALL", "EAST", "1000"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple("source", "matches-api-key"));
        assertNothingStored();
    }

    // --- validation ---

    static Stream<Arguments> invalidBodies() {
        List<Arguments> cases = new ArrayList<>();
        String valid = TestData.creditCode();
        char wrongCheck = valid.charAt(17) == '0' ? '1' : '0';
        cases.add(invalid("credit code with a wrong check character", b -> b.put("creditCode", valid.substring(0, 17) + wrongCheck),
                "creditCode", "GB 32100-2015"));
        cases.add(invalid("credit code of 17 characters", b -> b.put("creditCode", valid.substring(0, 17)), "creditCode", "GB 32100-2015"));
        cases.add(invalid("credit code of 19 characters", b -> b.put("creditCode", valid + "1"), "creditCode", "GB 32100-2015"));
        cases.add(invalid("credit code with the letter I", b -> b.put("creditCode", withCheck(valid.substring(0, 10) + "I" + valid.substring(11, 17))),
                "creditCode", "GB 32100-2015"));
        cases.add(invalid("credit code with the letter O", b -> b.put("creditCode", withCheck(valid.substring(0, 10) + "O" + valid.substring(11, 17))),
                "creditCode", "GB 32100-2015"));
        cases.add(invalid("credit code with letters in the division code", b -> b.put("creditCode", withCheck("91AB0000MA" + valid.substring(10, 17))),
                "creditCode", "GB 32100-2015"));
        cases.add(invalid("phone 12345", b -> b.put("contactPhone", "12345"), "contactPhone", "cn-phone"));
        cases.add(invalid("phone 1281234567 (12x is no mobile prefix)", b -> b.put("contactPhone", "1281234567"), "contactPhone", "cn-phone"));
        cases.add(invalid("mobile with 12 digits", b -> b.put("contactPhone", "139123456789"), "contactPhone", "cn-phone"));
        cases.add(invalid("landline without area code", b -> b.put("contactPhone", "62345678"), "contactPhone", "cn-phone"));
        cases.add(invalid("phone with letters", b -> b.put("contactPhone", "139-abcd-5678"), "contactPhone", "cn-phone"));
        cases.add(invalid("negative budget", b -> b.put("budgetCny", -5), "budgetCny", "positive"));
        cases.add(invalid("zero budget", b -> b.put("budgetCny", 0), "budgetCny", "positive"));
        cases.add(invalid("zero budget with decimals", b -> b.put("budgetCny", new java.math.BigDecimal("0.00")), "budgetCny", "positive"));
        cases.add(invalid("budget with 3 decimals", b -> b.put("budgetCny", new java.math.BigDecimal("100.123")), "budgetCny", "cents"));
        cases.add(invalid("budget as a string", b -> b.put("budgetCny", "250000"), "budgetCny", "type"));
        cases.add(invalid("budget as a boolean", b -> b.put("budgetCny", true), "budgetCny", "type"));
        cases.add(invalid("budget as an object", b -> b.put("budgetCny", Map.of("amount", 1)), "budgetCny", "type"));
        cases.add(invalid("budget beyond the largest amount", b -> b.put("budgetCny", new java.math.BigDecimal("1000000000000")), "budgetCny", "max"));
        cases.add(invalid("unknown source", b -> b.put("source", "EMAIL"), "source", "one-of"));
        cases.add(invalid("source in lower case", b -> b.put("source", "website_form"), "source", "one-of"));
        cases.add(invalid("unknown region", b -> b.put("region", "WEST"), "region", "one-of"));
        cases.add(invalid("region as a number", b -> b.put("region", 1), "region", "type"));
        cases.add(invalid("company name as an array", b -> b.put("companyName", List.of("a", "b")), "companyName", "type"));
        cases.add(invalid("company name of one character", b -> b.put("companyName", "甲"), "companyName", "min-length"));
        cases.add(invalid("contact name with a control character", b -> b.put("contactName", "张\u0000三"), "contactName", "no-control-characters"));
        for (String field : List.of("externalId", "source", "companyName", "creditCode", "contactName", "contactPhone", "region", "budgetCny")) {
            cases.add(invalid("missing " + field, b -> b.remove(field), field, "required"));
            cases.add(invalid("null " + field, b -> b.put(field, null), field, "required"));
        }
        for (String field : List.of("externalId", "companyName", "creditCode", "contactName", "contactPhone")) {
            cases.add(invalid("blank " + field, b -> b.put(field, "   "), field, "required"));
        }
        for (String field : List.of("externalId", "source", "companyName", "creditCode", "contactName", "contactPhone", "region",
                "productInterest")) {
            cases.add(invalid("10 kB " + field, b -> b.put(field, TEN_KB), field, "max-length"));
        }
        cases.add(invalid("unknown extra field", b -> b.put("discount", "30%"), "discount", "known-field"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void rejectsInvalidInputWith400NamingTheFieldAndRuleAndStoresNothing(String name, Consumer<Map<String, Object>> change,
                                                                          String field, String rule) throws Exception {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "250000");
        change.accept(body);

        ResponseEntity<String> response = post(WEBSITE_KEY, body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple(field, rule));
        assertThat(errors(response).get(0).path("message").asText()).isNotBlank();
        assertNothingStored();
    }

    @Test
    void tenKilobyteStringsInEveryTextFieldAreAllReportedTogether() throws Exception {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "250000");
        List<String> textFields = List.of("externalId", "source", "companyName", "creditCode", "contactName", "contactPhone", "region",
                "productInterest");
        textFields.forEach(f -> body.put(f, TEN_KB));

        ResponseEntity<String> response = post(WEBSITE_KEY, body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactlyInAnyOrderElementsOf(textFields.stream().map(f -> tuple(f, "max-length")).toList());
        assertThat(response.getBody()).doesNotContain(TEN_KB.substring(0, 100)); // the input is not echoed back
        assertNothingStored();
    }

    @Test
    void severalBadFieldsAreReportedTogetherEachWithItsRule() throws Exception {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "250000");
        String code = (String) body.get("creditCode");
        body.put("creditCode", code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0'));
        body.put("contactPhone", "12345");
        body.put("budgetCny", -1);
        body.put("region", "WEST");
        body.remove("companyName");
        body.put("hack", "x");

        ResponseEntity<String> response = post(WEBSITE_KEY, body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactlyInAnyOrder(tuple("creditCode", "GB 32100-2015"), tuple("contactPhone", "cn-phone"),
                        tuple("budgetCny", "positive"), tuple("region", "one-of"), tuple("companyName", "required"),
                        tuple("hack", "known-field"));
        String detail = JSON.readTree(response.getBody()).path("detail").asText();
        assertThat(detail).contains("creditCode", "contactPhone", "budgetCny", "region", "companyName", "hack");
        assertNothingStored();
    }

    static Stream<Arguments> unreadableBodies() {
        return Stream.of(
                Arguments.of("malformed JSON", "{\"externalId\": \"x\", \"source\": "),
                Arguments.of("trailing comma", "{\"externalId\": \"x\",}"),
                Arguments.of("single quotes", "{'externalId': 'x'}"),
                Arguments.of("JSON array body", "[{\"externalId\": \"x\"}]"),
                Arguments.of("JSON string body", "\"lead\""),
                Arguments.of("JSON number body", "42"),
                Arguments.of("JSON null body", "null"),
                Arguments.of("empty body", ""),
                Arguments.of("whitespace body", "   "),
                Arguments.of("budget overflowing a double", "{\"externalId\":\"x\",\"source\":\"WEBSITE_FORM\",\"companyName\":\"甲乙公司\","
                        + "\"creditCode\":\"" + TestData.creditCode() + "\",\"contactName\":\"张三\",\"contactPhone\":\"13912345678\","
                        + "\"region\":\"EAST\",\"budgetCny\":1e400}"),
                Arguments.of("budget NaN", "{\"budgetCny\": NaN}"),
                Arguments.of("number with 2000 digits", "{\"budgetCny\": " + "9".repeat(2000) + "}"),
                Arguments.of("deeply nested", "{\"companyName\": " + "[".repeat(5000) + "]".repeat(5000) + "}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unreadableBodies")
    void rejectsBodiesThatAreNoJsonObjectWith400AndStoresNothing(String name, String body) throws Exception {
        ResponseEntity<String> response = postRaw(WEBSITE_KEY, "application/json", body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).isNotEmpty();
        assertThat(errors(response)).allSatisfy(e -> assertThat(e.path("field").asText()).isNotBlank());
        assertNothingStored();
    }

    @Test
    void budgetBeyondDoubleRangeIsNamedAsATypeError() throws Exception {
        String body = json(TestData.leadBody("WEBSITE_FORM", "EAST", "1000")).replaceFirst("\"budgetCny\":[0-9.]+", "\"budgetCny\":1e400");

        ResponseEntity<String> response = postRaw(WEBSITE_KEY, "application/json", body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple("budgetCny", "type"));
        assertNothingStored();
    }

    @Test
    void malformedJsonIsNamedAsTheBody() throws Exception {
        ResponseEntity<String> response = postRaw(WEBSITE_KEY, "application/json", "{\"externalId\": ");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple("body", "json"));
    }

    @Test
    void jsonArrayBodyIsNamedAsTheBody() throws Exception {
        ResponseEntity<String> response = postRaw(WEBSITE_KEY, "application/json", json(List.of(TestData.leadBody("WEBSITE_FORM", "EAST", "1000"))));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple("body", "json-object"));
        assertNothingStored();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml"})
    void rejectsAWrongContentTypeWith415AndStoresNothing(String contentType) {
        ResponseEntity<String> response = postRaw(WEBSITE_KEY, contentType, json(TestData.leadBody("WEBSITE_FORM", "EAST", "1000")));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertNothingStored();
    }

    @Test
    void rejectsAMissingContentTypeWith415() {
        HttpHeaders h = new HttpHeaders();
        h.set("X-Api-Key", WEBSITE_KEY);
        ResponseEntity<String> response = rest.exchange("/api/leads", HttpMethod.POST,
                new HttpEntity<>(json(TestData.leadBody("WEBSITE_FORM", "EAST", "1000")).getBytes(java.nio.charset.StandardCharsets.UTF_8), h),
                String.class);

        assertThat(response.getStatusCode().value()).isIn(400, 415);
        assertNothingStored();
    }

    // --- helpers ---

    private static Arguments invalid(String name, Consumer<Map<String, Object>> change, String field, String rule) {
        return Arguments.of(name, change, field, rule);
    }

    private static String withCheck(String first17) {
        // a correct check character for whatever the first 17 are, so only the broken rule under test fails
        int sum = 0;
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        String charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (int i = 0; i < 17; i++) {
            sum += Math.max(0, charset.indexOf(first17.charAt(i))) * weights[i];
        }
        int check = 31 - sum % 31;
        return first17 + charset.charAt(check == 31 ? 0 : check);
    }

    private void assertNothingStored() {
        assertThat(data.count("sales_lead")).as("rows in sales_lead").isZero();
        assertThat(data.count("customer")).as("rows in customer").isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(LeadRoutingProcess.KEY).count())
                .as("lead routing instances").isZero();
    }

    private ResponseEntity<String> post(String key, Map<String, Object> body) {
        return postRaw(key, "application/json", json(body));
    }

    private ResponseEntity<String> postRaw(String key, String contentType, String body) {
        HttpHeaders h = new HttpHeaders();
        h.set(HttpHeaders.CONTENT_TYPE, contentType);
        h.set(HttpHeaders.ACCEPT, "application/json, application/problem+json");
        if (key != null) {
            h.set("X-Api-Key", key);
        }
        return rest.exchange("/api/leads", HttpMethod.POST, new HttpEntity<>(body, h), String.class);
    }

    private static HttpHeaders jsonHeaders(String key) {
        HttpHeaders h = new HttpHeaders();
        h.set(HttpHeaders.CONTENT_TYPE, "application/json");
        if (key != null) {
            h.set("X-Api-Key", key);
        }
        return h;
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<JsonNode> errors(ResponseEntity<String> response) throws Exception {
        JsonNode errors = JSON.readTree(response.getBody()).path("errors");
        assertThat(errors.isArray()).as("errors array in " + response.getBody()).isTrue();
        List<JsonNode> list = new ArrayList<>();
        errors.forEach(list::add);
        return list;
    }
}
