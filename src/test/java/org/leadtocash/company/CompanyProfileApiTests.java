package org.leadtocash.company;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code /api/company-profile} over real HTTP: only camunda-admin reads and writes it; an incomplete profile names every
 * missing field; bad input names field and rule and stores nothing; the logo is a PNG/JPEG of at most 512 KB; the
 * start-up check warns in one line. Every test puts the demo company back afterwards.
 */
@AppTest
@ExtendWith(OutputCaptureExtension.class)
class CompanyProfileApiTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired CompanyProfileFixtures fixtures;
    @Autowired CompanyProfile profile;
    @Autowired CompanyProfileStartupCheck startupCheck;

    @BeforeEach
    void setUp() {
        data.reset();
        fixtures.restoreDemo();
    }

    @AfterEach
    void tearDown() {
        fixtures.restoreDemo();
    }

    static Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sellerName", "杭州远山机械有限公司 Yuanshan Machinery Co., Ltd.");
        body.put("taxNumber", "91330106MA2H3K4L5N");
        body.put("addressPhone", "杭州市西湖区文三路 100 号 0571-8888 1234");
        body.put("bankName", "招商银行杭州分行");
        body.put("bankAccount", "5719 0123 4567 890");
        body.put("watermark", "远山机械 仅供报价");
        return body;
    }

    @Test
    void adminReadsTheDemoCompanyAsCompleteAndMarkedAsDemoData() throws Exception {
        JsonNode json = get("admin");

        assertThat(json.path("complete").asBoolean()).isTrue();
        assertThat(json.path("missing")).isEmpty();
        assertThat(json.path("demo").asBoolean()).as("labelled as demo data").isTrue();
        assertThat(json.path("watermark").asText()).contains("演示数据");
        assertThat(json.path("bankAccount").asText()).isEqualTo("1001 2345 6789 0123 456");
        assertThat(json.path("logo").path("contentType").asText()).isEqualTo("image/png");
    }

    @Test
    void adminSavesTheProfileAndTheRowHoldsItNoLongerMarkedDemo() throws Exception {
        ResponseEntity<String> response = put("admin", body());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        CompanyDetails stored = profile.current();
        assertThat(stored.sellerName()).isEqualTo("杭州远山机械有限公司 Yuanshan Machinery Co., Ltd.");
        assertThat(stored.taxNumber()).isEqualTo("91330106MA2H3K4L5N");
        assertThat(stored.bankName()).isEqualTo("招商银行杭州分行");
        assertThat(stored.bankAccount()).isEqualTo("5719 0123 4567 890");
        assertThat(stored.watermark()).isEqualTo("远山机械 仅供报价");
        assertThat(stored.demo()).isFalse();
        assertThat(stored.updatedBy()).isEqualTo("admin");
        assertThat(stored.hasLogo()).as("the logo is kept").isTrue();
        assertThat(JSON.readTree(response.getBody()).path("complete").asBoolean()).isTrue();
    }

    @Test
    void anIncompleteProfileIsStoredAndNamesEveryMissingFieldInChineseAndEnglish() throws Exception {
        Map<String, Object> body = body();
        body.put("taxNumber", " ");
        body.remove("bankAccount");

        assertThat(put("admin", body).getStatusCode()).isEqualTo(HttpStatus.OK);

        JsonNode json = get("admin");
        assertThat(json.path("complete").asBoolean()).isFalse();
        assertThat(json.path("missing").findValuesAsText("field")).containsExactly("taxNumber", "bankAccount");
        assertThat(json.path("missing").findValuesAsText("zh")).containsExactly("纳税人识别号", "银行账号");
        assertThat(json.path("missing").findValuesAsText("en")).containsExactly("taxpayer id", "bank account");
        assertThat(profile.current().taxNumber()).isNull();
    }

    @Test
    void badInputNamesFieldAndRuleAndStoresNothing() throws Exception {
        Map<String, Object> body = body();
        body.put("taxNumber", "91330106MA2H3K4L5Y");
        body.put("bankAccount", "ICBC-1234");
        body.put("sellerName", "名".repeat(101));
        body.put("watermark", "水印".repeat(21));

        ResponseEntity<String> response = put("admin", body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        JsonNode errors = JSON.readTree(response.getBody()).path("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("taxNumber", "bankAccount", "sellerName", "watermark");
        assertThat(rule(errors, "taxNumber")).isEqualTo("credit-code");
        assertThat(rule(errors, "bankAccount")).isEqualTo("bank-account");
        assertThat(rule(errors, "sellerName")).isEqualTo("max-length");
        assertThat(message(errors, "taxNumber")).contains("纳税人识别号", "check character");
        assertThat(profile.current()).as("nothing stored").isEqualTo(CompanyDemoData.demoProfile());
    }

    @Test
    void anUnknownFieldIsRefusedByName() throws Exception {
        Map<String, Object> body = body();
        body.put("bankIban", "CN12");

        ResponseEntity<String> response = put("admin", body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(JSON.readTree(response.getBody()).path("errors").findValuesAsText("field")).containsExactly("bankIban");
    }

    @Test
    void onlyCamundaAdminsReadOrChangeTheProfile() {
        assertThat(rest.withBasicAuth("limin", "limin").getForEntity("/api/company-profile", String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(put("wufang", body()).getStatusCode()).as("finance neither").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/company-profile", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(profile.current()).isEqualTo(CompanyDemoData.demoProfile());
    }

    @Test
    void aPngOrJpegLogoIsStoredAndReadBack() throws Exception {
        byte[] jpeg = image("jpg", 120, 60);

        ResponseEntity<String> response = uploadLogo("admin", jpeg, "logo.jpg");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(profile.current().logoContentType()).isEqualTo("image/jpeg");
        assertThat(profile.current().logo()).isEqualTo(jpeg);
        ResponseEntity<byte[]> read = rest.withBasicAuth("admin", "admin").getForEntity("/api/company-profile/logo", byte[].class);
        assertThat(read.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
        assertThat(read.getBody()).isEqualTo(jpeg);

        rest.withBasicAuth("admin", "admin").delete("/api/company-profile/logo");
        assertThat(profile.current().hasLogo()).isFalse();
        assertThat(profile.current().complete()).as("the logo is optional").isTrue();
    }

    @Test
    void aLogoThatIsNoPngOrJpegOrTooLargeIsRefusedNamingTheRule() throws Exception {
        ResponseEntity<String> gif = uploadLogo("admin", image("gif", 10, 10), "logo.gif");
        assertThat(gif.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rule(JSON.readTree(gif.getBody()).path("errors"), "logo")).isEqualTo("image-type");

        byte[] huge = new byte[CompanyProfileValidator.MAX_LOGO_BYTES + 1];
        System.arraycopy(image("png", 10, 10), 0, huge, 0, 8);
        ResponseEntity<String> tooLarge = uploadLogo("admin", huge, "logo.png");
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rule(JSON.readTree(tooLarge.getBody()).path("errors"), "logo")).isEqualTo("max-size");

        byte[] broken = java.util.Arrays.copyOf(image("png", 10, 10), 20);
        assertThat(rule(JSON.readTree(uploadLogo("admin", broken, "logo.png").getBody()).path("errors"), "logo"))
                .as("PNG signature, no image").isEqualTo("image-type");

        assertThat(uploadLogo("limin", image("png", 10, 10), "logo.png").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(profile.current()).isEqualTo(CompanyDemoData.demoProfile());
    }

    @Test
    void startUpWarnsInOneLineNamingTheMissingFields(CapturedOutput output) {
        fixtures.none();

        startupCheck.check();

        String warning = output.getOut().lines().filter(l -> l.contains("WARN") && l.contains("Company profile incomplete"))
                .findFirst().orElseThrow();
        assertThat(warning).contains("销方名称 seller name (sellerName)", "纳税人识别号 taxpayer id (taxNumber)",
                "地址电话 address and phone (addressPhone)", "开户行 bank name (bankName)", "银行账号 bank account (bankAccount)");
        assertThat(warning).doesNotContain("logo", "watermark");
    }

    @Test
    void aFreshInstallHasNoProfileAndRequireCompleteNamesEveryRequiredField() {
        fixtures.none();

        CompanyProfileIncompleteException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> profile.requireComplete("测试 test"), CompanyProfileIncompleteException.class);

        assertThat(refused.missing()).containsExactlyElementsOf(CompanyField.required());
        assertThat(refused.getMessage()).contains("测试 test", "销方名称 seller name", "银行账号 bank account", "Camunda Admin");
    }

    private JsonNode get(String user) throws IOException {
        ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity("/api/company-profile", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return JSON.readTree(response.getBody());
    }

    private ResponseEntity<String> put(String user, Map<String, Object> body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth(user, user).exchange("/api/company-profile", HttpMethod.PUT, new HttpEntity<>(body, headers),
                String.class);
    }

    private ResponseEntity<String> uploadLogo(String user, byte[] bytes, String filename) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return filename;
            }
        });
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, user).exchange("/api/company-profile/logo", HttpMethod.PUT,
                new HttpEntity<>(parts, headers), String.class);
    }

    static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, height / 2, 0x1E5AA8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).as(format + " writer").isTrue();
        return out.toByteArray();
    }

    private static String rule(JsonNode errors, String field) {
        for (JsonNode e : errors) {
            if (e.path("field").asText().equals(field)) {
                return e.path("rule").asText();
            }
        }
        return null;
    }

    private static String message(JsonNode errors, String field) {
        for (JsonNode e : errors) {
            if (e.path("field").asText().equals(field)) {
                return e.path("message").asText();
            }
        }
        return null;
    }
}
