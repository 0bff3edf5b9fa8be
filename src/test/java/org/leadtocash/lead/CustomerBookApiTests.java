package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/customers} over real HTTP: a customer recorded from its business licence with the store tier
 * of the rebate policy; every licence field's rule is named on refusal, and a refused customer stores nothing.
 */
@AppTest
class CustomerBookApiTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;
    @Autowired CustomerBook book;
    @Autowired CustomerRepository repository;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void repRecordsACustomerFromItsLicenceAndOwnsIt() throws Exception {
        String code = TestData.creditCode();
        Map<String, Object> body = Licences.licence(code, "上海好邻居便利有限公司", "COMMUNITY");
        body.put(LicenceFields.REGISTERED_CAPITAL, "1,250.5万元");
        body.put(LicenceFields.ESTABLISHED_ON, "2016年3月5日");

        ResponseEntity<String> response = post("zhangwei", body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        String id = JSON.readTree(response.getBody()).path("id").asText();
        Map<String, Object> row = jdbc.sql("SELECT * FROM customer WHERE id = ?").param(id).query().singleRow();
        assertThat(row.get("CREDIT_CODE")).isEqualTo(code);
        assertThat(row.get("COMPANY_NAME")).isEqualTo("上海好邻居便利有限公司");
        assertThat(row.get("COMPANY_TYPE")).isEqualTo("有限责任公司（自然人投资或控股）");
        assertThat(row.get("LEGAL_REPRESENTATIVE")).isEqualTo("王建国");
        assertThat((java.math.BigDecimal) row.get("REGISTERED_CAPITAL_WAN")).isEqualByComparingTo("1250.5");
        assertThat(row.get("ESTABLISHED_ON").toString()).isEqualTo("2016-03-05");
        assertThat(row.get("ADDRESS")).isEqualTo("上海市浦东新区张江路88号");
        assertThat(row.get("BUSINESS_SCOPE")).isEqualTo("日用百货、食品销售；货物进出口。");
        assertThat(row.get("STORE_TIER")).isEqualTo("COMMUNITY");
        assertThat(row.get("OWNER_ID")).isEqualTo("zhangwei");
        assertThat(row.get("LICENCE_RECORDED_BY")).isEqualTo("zhangwei");

        JsonNode read = JSON.readTree(get("zhangwei", "/api/customers/" + id + "/licence").getBody());
        assertThat(read.path("storeTier").asText()).isEqualTo("COMMUNITY");
        assertThat(read.path("licence").path("creditCode").asText()).isEqualTo(code);
        assertThat(get("lina", "/api/customers/" + id + "/licence").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @ParameterizedTest(name = "{0} = ''{1}'' → {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "creditCode          | 91310000MA1FL0000I  | credit-code",
            "creditCode          | 91310000MA1FL00     | credit-code",
            "creditCode          | NULL                | required",
            "companyName         | NULL                | required",
            "companyName         | '   '               | required",
            "companyType         | NULL                | required",
            "legalRepresentative | NULL                | required",
            "registeredCapital   | NULL                | required",
            "registeredCapital   | 五百万              | number",
            "registeredCapital   | 500元               | number",
            "registeredCapital   | 0                   | positive",
            "registeredCapital   | 1.23456             | scale",
            "registeredCapital   | 100000001           | max",
            "establishedOn       | NULL                | required",
            "establishedOn       | 2015-13-01          | date",
            "establishedOn       | 1949-09-30          | not-before-1949",
            "address             | NULL                | required",
            "businessScope       | NULL                | required",
            "storeTier           | NULL                | required",
            "storeTier           | HYPERMARKET         | known-tier",
            "storeTier           | ka                  | known-tier",
            "ownerId             | nobody              | active-rep"})
    void refusesEveryBrokenLicenceRuleNamingFieldAndRuleAndStoresNothing(String field, String value, String rule) throws Exception {
        Map<String, Object> body = Licences.licence(TestData.creditCode(), "上海规则测试有限公司", "KA");
        body.put(field, value);

        ResponseEntity<String> response = post("limin", body);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).contains(field + ":" + rule);
        assertThat(data.count("customer")).isZero();
    }

    @Test
    void refusesAFoundingDateAfterTodayByTheEngineClock() throws Exception {
        Map<String, Object> body = Licences.licence(TestData.creditCode(), "上海未来有限公司", "KA");
        body.put(LicenceFields.ESTABLISHED_ON, TestData.today().plusDays(1).toString());

        assertThat(errors(post("zhangwei", body))).containsExactly("establishedOn:not-in-future");
        body.put(LicenceFields.ESTABLISHED_ON, TestData.today().toString());
        assertThat(post("zhangwei", body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void namesEveryBrokenRuleAtOnceAndUnknownFields() throws Exception {
        Map<String, Object> body = Licences.licence("123", null, "VIP");
        body.put(LicenceFields.REGISTERED_CAPITAL, "-5");
        ResponseEntity<String> response = post("zhangwei", body);
        assertThat(errors(response)).containsExactlyInAnyOrder("creditCode:credit-code", "companyName:required",
                "registeredCapital:number", "storeTier:known-tier");

        Map<String, Object> extra = Licences.licence(TestData.creditCode(), "上海多余字段有限公司", "KA");
        extra.put("customerTier", "KA");
        assertThat(errors(post("zhangwei", extra))).containsExactly("customerTier:known-field");
        assertThat(data.count("customer")).isZero();
    }

    @Test
    void aCustomerWithARecordedLicenceIsNotRecordedAgain() throws Exception {
        Map<String, Object> body = Licences.licence(TestData.creditCode(), "上海重复有限公司", "KA");
        assertThat(post("zhangwei", body).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        assertThat(errors(post("zhangwei", body))).containsExactly("creditCode:new-customer");
        assertThat(errors(post("lina", body))).containsExactly("creditCode:new-customer");
        assertThat(data.count("customer")).isEqualTo(1);
    }

    @Test
    void theOwnerRecordsTheLicenceOfACustomerFirstReachedThroughALeadAnotherRepCannot() throws Exception {
        String code = TestData.creditCode();
        data.owner(code, "上海线索客户有限公司", "zhangwei");
        Map<String, Object> body = Licences.licence(code, "上海线索客户有限公司", "CHAIN");

        assertThat(errors(post("lina", body))).containsExactly("creditCode:owned-customer");
        assertThat(post("zhangwei", body).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(jdbc.sql("SELECT store_tier FROM customer WHERE credit_code = ?").param(code).query(String.class).single())
                .isEqualTo("CHAIN");
        assertThat(data.count("customer")).isEqualTo(1);
    }

    @Test
    void aRepRecordsOnlyHisOwnCustomersAndLegalNone() throws Exception {
        Map<String, Object> body = Licences.licence(TestData.creditCode(), "上海他人客户有限公司", "KA");
        body.put(LicenceFields.OWNER_ID, "lina");
        assertThat(errors(post("zhangwei", body))).containsExactly("ownerId:self");
        assertThat(post("zhoujie", body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<String> byManager = post("limin", body);
        assertThat(byManager.getStatusCode()).as(byManager.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(JSON.readTree(byManager.getBody()).path("ownerId").asText()).isEqualTo("lina");
    }

    @Test
    void anonymousCallersAreRefused() {
        ResponseEntity<String> response = rest.postForEntity("/api/customers",
                new HttpEntity<>("{}", json()), String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theDemoCustomersGetTheirLicenceAndTierOnceSoThatTheirRepCanQuoteThem() {
        String yunfan = "91330106MA2H2Q8T7" + CreditCode.checkCharacter("91330106MA2H2Q8T7");
        data.owner(yunfan, "杭州云帆软件有限公司", "zhangwei");
        CustomerDemoData demo = new CustomerDemoData(book, repository, true);

        demo.setUp();
        demo.setUp();

        CustomerRecord recorded = repository.findByCreditCode(yunfan).orElseThrow();
        assertThat(recorded.storeTier()).isEqualTo("KA");
        assertThat(recorded.ownerId()).isEqualTo("zhangwei");
        assertThat(recorded.licence().legalRepresentative()).isEqualTo("林云帆");
        assertThat(data.count("customer")).isEqualTo(1);
    }

    private ResponseEntity<String> post(String user, Object body) throws Exception {
        return rest.withBasicAuth(user, user).exchange("/api/customers", HttpMethod.POST,
                new HttpEntity<>(JSON.writeValueAsString(body), json()), String.class);
    }

    private ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, user).getForEntity(path, String.class);
    }

    private static HttpHeaders json() {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return h;
    }

    static List<String> errors(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        List<String> out = new ArrayList<>();
        JSON.readTree(response.getBody()).path("errors").forEach(e -> out.add(e.path("field").asText() + ":" + e.path("rule").asText()));
        return out;
    }
}
