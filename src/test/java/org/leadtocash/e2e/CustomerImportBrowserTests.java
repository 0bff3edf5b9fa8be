package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A sales manager (limin) imports a customer book from Tasklist's header with his Tasklist login: the panel shows the
 * answer line by line (a refused line with its field and rule) and exactly the valid lines are stored. Desktop and
 * phone-sized (390×844). Screenshots: {@code target/e2e-screenshots/customer-import-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class CustomerImportBrowserTests {
    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @TempDir Path dir;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"desktop", "phone"})
    void managerImportsACustomerBookAndSeesEveryLinesOutcome(String screen) throws Exception {
        String good = TestData.creditCode();
        Path csv = dir.resolve("客户名册.csv");
        Files.writeString(csv, "统一社会信用代码,名称,类型,法定代表人,注册资本(万元),成立日期,住所,经营范围,门店等级\n"
                + good + ",上海导入超市有限公司,有限责任公司,张一,1000,2010-05-01,上海市黄浦区1号,日用百货销售,KA\n"
                + "91310000MA1FL0000I,上海坏代码商店,有限责任公司,王三,100,2012-01-01,上海市3号,零售,VIP\n", StandardCharsets.UTF_8);
        String base = "http://localhost:" + port;
        Browser browser = screen.equals("phone") ? browsers.phone(base) : browsers.open(base);
        browser.loginTo("tasklist", "limin", "limin");

        AdminPages.importCustomers(browser, csv);

        browser.visible(By.cssSelector(".leadtocash-import-lines tr[data-line='3']"));
        List<String> outcomes = browser.driver().findElements(By.cssSelector(".leadtocash-import-lines tbody tr")).stream()
                .map(tr -> tr.getDomAttribute("data-line") + " " + tr.getDomAttribute("data-outcome")).toList();
        assertThat(outcomes).containsExactly("2 CREATED", "3 INVALID");
        List<String> rules = browser.driver().findElements(By.cssSelector("tr[data-line='3'] [data-rule]")).stream()
                .map(e -> e.getDomAttribute("data-field") + ":" + e.getDomAttribute("data-rule")).toList();
        assertThat(rules).containsExactlyInAnyOrder("creditCode:credit-code", "storeTier:known-tier");
        browser.screenshot("customer-import-1-" + screen + "-report");

        assertThat(jdbc.sql("SELECT credit_code FROM customer").query(String.class).list()).containsExactly(good);
    }
}
