package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadtocash.company.CompanyDetails;
import org.leadtocash.company.CompanyField;
import org.leadtocash.company.CompanyProfileFixtures;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 公司信息 Company profile in Camunda Admin: the administrator sees on the dashboard what is missing, opens the
 * System section, is told which field breaks which rule, saves the profile and uploads the logo; the test checks the
 * stored row. Screenshots: {@code target/e2e-screenshots/company-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class CompanyProfileBrowserTests {
    private static final Map<String, String> TYPED = Map.of(
            "sellerName", "杭州远山机械有限公司 Yuanshan Machinery Co.",
            "taxNumber", "91330106MA2H3K4L5N",
            "addressPhone", "杭州市西湖区文三路 100 号 0571-8888 1234",
            "bankName", "招商银行杭州分行",
            "bankAccount", "5719 0123 4567 890",
            "watermark", "远山机械 仅供报价");

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired CompanyProfileFixtures company;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    private Browser browser;

    @BeforeEach
    void setUp() {
        data.reset();
        company.restoreDemo();
        browser = browsers.open("http://localhost:" + port);
    }

    @AfterEach
    void tearDown() {
        company.restoreDemo();
    }

    @Test
    void adminSeesWhatIsMissingCompletesTheProfileAndUploadsTheLogoInCamundaAdmin() throws Exception {
        company.without(CompanyField.TAX_NUMBER, CompanyField.BANK_ACCOUNT, CompanyField.LOGO);

        browser.loginTo("admin", "admin", "admin");
        WebElement summary = browser.visible(By.cssSelector(".leadtocash-company-summary[data-loaded]"));
        assertThat(summary.findElements(By.cssSelector(".leadtocash-company-missing li")))
                .extracting(li -> li.getDomAttribute("data-field")).containsExactly("taxNumber", "bankAccount");
        browser.screenshot("company-1-admin-dashboard-missing");

        WebElement form = AdminPages.companyProfileFromDashboard(browser);
        assertThat(browser.driver().getCurrentUrl()).contains("#/system?section=leadtocash-company-profile");
        browser.screenshot("company-2-system-section");

        // a wrong check character is refused naming the field and the rule; nothing is stored
        TYPED.forEach((field, value) -> type(form, field, field.equals("taxNumber") ? "91330106MA2H3K4L5X" : value));
        form.findElement(By.cssSelector("button.leadtocash-company-save")).click();
        WebElement error = browser.until("the tax number error",
                d -> d.findElements(By.cssSelector("[data-error-for=taxNumber]")).stream()
                        .filter(e -> !e.getText().isBlank()).findFirst().orElse(null));
        assertThat(error.getText()).contains("纳税人识别号", "credit-code");
        assertThat(company.current().sellerName()).as("nothing stored").isEqualTo("上海云帆智能科技有限公司 Lead-to-Cash Demo Co.");
        browser.screenshot("company-3-tax-number-refused");

        type(browser.visible(By.cssSelector("form.leadtocash-company-form")), "taxNumber", TYPED.get("taxNumber"));
        browser.clickable(By.cssSelector("button.leadtocash-company-save")).click();
        browser.visible(By.cssSelector(".leadtocash-company [data-saved]"));
        browser.visible(By.cssSelector(".leadtocash-company [data-complete=true]"));

        CompanyDetails stored = company.current();
        assertThat(stored.sellerName()).isEqualTo(TYPED.get("sellerName"));
        assertThat(stored.taxNumber()).isEqualTo(TYPED.get("taxNumber"));
        assertThat(stored.addressPhone()).isEqualTo(TYPED.get("addressPhone"));
        assertThat(stored.bankName()).isEqualTo(TYPED.get("bankName"));
        assertThat(stored.bankAccount()).isEqualTo(TYPED.get("bankAccount"));
        assertThat(stored.watermark()).isEqualTo(TYPED.get("watermark"));
        assertThat(stored.demo()).isFalse();
        assertThat(stored.updatedBy()).isEqualTo("admin");
        assertThat(stored.complete()).isTrue();
        browser.screenshot("company-4-saved-complete");

        Path logo = Files.createTempFile("company-logo", ".png");
        try {
            BufferedImage image = new BufferedImage(96, 48, BufferedImage.TYPE_INT_RGB);
            image.setRGB(10, 10, 0x1E5AA8);
            ImageIO.write(image, "png", logo.toFile());
            browser.visible(By.id("leadtocash-company-logo-file")).sendKeys(logo.toAbsolutePath().toString());
            browser.clickable(By.cssSelector("button.leadtocash-company-logo-upload")).click();
            browser.visible(By.cssSelector("img.leadtocash-company-logo-preview"));

            assertThat(company.current().logo()).isEqualTo(Files.readAllBytes(logo));
            assertThat(company.current().logoContentType()).isEqualTo("image/png");
            browser.screenshot("company-5-logo-uploaded");
        } finally {
            Files.delete(logo);
        }

        // in English the section keeps working and says the same thing
        browser.clickable(By.cssSelector(".leadtocash-language a[data-locale='en']")).click();
        browser.visible(By.cssSelector(".leadtocash-language a[data-locale='en'][aria-current]"));
        WebElement english = browser.visible(By.cssSelector(".leadtocash-company[data-loaded]"));
        assertThat(english.findElement(By.cssSelector("label[for=leadtocash-company-bankAccount]")).getText())
                .startsWith("Bank account");
        assertThat(Browser.value(english.findElement(By.name("bankAccount")))).isEqualTo(TYPED.get("bankAccount"));
        browser.screenshot("company-6-english");
    }

    private static void type(WebElement form, String field, String text) {
        AdminPages.typeCompanyField(form, field, text);
    }
}
