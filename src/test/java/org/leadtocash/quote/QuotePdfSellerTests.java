package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.company.CompanyField;
import org.leadtocash.company.CompanyProfile;
import org.leadtocash.company.CompanyProfileEdit;
import org.leadtocash.company.CompanyProfileFixtures;
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
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The quote PDF's seller comes from the company profile: name, taxpayer id, address, bank, logo and
 * watermark as the administrator entered them; while a required field is missing the PDF is refused with 409 naming it.
 */
@AppTest
class QuotePdfSellerTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired TestRestTemplate rest;
    @Autowired QuoteTestSupport support;
    @Autowired CompanyProfileFixtures company;
    @Autowired CompanyProfile profile;

    @BeforeEach
    void setUp() {
        support.reset();
        company.restoreDemo();
    }

    @AfterEach
    void tearDown() {
        company.restoreDemo();
        support.reset();
    }

    @Test
    void sellerNameTaxNumberAddressAndBankComeFromTheCompanyProfile() throws Exception {
        profile.save(new CompanyProfileEdit("杭州远山机械有限公司 Yuanshan Machinery Co.", "91330106MA2H3K4L5N",
                "杭州市西湖区文三路 100 号 0571-8888 1234", "招商银行杭州分行", "5719 0123 4567 890", "远山机械 仅供报价"), "admin");
        Quotes.Started q = support.quote("zhangwei");

        ResponseEntity<byte[]> response = rest.withBasicAuth("zhangwei", "zhangwei")
                .getForEntity("/api/quotes/" + q.quoteId() + "/pdf", byte[].class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        try (PDDocument pdf = Loader.loadPDF(response.getBody())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("杭州远山机械有限公司", "Yuanshan Machinery Co.", "91330106MA2H3K4L5N",
                    "杭州市西湖区文三路 100 号 0571-8888 1234", "招商银行杭州分行", "5719 0123 4567 890");
            assertThat(text.replaceAll("\\s+", "")).as("the watermark").contains("远山机械仅供报价");
            assertThat(text).doesNotContain("上海云帆", "1001 2345 6789 0123 456", "演示数据");
            assertThat(pdf.getDocumentInformation().getAuthor()).isEqualTo("杭州远山机械有限公司 Yuanshan Machinery Co.");
            assertThat(images(pdf)).as("the demo logo is still stored").isOne();
        }

        profile.removeLogo("admin");
        try (PDDocument pdf = Loader.loadPDF(rest.withBasicAuth("zhangwei", "zhangwei")
                .getForEntity("/api/quotes/" + q.quoteId() + "/pdf", byte[].class).getBody())) {
            assertThat(images(pdf)).as("no logo set: none printed").isZero();
        }
    }

    @Test
    void theDemoCompanyPrintsAsDemoData() throws Exception {
        Quotes.Started q = support.quote("zhangwei");

        byte[] bytes = rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/api/quotes/" + q.quoteId() + "/pdf", byte[].class)
                .getBody();

        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            assertThat(new PDFTextStripper().getText(pdf).replaceAll("\\s+", "")).contains("演示数据DEMODATA", "91310115MA1K3YFANN");
        }
    }

    @Test
    void anIncompleteProfileRefusesThePdfWith409NamingTheMissingFields() throws Exception {
        Quotes.Started q = support.quote("zhangwei");
        company.without(CompanyField.SELLER_NAME, CompanyField.BANK_ACCOUNT);

        for (String accept : List.of(MediaType.APPLICATION_PDF_VALUE, "text/html,*/*;q=0.8")) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.ACCEPT, accept);
            ResponseEntity<String> refused = rest.withBasicAuth("zhangwei", "zhangwei").exchange(
                    "/api/quotes/" + q.quoteId() + "/pdf", HttpMethod.GET, new HttpEntity<>(headers), String.class);

            assertThat(refused.getStatusCode()).as("Accept: " + accept).isEqualTo(HttpStatus.CONFLICT);
            JsonNode problem = JSON.readTree(refused.getBody());
            assertThat(problem.path("missing").findValuesAsText("field")).containsExactly("sellerName", "bankAccount");
            assertThat(problem.path("detail").asText()).contains("销方名称 seller name", "银行账号 bank account", "报价单");
        }
    }

    private static int images(PDDocument pdf) throws java.io.IOException {
        PDResources resources = pdf.getPage(0).getResources();
        int images = 0;
        for (COSName name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof PDImageXObject) {
                images++;
            }
        }
        return images;
    }
}
