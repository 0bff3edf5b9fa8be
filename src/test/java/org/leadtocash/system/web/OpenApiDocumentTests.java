package org.leadtocash.system.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenAPI document integrators read ({@code /v3/api-docs}, Swagger UI): behind the API's login, lists every
 * {@code /api} endpoint Spring MVC serves, with the request schemas of the main ones (lead intake, quotes, payment
 * journeys, imports), KPIs, the module tags, the security schemes and the error answer's shape.
 */
@AppTest
class OpenApiDocumentTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "zhangwei";

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void documentAndSwaggerUiNeedALogin() {
        for (String path : List.of("/v3/api-docs", "/v3/api-docs/swagger-config", "/api/docs/swagger-ui.html",
                "/api/docs/swagger-ui/index.html")) {
            assertThat(rest.getForEntity(path, String.class).getStatusCode()).as("%s without credentials", path)
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            // an unknown user: repeated wrong passwords of a real one would lock that user for the other tests
            assertThat(rest.withBasicAuth("no-such-user", "wrong-password").getForEntity(path, String.class).getStatusCode())
                    .as("%s with unknown credentials", path).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        // a channel key opens intake only, not the document
        HttpHeaders key = new HttpHeaders();
        key.set("X-Api-Key", "test-website-key-0001");
        assertThat(rest.exchange("/v3/api-docs", HttpMethod.GET, new HttpEntity<>(key), String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<String> ui = rest.withBasicAuth(USER, USER).getForEntity("/api/docs/swagger-ui/index.html", String.class);
        assertThat(ui.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(ui.getBody()).contains("swagger-ui");
        ResponseEntity<String> config = rest.withBasicAuth(USER, USER).getForEntity("/v3/api-docs/swagger-config", String.class);
        assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(config.getBody()).contains("/v3/api-docs");
    }

    @Test
    void everyApiEndpointIsListedWithItsModuleAndTheErrorShape() throws Exception {
        JsonNode doc = document();
        assertThat(doc.at("/info/title").asText()).contains("Lead-to-Cash");
        assertThat(doc.at("/info/version").asText()).isNotBlank();
        assertThat(doc.at("/components/securitySchemes/basicAuth/scheme").asText()).isEqualTo("basic");
        assertThat(doc.at("/components/securitySchemes/channelApiKey/name").asText()).isEqualTo("X-Api-Key");
        assertThat(doc.at("/security/0").has("basicAuth")).isTrue();

        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> documented.add(
                m.toUpperCase() + " " + p.getKey())));
        assertThat(documented).allMatch(e -> e.split(" ")[1].startsWith("/api/"));
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("org.leadtocash")) {
                for (String pattern : info.getPatternValues()) {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    (methods.isEmpty() ? Set.of(RequestMethod.GET) : methods).forEach(m -> served.add(m.name() + " " + pattern));
                }
            }
        });
        assertThat(served).isNotEmpty();
        assertThat(documented).containsExactlyInAnyOrderElementsOf(served);

        // one tag per module, the module's own name
        assertThat(doc.at("/paths/~1api~1leads/post/tags/0").asText()).isEqualTo("Lead 线索");
        assertThat(doc.at("/paths/~1api~1quotes/post/tags/0").asText()).isEqualTo("Quote 报价到开票");
        assertThat(doc.at("/paths/~1api~1payment-journeys/post/tags/0").asText()).isEqualTo("Payment 回款");
        assertThat(doc.at("/paths/~1api~1bank-statements/post/tags/0").asText()).isEqualTo("Payment 回款");
        List<String> tags = new ArrayList<>();
        doc.get("tags").forEach(t -> tags.add(t.get("name").asText()));
        assertThat(tags).contains("Lead 线索", "Quote 报价到开票", "Payment 回款", "Company 公司信息");

        // the error answer: problem details with every broken rule
        JsonNode badQuote = doc.at("/paths/~1api~1quotes/post/responses/400/content/application~1problem+json/schema");
        assertThat(resolve(doc, badQuote).at("/properties/errors/items/$ref").asText()).endsWith("/FieldError");
        assertThat(doc.at("/components/schemas/FieldError/properties").has("rule")).isTrue();
        assertThat(doc.at("/paths/~1api~1quotes~1{id}/get/responses/401").isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1api~1quotes~1{id}/get/responses/404").isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1api~1leads/post/responses/503/headers").has("Retry-After")).isTrue();
    }

    @Test
    void mainEndpointsCarryTheirRequestSchemas() throws Exception {
        JsonNode doc = document();
        // lead intake: the channel key, and the fields intake accepts
        JsonNode intake = doc.at("/paths/~1api~1leads/post");
        assertThat(intake.at("/security/0").has("channelApiKey")).isTrue();
        JsonNode lead = resolve(doc, intake.at("/requestBody/content/application~1json/schema"));
        assertThat(names(lead.get("properties"))).contains("externalId", "source", "companyName", "creditCode", "contactName",
                "contactPhone", "region", "budgetCny", "productInterest");
        assertThat(names(lead.get("required"))).contains("externalId", "creditCode", "budgetCny").doesNotContain("productInterest");

        JsonNode quote = resolve(doc, doc.at("/paths/~1api~1quotes/post/requestBody/content/application~1json/schema"));
        assertThat(names(quote.get("properties"))).contains("customerId", "lines", "deliveryDate");
        JsonNode journey = resolve(doc, doc.at("/paths/~1api~1payment-journeys/post/requestBody/content/application~1json/schema"));
        assertThat(names(journey.get("properties"))).contains("invoiceRequestId", "amountDue", "invoiceDate");

        // imports: CSV bodies and the multipart upload
        for (String path : List.of("/api/bank-statements", "/api/customers/import", "/api/team/import")) {
            JsonNode content = doc.get("paths").get(path).at("/post/requestBody/content");
            assertThat(names(content)).as(path).contains("text/csv", MediaType.MULTIPART_FORM_DATA_VALUE);
            assertThat(content.at("/multipart~1form-data/schema/properties/file/format").asText()).as(path).isEqualTo("binary");
        }
        // KPIs with their answers
        for (String path : List.of("/api/kpi/leads/first-contact", "/api/kpi/payments", "/api/kpi/contracts")) {
            JsonNode ok = doc.get("paths").get(path).at("/get/responses/200/content");
            assertThat(ok.isMissingNode() || ok.isEmpty()).as(path).isFalse();
        }
    }

    @Test
    void intakeSchemaListsExactlyTheFieldsIntakeAccepts() throws Exception {
        JsonNode lead = resolve(document(), document().at("/paths/~1api~1leads/post/requestBody/content/application~1json/schema"));
        // intake names the fields it accepts when it refuses an unknown one
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "120000");
        body.put("notAField", "x");
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.set("X-Api-Key", "test-website-key-0001");
        ResponseEntity<String> refused = rest.exchange("/api/leads", HttpMethod.POST, new HttpEntity<>(JSON.writeValueAsString(body), h),
                String.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        String message = JSON.readTree(refused.getBody()).at("/errors/0/message").asText();
        String allowed = message.substring(message.indexOf('[') + 1, message.indexOf(']'));
        assertThat(names(lead.get("properties"))).containsExactlyInAnyOrderElementsOf(List.of(allowed.split(",\\s*")));
    }

    private JsonNode document() throws Exception {
        ResponseEntity<String> response = rest.withBasicAuth(USER, USER).getForEntity("/v3/api-docs", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    private static JsonNode resolve(JsonNode doc, JsonNode schema) {
        assertThat(schema.isMissingNode()).as("schema present").isFalse();
        String ref = schema.path("$ref").asText("");
        return ref.isEmpty() ? schema : doc.at(ref.substring(1));
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        if (node != null && node.isObject()) {
            node.fieldNames().forEachRemaining(names::add);
        } else if (node != null && node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        }
        return names;
    }
}
