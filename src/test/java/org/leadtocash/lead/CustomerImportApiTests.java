package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
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
 * {@code POST /api/customers/import}: an existing customer book as CSV, answered line by line with the file line
 * number, the field and the rule of every refused line; exactly the valid lines are stored, and importing the same
 * file again changes nothing (the credit code identifies the customer).
 */
@AppTest
class CustomerImportApiTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "统一社会信用代码,名称,类型,法定代表人,注册资本(万元),成立日期,住所,经营范围,门店等级,负责销售\n";
    private static final String BAD_CODE = "91310000MA1FL0000I";

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;

    private String first;
    private String second;
    private String fourth;

    @BeforeEach
    void reset() {
        data.reset();
        first = TestData.creditCode();
        second = TestData.creditCode();
        fourth = TestData.creditCode();
    }

    /** Lines 2–3 one record (a quoted line break), 4 valid, 5 and 6 broken, 7 blank, 8 repeats line 4's credit code. */
    private String book(String secondTier) {
        return HEADER
                + first + ",上海一号超市有限公司,有限责任公司,张一,1000,2010-05-01,上海市黄浦区1号,\"日用百货销售，\n食品销售\",KA,zhangwei\n"
                + second + ",上海二号便利店,个人独资企业,李二,50,2018/7/9,上海市徐汇区2号,零售,\"" + secondTier + "\",\n"
                + BAD_CODE + ",上海三号商店,有限责任公司,王三,100,2012-01-01,上海市3号,零售,KA,\n"
                + fourth + ",,有限责任公司,赵四,100,2012-01-01,上海市4号,零售,VIP,\n"
                + "\n"
                + second + ",上海二号重复,个人独资企业,李二,50,2018-07-09,上海市徐汇区2号,零售,COMMUNITY,\n";
    }

    @Test
    void storesExactlyTheValidLinesAndNamesLineFieldAndRuleOfEveryRefusedOne() throws Exception {
        JsonNode report = ok(importCsv("limin", book("COMMUNITY").getBytes(StandardCharsets.UTF_8)));

        assertThat(lines(report)).containsExactly(
                "2 CREATED []",
                "4 CREATED []",
                "5 INVALID [creditCode:credit-code]",
                "6 INVALID [companyName:required, storeTier:known-tier]",
                "8 INVALID [creditCode:unique-in-file]");
        assertThat(report.path("summary").path("created").asInt()).isEqualTo(2);
        assertThat(report.path("summary").path("invalid").asInt()).isEqualTo(3);
        assertThat(report.path("charset").asText()).isEqualTo("UTF-8");
        assertThat(data.count("customer")).isEqualTo(2);
        assertThat(jdbc.sql("SELECT business_scope FROM customer WHERE credit_code = ?").param(first).query(String.class).single())
                .isEqualTo("日用百货销售，\n食品销售");
        assertThat(jdbc.sql("SELECT owner_id FROM customer WHERE credit_code = ?").param(first).query(String.class).single())
                .isEqualTo("zhangwei");
        assertThat(jdbc.sql("SELECT established_on FROM customer WHERE credit_code = ?").param(second).query(String.class).single())
                .startsWith("2018-07-09");
    }

    @Test
    void importingTheSameFileAgainCreatesNothingAndAChangedTierUpdatesTheCustomer() throws Exception {
        ok(importCsv("limin", book("COMMUNITY").getBytes(StandardCharsets.UTF_8)));

        JsonNode again = ok(importCsv("limin", book("COMMUNITY").getBytes(StandardCharsets.UTF_8)));
        assertThat(lines(again)).startsWith("2 UNCHANGED []", "4 UNCHANGED []");
        assertThat(data.count("customer")).isEqualTo(2);

        JsonNode changed = ok(importCsv("limin", book("CHAIN").getBytes(StandardCharsets.UTF_8)));
        assertThat(lines(changed)).startsWith("2 UNCHANGED []", "4 UPDATED []");
        assertThat(jdbc.sql("SELECT store_tier FROM customer WHERE credit_code = ?").param(second).query(String.class).single())
                .isEqualTo("CHAIN");
        assertThat(data.count("customer")).isEqualTo(2);
    }

    @Test
    void readsAGbkFileAsExcelSavesItInChina() throws Exception {
        JsonNode report = ok(importCsv("limin", book("COMMUNITY").getBytes(Charset.forName("GBK"))));

        assertThat(report.path("charset").asText()).isEqualTo("GBK");
        assertThat(jdbc.sql("SELECT company_name FROM customer WHERE credit_code = ?").param(first).query(String.class).single())
                .isEqualTo("上海一号超市有限公司");
    }

    @Test
    void aFileWithABadHeaderIsRefusedWholeAndStoresNothing() throws Exception {
        String csv = book("COMMUNITY").replace("门店等级", "等级");

        ResponseEntity<String> response = importCsv("limin", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(CustomerBookApiTests.errors(response)).containsExactlyInAnyOrder("header:known-column", "header:required-column");
        assertThat(response.getBody()).contains("等级", "storeTier");
        assertThat(data.count("customer")).isZero();
        assertThat(CustomerBookApiTests.errors(importCsv("limin", new byte[0]))).containsExactly("file:required");
    }

    @Test
    void aLineGivingAnotherOwnerThanTheCustomersIsRefusedOneOwner() throws Exception {
        data.owner(first, "上海一号超市有限公司", "lina");

        JsonNode report = ok(importCsv("limin", book("COMMUNITY").getBytes(StandardCharsets.UTF_8)));

        assertThat(lines(report)).startsWith("2 INVALID [ownerId:one-owner]", "4 CREATED []");
        assertThat(jdbc.sql("SELECT owner_id FROM customer WHERE credit_code = ?").param(first).query(String.class).single())
                .isEqualTo("lina");
    }

    @Test
    void managersUploadTheFileAsAFormAndRepsMayNotImport() throws Exception {
        var body = new LinkedMultiValueMap<String, Object>();
        body.add("file", new ByteArrayResource(book("KA").getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "客户.csv";
            }
        });
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> uploaded = rest.withBasicAuth("limin", "limin").exchange("/api/customers/import", HttpMethod.POST,
                new HttpEntity<>(body, h), String.class);
        assertThat(ok(uploaded).path("fileName").asText()).isEqualTo("客户.csv");

        assertThat(importCsv("zhangwei", book("KA").getBytes(StandardCharsets.UTF_8)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    private ResponseEntity<String> importCsv(String user, byte[] csv) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.valueOf("text/csv"));
        return rest.withBasicAuth(user, user).exchange("/api/customers/import", HttpMethod.POST, new HttpEntity<>(csv, h), String.class);
    }

    private static JsonNode ok(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    /** "lineNo OUTCOME [field:rule, …]" per line. */
    private static List<String> lines(JsonNode report) {
        List<String> out = new ArrayList<>();
        for (JsonNode l : report.path("lines")) {
            List<String> errors = new ArrayList<>();
            l.path("errors").forEach(e -> errors.add(e.path("field").asText() + ":" + e.path("rule").asText()));
            out.add(l.path("lineNo").asInt() + " " + l.path("outcome").asText() + " " + errors);
        }
        return out;
    }
}
