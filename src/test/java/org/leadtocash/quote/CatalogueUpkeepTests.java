package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.quote.CatalogueUpkeepProcesses.ClauseTypes;
import org.leadtocash.quote.CatalogueUpkeepProcesses.Products;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Catalogue upkeep without SQL (issue 10, issue 11 change 7): the catalogue owner (regional-director) keeps products
 * over {@code /api/catalogue/products} and the Tasklist start form; legal adds clause types (locked or not, required
 * by some products) and publishes a product's own texts. A quote carries, per product, the version in force for that
 * product. Test products are TEST-…, test clause types TEST_…; both are removed after each test.
 */
@AppTest
class CatalogueUpkeepTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DIRECTOR = "wanglei";
    private static final String LEGAL_USER = "zhoujie";

    @Autowired TestRestTemplate rest;
    @Autowired JdbcClient jdbc;
    @Autowired QuoteTestSupport support;
    @Autowired Quotes quotes;
    @Autowired ClauseLibrary library;

    @BeforeEach
    void setUp() {
        support.reset();
        clean();
    }

    @AfterEach
    void tearDown() {
        support.reset();
        clean();
    }

    private void clean() {
        jdbc.sql("DELETE FROM clause_version WHERE product_model IS NOT NULL").update();
        ClauseTestTypes.drop(jdbc);
        jdbc.sql("DELETE FROM product_clause_type WHERE product_model LIKE 'TEST-%'").update();
        jdbc.sql("DELETE FROM product WHERE model LIKE 'TEST-%'").update();
    }

    // --- products ---

    @Test
    void theCatalogueOwnerAddsChangesAndRetiresAProductOverTheApi() throws Exception {
        ResponseEntity<String> added = send(DIRECTOR, HttpMethod.POST, "/api/catalogue/products",
                Map.of("model", "TEST-P1", "name", "测试模具 Test mould", "unitPriceCny", 1000.5, "vatRate", 0.13));
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(added.getHeaders().getLocation()).hasToString("/api/catalogue/products/TEST-P1");
        assertThat(row("TEST-P1")).containsEntry("name", "测试模具 Test mould").containsEntry("active", true);
        assertThat((java.math.BigDecimal) row("TEST-P1").get("unit_price_cny")).isEqualByComparingTo("1000.50");

        ResponseEntity<String> changed = send(DIRECTOR, HttpMethod.PUT, "/api/catalogue/products/TEST-P1",
                Map.of("unitPriceCny", 980, "vatRate", 0.09));
        assertThat(changed.getStatusCode()).as(changed.getBody()).isEqualTo(HttpStatus.OK);
        assertThat((java.math.BigDecimal) row("TEST-P1").get("unit_price_cny")).isEqualByComparingTo("980.00");
        assertThat((java.math.BigDecimal) row("TEST-P1").get("vat_rate")).isEqualByComparingTo("0.09");
        assertThat(row("TEST-P1")).as("a field left out keeps its value").containsEntry("name", "测试模具 Test mould");

        ResponseEntity<String> retired = send(DIRECTOR, HttpMethod.POST, "/api/catalogue/products/TEST-P1/retire", Map.of());
        assertThat(retired.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(row("TEST-P1")).containsEntry("active", false);
        assertThat(JSON.readTree(get("/api/catalogue/products/TEST-P1")).path("active").asBoolean()).isFalse();
    }

    @Test
    void anyoneButTheCatalogueOwnerGets403AndBadInputIs400NamingFieldAndRule() throws Exception {
        for (String user : List.of(LEGAL_USER, "zhangwei", "limin")) {
            ResponseEntity<String> refused = send(user, HttpMethod.POST, "/api/catalogue/products",
                    Map.of("model", "TEST-P2", "name", "越权", "unitPriceCny", 1, "vatRate", 0.13));
            assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
        }
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("model", "TEST P3!");
        bad.put("unitPriceCny", -1);
        bad.put("vatRate", 0.10);
        JsonNode problem = JSON.readTree(send(DIRECTOR, HttpMethod.POST, "/api/catalogue/products", bad).getBody());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(errors(problem)).containsExactly(tuple("model", "pattern"), tuple("name", "required"),
                tuple("unitPriceCny", "not-negative"), tuple("vatRate", "vat-rate"));
        assertThat(errors(JSON.readTree(send(DIRECTOR, HttpMethod.POST, "/api/catalogue/products",
                Map.of("model", "JM-200", "name", "重复", "unitPriceCny", 1, "vatRate", 0.13)).getBody())))
                .containsExactly(tuple("model", "unique"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM product WHERE model LIKE 'TEST%'").query(Integer.class).single()).isZero();
    }

    @Test
    void theCatalogueOwnerAddsAProductFromTheTasklistStartFormAndOthersAreRefused() {
        Map<String, Object> form = new HashMap<>();
        form.put(Products.MODEL, "TEST-P4");
        form.put(Products.NAME, "测试网关 Test gateway");
        form.put(Products.UNIT_PRICE_CNY, 4999.5);
        form.put(Products.VAT_RATE, "0.13");
        form.put(Products.ACTIVE, true);

        assertThatThrownBy(() -> startByFormAs(LEGAL_USER, List.of(Groups.LEGAL), Products.KEY, form))
                .isInstanceOf(org.camunda.bpm.engine.AuthorizationException.class);
        // a sales manager may start any process (Cockpit, Tasklist) but is no catalogue owner
        assertThatThrownBy(() -> startByFormAs("limin", List.of(Groups.SALES_MANAGER), Products.KEY, form))
                .satisfies(e -> assertThat(messages(e)).contains("regional-director"));
        assertThat(jdbc.sql("SELECT COUNT(*) FROM product WHERE model = 'TEST-P4'").query(Integer.class).single()).isZero();
        var pi = startByFormAs(DIRECTOR, List.of(Groups.REGIONAL_DIRECTOR), Products.KEY, form);

        assertThat(pi).isEnded().hasPassed(Products.TASK_SAVE);
        assertThat(row("TEST-P4")).containsEntry("name", "测试网关 Test gateway").containsEntry("active", true);
        assertThat((java.math.BigDecimal) row("TEST-P4").get("unit_price_cny")).isEqualByComparingTo("4999.50");
    }

    // --- clause types and per-product texts ---

    @Test
    void aLockedClauseTypeLegalAddsForOneProductIsCarriedByThatProductsQuoteOnly() throws Exception {
        ResponseEntity<String> added = send(LEGAL_USER, HttpMethod.POST, "/api/catalogue/clause-types", Map.of(
                "code", "TEST_DATA_SECURITY", "name", "数据安全条款 Data security", "locked", true, "requiredFor", List.of("GW-100")));
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(JSON.readTree(added.getBody()).path("requiredFor").toString()).isEqualTo("[\"GW-100\"]");
        ResponseEntity<String> text = send(LEGAL_USER, HttpMethod.POST, "/api/catalogue/clause-types/TEST_DATA_SECURITY/versions",
                Map.of("effectiveDate", TestData.today().toString(), "text", "一、卖方对网关采集的数据依法保密。"));
        assertThat(text.getStatusCode()).as(text.getBody()).isEqualTo(HttpStatus.CREATED);

        Quote gateway = quotes.get(support.start("zhangwei", QuoteTestSupport.request(support.customerOf("zhangwei"), "KA",
                TestData.today().plusDays(30), "GW-100", 1)).quoteId());
        Quote mould = quotes.get(support.start("zhangwei", QuoteTestSupport.request(support.customerOf("zhangwei"), "KA",
                TestData.today().plusDays(30), "JM-200", 1)).quoteId());

        assertThat(gateway.clauses()).filteredOn(c -> c.typeCode().equals("TEST_DATA_SECURITY")).singleElement()
                .satisfies(c -> {
                    assertThat(c.locked()).isTrue();
                    assertThat(c.text()).isEqualTo("一、卖方对网关采集的数据依法保密。");
                });
        assertThat(mould.clauses()).extracting(AttachedClause::typeCode).doesNotContain("TEST_DATA_SECURITY");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM quote_clause WHERE quote_id = ? AND type_code = 'TEST_DATA_SECURITY' AND locked")
                .param(gateway.id()).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void legalAddsAClauseTypeFromTheTasklistStartFormNamingBadFields() {
        Map<String, Object> form = new HashMap<>();
        form.put(ClauseTypes.CODE, "test_export");
        form.put(ClauseTypes.NAME, "出口管制条款 Export control");
        form.put(ClauseTypes.LOCKED, true);
        form.put(ClauseTypes.APPLIES_TO_ALL, false);
        form.put(ClauseTypes.ACTIVE, true);
        form.put(ClauseTypes.REQUIRED_FOR, "JM-350E， GW-100");

        var pi = startByFormAs(LEGAL_USER, List.of(Groups.LEGAL), ClauseTypes.KEY, form);

        assertThat(pi).isEnded().hasPassed(ClauseTypes.TASK_SAVE);
        ClauseType type = library.type("TEST_EXPORT");
        assertThat(type.locked()).isTrue();
        assertThat(type.name()).isEqualTo("出口管制条款 Export control");
        assertThat(library.requiringProducts("TEST_EXPORT")).containsExactly("GW-100", "JM-350E");

        form.put(ClauseTypes.CODE, "TEST-BAD");
        form.put(ClauseTypes.REQUIRED_FOR, "NO-SUCH-PRODUCT");
        assertThatThrownBy(() -> startByFormAs(LEGAL_USER, List.of(Groups.LEGAL), ClauseTypes.KEY, form))
                .satisfies(e -> assertThat(messages(e)).contains("code", "pattern", "requiredFor", "known-product", "NO-SUCH-PRODUCT"));
        form.put(ClauseTypes.CODE, "TEST_DIRECTOR");
        form.put(ClauseTypes.REQUIRED_FOR, "");
        assertThatThrownBy(() -> startByFormAs(DIRECTOR, List.of(Groups.REGIONAL_DIRECTOR), ClauseTypes.KEY, form))
                .satisfies(e -> assertThat(messages(e)).contains("legal", "法务"));
        assertThat(library.types()).extracting(ClauseType::code).doesNotContain("TEST_DIRECTOR", "TEST-BAD");
    }

    @Test
    void legalAddsAndRemovesOneProductOverTheApiAndTheOtherProductsKeepTheClause() throws Exception {
        ResponseEntity<String> added = send(LEGAL_USER, HttpMethod.POST, "/api/catalogue/clause-types", Map.of(
                "code", "TEST_PRIVACY", "name", "隐私条款 Privacy", "locked", true, "requiredFor", List.of("GW-100", "JM-200")));
        assertThat(added.getStatusCode()).as(added.getBody()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> one = send(LEGAL_USER, HttpMethod.POST, "/api/catalogue/clause-types/TEST_PRIVACY/required-for/JM-350E", null);
        assertThat(one.getStatusCode()).as(one.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(one.getBody()).path("requiredFor").toString()).isEqualTo("[\"GW-100\",\"JM-200\",\"JM-350E\"]");
        assertThat(library.requiringProducts("TEST_PRIVACY")).containsExactly("GW-100", "JM-200", "JM-350E");
        // adding it again changes nothing
        assertThat(send(LEGAL_USER, HttpMethod.POST, "/api/catalogue/clause-types/TEST_PRIVACY/required-for/JM-350E", null)
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<String> removed = send(LEGAL_USER, HttpMethod.DELETE, "/api/catalogue/clause-types/TEST_PRIVACY/required-for/JM-200", null);
        assertThat(removed.getStatusCode()).as(removed.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(library.requiringProducts("TEST_PRIVACY")).containsExactly("GW-100", "JM-350E");
        assertThat(library.type("TEST_PRIVACY").locked()).isTrue();

        ResponseEntity<String> unknown = send(LEGAL_USER, HttpMethod.POST, "/api/catalogue/clause-types/TEST_PRIVACY/required-for/NO-SUCH", null);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(JSON.readTree(unknown.getBody()))).containsExactly(tuple("model", "known-product"));
        assertThat(send(DIRECTOR, HttpMethod.POST, "/api/catalogue/clause-types/TEST_PRIVACY/required-for/JM-200", null)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(send(LEGAL_USER, HttpMethod.DELETE, "/api/catalogue/clause-types/TEST_NONE/required-for/JM-200", null)
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(library.requiringProducts("TEST_PRIVACY")).containsExactly("GW-100", "JM-350E");

        // PUT is a full replacement when it names requiredFor, and leaves the list alone when it does not
        assertThat(send(LEGAL_USER, HttpMethod.PUT, "/api/catalogue/clause-types/TEST_PRIVACY", Map.of("name", "隐私条款 Privacy v2"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(library.requiringProducts("TEST_PRIVACY")).containsExactly("GW-100", "JM-350E");
    }

    @Test
    void theTasklistFormAddsAndRemovesProductsAndKeepsWhatItLeavesOnKeep() {
        Map<String, Object> create = new HashMap<>();
        create.put(ClauseTypes.CODE, "TEST_EXPORT");
        create.put(ClauseTypes.NAME, "出口管制条款 Export control");
        create.put(ClauseTypes.LOCKED, "true");
        create.put(ClauseTypes.APPLIES_TO_ALL, ClauseTypes.KEEP);
        create.put(ClauseTypes.ACTIVE, ClauseTypes.KEEP);
        create.put(ClauseTypes.REQUIRED_FOR_ADD, "GW-100, JM-200");
        startByFormAs(LEGAL_USER, List.of(Groups.LEGAL), ClauseTypes.KEY, create);
        ClauseType type = library.type("TEST_EXPORT");
        assertThat(type.locked()).isTrue();
        assertThat(type.appliesToAll()).isFalse();
        assertThat(type.active()).isTrue();
        assertThat(library.requiringProducts("TEST_EXPORT")).containsExactly("GW-100", "JM-200");

        // legal adds one product and removes another, as the form submits it: empty name, flags on keep
        Map<String, Object> change = new HashMap<>();
        change.put(ClauseTypes.CODE, "TEST_EXPORT");
        change.put(ClauseTypes.NAME, null);
        change.put(ClauseTypes.LOCKED, ClauseTypes.KEEP);
        change.put(ClauseTypes.APPLIES_TO_ALL, ClauseTypes.KEEP);
        change.put(ClauseTypes.ACTIVE, ClauseTypes.KEEP);
        change.put(ClauseTypes.REQUIRED_FOR_ADD, "JM-350E");
        change.put(ClauseTypes.REQUIRED_FOR_REMOVE, "JM-200");
        startByFormAs(LEGAL_USER, List.of(Groups.LEGAL), ClauseTypes.KEY, change);

        assertThat(library.requiringProducts("TEST_EXPORT")).containsExactly("GW-100", "JM-350E");
        ClauseType kept = library.type("TEST_EXPORT");
        assertThat(kept.name()).isEqualTo("出口管制条款 Export control");
        assertThat(kept.locked()).isTrue();
        assertThat(kept.active()).isTrue();

        change.put(ClauseTypes.REQUIRED_FOR_ADD, "NO-SUCH");
        change.put(ClauseTypes.REQUIRED_FOR_REMOVE, "");
        assertThatThrownBy(() -> startByFormAs(LEGAL_USER, List.of(Groups.LEGAL), ClauseTypes.KEY, change))
                .satisfies(e -> assertThat(messages(e)).contains(ClauseTypes.REQUIRED_FOR_ADD, "known-product", "NO-SUCH"));
        assertThat(library.requiringProducts("TEST_EXPORT")).containsExactly("GW-100", "JM-350E");

        Map<String, Object> newWithoutLock = new HashMap<>(change);
        newWithoutLock.put(ClauseTypes.CODE, "TEST_NEW");
        newWithoutLock.put(ClauseTypes.NAME, "新条款 New");
        newWithoutLock.put(ClauseTypes.REQUIRED_FOR_ADD, "");
        assertThatThrownBy(() -> startByFormAs(LEGAL_USER, List.of(Groups.LEGAL), ClauseTypes.KEY, newWithoutLock))
                .satisfies(e -> assertThat(messages(e)).contains("locked", "required"));
    }

    @Test
    void theDeployedClauseTypeFormAddsAndRemovesAndNoLongerReplacesTheList() throws Exception {
        JsonNode form = JSON.readTree(new java.io.File("forms/clause-type.form"));
        List<String> keys = new ArrayList<>();
        form.path("components").forEach(c -> keys.add(c.path("key").asText()));
        assertThat(keys).contains(ClauseTypes.REQUIRED_FOR_ADD, ClauseTypes.REQUIRED_FOR_REMOVE).doesNotContain(ClauseTypes.REQUIRED_FOR);
        for (String flag : List.of(ClauseTypes.LOCKED, ClauseTypes.APPLIES_TO_ALL, ClauseTypes.ACTIVE)) {
            JsonNode field = java.util.stream.StreamSupport.stream(form.path("components").spliterator(), false)
                    .filter(c -> c.path("key").asText().equals(flag)).findFirst().orElseThrow();
            assertThat(field.path("defaultValue").asText()).as(flag).isEqualTo(ClauseTypes.KEEP);
        }
    }

    @Test
    void aProductsOwnTextIsAttachedForThatProductAndTheDefaultForTheOthers() throws Exception {
        ClauseVersion defaultText = library.latest("TECHNICAL_AGREEMENT");
        ResponseEntity<String> own = send(LEGAL_USER, HttpMethod.POST, "/api/catalogue/clause-types/TECHNICAL_AGREEMENT/versions",
                Map.of("productModel", "JM-200", "effectiveDate", TestData.today().toString(), "text", "JM-200专用技术协议：精度±0.01mm。"));
        assertThat(own.getStatusCode()).as(own.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(JSON.readTree(own.getBody()).path("productModel").asText()).isEqualTo("JM-200");

        Quotes.Started started = support.start("zhangwei", QuoteTestSupport.request(support.customerOf("zhangwei"), "KA",
                TestData.today().plusDays(30), "JM-200", 1, "SAAS-QT", 1));
        Quote quote = quotes.get(started.quoteId());

        List<String> technical = new ArrayList<>();
        quote.clauses().stream().filter(c -> c.typeCode().equals("TECHNICAL_AGREEMENT"))
                .forEach(c -> technical.add(c.productModel() + ":" + c.text()));
        assertThat(technical).containsExactly("null:" + defaultText.text(), "JM-200:JM-200专用技术协议：精度±0.01mm。");
        assertThat(library.latest("TECHNICAL_AGREEMENT")).as("the default text is unchanged").isEqualTo(defaultText);
        // the clause lock tells the two texts of one type apart: the rep's unchanged edit is no clause change
        support.editUnchanged(started.processInstanceId(), "zhangwei");
        assertThat(support.count("SELECT COUNT(*) FROM clause_tamper_attempt")).isZero();

        JsonNode unknownProduct = JSON.readTree(send(LEGAL_USER, HttpMethod.POST,
                "/api/catalogue/clause-types/TECHNICAL_AGREEMENT/versions",
                Map.of("productModel", "NO-SUCH", "effectiveDate", TestData.today().toString(), "text", "x")).getBody());
        assertThat(errors(unknownProduct)).containsExactly(tuple("productModel", "known-product"));
    }

    // --- helpers ---

    private Map<String, Object> row(String model) {
        return jdbc.sql("SELECT name, unit_price_cny, vat_rate, active FROM product WHERE model = ?").param(model)
                .query((rs, n) -> {
                    Map<String, Object> m = new HashMap<>();
                    m.put("name", rs.getString("name"));
                    m.put("unit_price_cny", rs.getBigDecimal("unit_price_cny"));
                    m.put("vat_rate", rs.getBigDecimal("vat_rate"));
                    m.put("active", rs.getBoolean("active"));
                    return m;
                }).single();
    }

    private String get(String path) {
        ResponseEntity<String> response = rest.withBasicAuth("zhangwei", "zhangwei").getForEntity(path, String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private ResponseEntity<String> send(String user, HttpMethod method, String path, Map<String, ?> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static List<org.assertj.core.groups.Tuple> errors(JsonNode problem) {
        List<org.assertj.core.groups.Tuple> errors = new ArrayList<>();
        problem.path("errors").forEach(e -> errors.add(tuple(e.path("field").asText(), e.path("rule").asText())));
        return errors;
    }
}
