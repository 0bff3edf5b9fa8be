package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.quote.QuoteTestSupport.JSON;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import org.leadtocash.support.TestData;

/** {@code /api/quotes} over real HTTP: start with several lines, read, edit (prices and date only), the PDF in one action. */
@AppTest
class QuoteApiTests {
    @Autowired TestRestTemplate rest;
    @Autowired QuoteTestSupport support;
    @Autowired RuntimeService runtimeService;
    @Autowired ClauseLibrary library;
    @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @BeforeEach
    void setUp() {
        support.reset();
    }

    @AfterEach
    void tearDown() {
        support.reset();
        ClauseTestTypes.drop(jdbc);
    }

    @Test
    void postStartsTheProcessWithCatalogueLinesTierRebateAndTheLatestClauses() throws Exception {
        String customer = support.customerOf("zhangwei", "COMMUNITY");
        Map<String, Object> body = body(customer, "COMMUNITY", TestData.today().plusDays(40),
                List.of(line("JM-350E", 1), line("IN-01", 2), line("SV-MR12", 1)));

        ResponseEntity<String> response = post("zhangwei", "/api/quotes", body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode started = JSON.readTree(response.getBody());
        String quoteId = started.path("quoteId").asText();
        assertThat(quoteId).matches("Q\\d{6}-[2-9A-Z]{6}");
        assertThat(response.getHeaders().getLocation()).hasToString("/api/quotes/" + quoteId);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(started.path("processInstanceId").asText())
                .singleResult().getBusinessKey()).isEqualTo(quoteId);

        JsonNode quote = JSON.readTree(get("zhangwei", "/api/quotes/" + quoteId).getBody());
        assertThat(quote.path("repId").asText()).isEqualTo("zhangwei");
        assertThat(quote.path("customerTier").asText()).isEqualTo("COMMUNITY");
        assertThat(quote.path("rebateRate").decimalValue()).isEqualByComparingTo("0.05");
        assertThat(quote.path("lines").findValuesAsText("productModel")).containsExactly("JM-350E", "IN-01", "SV-MR12");
        assertThat(quote.path("lines").findValues("vatRate")).extracting(JsonNode::decimalValue)
                .usingElementComparator(java.math.BigDecimal::compareTo)
                .containsExactly(new java.math.BigDecimal("0.13"), new java.math.BigDecimal("0.09"), new java.math.BigDecimal("0.06"));
        // 236000 × 0.95 = 224200.00; 2 × 8800 × 0.95 = 16720.00; 24000 × 0.95 = 22800.00
        assertThat(quote.path("total").decimalValue()).isEqualByComparingTo("263720.00");
        // the export mould carries the environmental clause; IP and force majeure apply to all
        List<String> types = quote.path("clauses").findValuesAsText("typeCode");
        assertThat(types).contains("ENVIRONMENTAL", "IP_OWNERSHIP", "FORCE_MAJEURE", "PAYMENT_TERMS", "TECHNICAL_AGREEMENT", "WARRANTY");
        for (JsonNode c : quote.path("clauses")) {
            assertThat(c.path("version").asInt()).as(c.path("typeCode").asText())
                    .isEqualTo(library.latest(c.path("typeCode").asText()).version());
        }
    }

    @Test
    void postWithBadInputNamesEveryFieldAndStartsNothing() throws Exception {
        String customer = support.customerOf("zhangwei");
        Map<String, Object> body = body(customer, "HYPERMARKET", TestData.today().minusDays(1),
                List.of(line("NO-SUCH", 1), line("JM-100", 1), line("GW-100", -2)));

        ResponseEntity<String> response = post("zhangwei", "/api/quotes", body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<String> fields = new ArrayList<>();
        JSON.readTree(response.getBody()).path("errors").forEach(e -> fields.add(e.path("field").asText() + ":" + e.path("rule").asText()));
        assertThat(fields).containsExactlyInAnyOrder("customerTier:one-of", "deliveryDate:not-in-past",
                "lines[0].productModel:known-product", "lines[1].productModel:active", "lines[2].quantity:positive");
        assertThat(support.count("SELECT COUNT(*) FROM quote")).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(QuoteToInvoiceProcess.KEY).count()).isZero();
    }

    @Test
    void postForAProductWhoseRequiredClauseHasNoPublishedTextIsRefusedNamingProductTypeAndRuleAndStartsNothing() throws Exception {
        ClauseTestTypes.recreate(jdbc);
        jdbc.sql("INSERT INTO product_clause_type (product_model, clause_type) VALUES ('GW-100', ?)")
                .param(ClauseTestTypes.OPEN).update();
        String customer = support.customerOf("zhangwei");
        Map<String, Object> body = body(customer, null, TestData.today().plusDays(30),
                List.of(line("JM-200", 1), line("GW-100", 2)));

        ResponseEntity<String> refused = post("zhangwei", "/api/quotes", body);

        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode errors = JSON.readTree(refused.getBody()).path("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path("field").asText()).isEqualTo("lines[1].productModel");
        assertThat(errors.get(0).path("rule").asText()).isEqualTo("required-clause-text");
        assertThat(errors.get(0).path("message").asText()).contains("GW-100", "测试普通条款 Test open clause",
                ClauseTestTypes.OPEN, "没有已发布的版本", "required clause has no published text");
        assertThat(support.count("SELECT COUNT(*) FROM quote")).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(QuoteToInvoiceProcess.KEY).count()).isZero();

        // once legal publishes a text for the product, the same request starts and the quote carries it
        library.publish(ClauseTestTypes.OPEN, "GW-100", TestData.today(), "网关数据安全条款", "zhoujie", List.of("legal"));
        ResponseEntity<String> started = post("zhangwei", "/api/quotes", body);
        assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode quote = JSON.readTree(get("zhangwei", "/api/quotes/" + JSON.readTree(started.getBody()).path("quoteId").asText()).getBody());
        assertThat(quote.path("clauses").findValuesAsText("typeCode")).contains(ClauseTestTypes.OPEN);
    }

    @Test
    void putChangesUnitPricesAndDeliveryDateAndCompletesTheEditStep() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        List<Map<String, Object>> lines = List.of(Map.of("lineNo", 1, "unitPriceInclTax", "125000.00"),
                Map.of("lineNo", 2, "unitPriceInclTax", 3800));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lines", lines);
        body.put("deliveryDate", TestData.today().plusDays(50).toString());
        body.put("editNote", "客户为老客户，模具让利3000元");

        ResponseEntity<String> response = put("zhangwei", "/api/quotes/" + q.quoteId(), body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode quote = JSON.readTree(response.getBody());
        assertThat(quote.path("deliveryDate").asText()).isEqualTo(TestData.today().plusDays(50).toString());
        // (125000 + 2 × 3800) × 0.92 = 115000.00 + 6992.00
        assertThat(quote.path("total").decimalValue()).isEqualByComparingTo("121992.00");
        assertThat(support.task(q.processInstanceId(), Task.RECORD_CUSTOMER_ANSWER)).isNotNull();
        assertThat(runtimeService.getVariable(q.processInstanceId(), Vars.DELIVERY_DATE))
                .isEqualTo(TestData.today().plusDays(50).toString());

        // not at the edit step any more
        ResponseEntity<String> again = put("zhangwei", "/api/quotes/" + q.quoteId(), body);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(again.getBody()).contains("\"field\":\"quote\"", "editable");
    }

    @Test
    void putRefusesAChangedQuantityAProductChangeAndUnknownFields() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("lines", List.of(Map.of("lineNo", 1, "unitPriceInclTax", 128000, "quantity", 3),
                Map.of("lineNo", 2, "unitPriceInclTax", 3980, "productModel", "JM-200")));
        body.put("deliveryDate", TestData.today().plusDays(50).toString());

        ResponseEntity<String> response = put("zhangwei", "/api/quotes/" + q.quoteId(), body);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("lines[0].quantity", "lines[1].productModel", "unchanged");

        body.put("customerTier", "OTHER");
        ResponseEntity<String> unknown = put("zhangwei", "/api/quotes/" + q.quoteId(), body);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknown.getBody()).contains("customerTier", "known-field");
        assertThat(support.task(q.processInstanceId(), Task.EDIT_QUOTE)).isNotNull();
    }

    @Test
    void pdfIsOneActionAndCarriesCustomerLinesTotalsAndClauseTextsInChinese() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        String customerName = JSON.readTree(get("zhangwei", "/api/quotes/" + q.quoteId()).getBody()).path("customerName").asText();

        ResponseEntity<byte[]> response = rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/api/quotes/" + q.quoteId() + "/pdf",
                byte[].class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(response.getHeaders().getContentDisposition().getFilename()).isEqualTo("quote-" + q.quoteId() + "-r1.pdf");
        try (PDDocument pdf = Loader.loadPDF(response.getBody())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", "");
            assertThat(text).contains(q.quoteId(), customerName, "JM-200", "GW-100", "知识产权归属");
        }
        assertThat(rest.withBasicAuth("limin", "limin").getForEntity("/api/quotes/" + q.quoteId() + "/pdf", byte[].class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void listShowsARepHisOwnQuotesAndOverseersAll() throws Exception {
        Quotes.Started mine = support.quote("zhangwei");
        Quotes.Started hers = support.quote("lina");

        assertThat(JSON.readTree(get("zhangwei", "/api/quotes").getBody()).findValuesAsText("id")).containsExactly(mine.quoteId());
        assertThat(JSON.readTree(get("lina", "/api/quotes").getBody()).findValuesAsText("id")).containsExactly(hers.quoteId());
        assertThat(JSON.readTree(get("limin", "/api/quotes").getBody()).findValuesAsText("id"))
                .contains(mine.quoteId(), hers.quoteId());
        assertThat(get("zhangwei", "/api/quotes?limit=0").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    // --- helpers ------------------------------------------------------------------------------------------------------

    static Map<String, Object> body(String customerId, String tier, LocalDate delivery, List<Map<String, Object>> lines) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", customerId);
        body.put("customerTier", tier);
        body.put("deliveryDate", delivery.toString());
        body.put("lines", lines);
        return body;
    }

    static Map<String, Object> line(String model, int quantity) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("productModel", model);
        l.put("quantity", quantity);
        return l;
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
