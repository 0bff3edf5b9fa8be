package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The webapps speak Chinese by default, whatever the browser's own language (this browser says en-US), carry no
 * "migrate to Camunda 8" banner, and switch to English and back with the link at the foot of every page; the choice
 * is kept in the browser. Screenshots: {@code target/e2e-screenshots/zh-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class ChineseWebappsBrowserTests {
    private static final By BANNER = By.cssSelector(".ce-eol-banner");

    @LocalServerPort int port;
    @Autowired TestData data;

    private Browser browser;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    void reset() {
        data.reset();
        browser = browsers.open("http://localhost:" + port);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void loginPageIsChineseWithoutTheMigrationBanner(String app) {
        browser.open("/camunda/app/" + app + "/default/");
        browser.waitForText(WebappLabels.zh(app, "PAGE_LOGIN_SIGN_IN_ACTION"));
        assertThat(browser.pageText()).doesNotContain(WebappLabels.en(app, "PAGE_LOGIN_SIGN_IN_ACTION"), "Camunda 8");
        assertThat(browser.driver().findElements(BANNER)).allSatisfy(b -> assertThat(b.getText()).isBlank());
        assertThat(chosenLocale()).as("nothing chosen yet: Chinese is the default").isNull();
        browser.screenshot("zh-1-" + app + "-login");
    }

    @Test
    void repSeesTasklistInChineseAndSwitchesToEnglishAndBack() {
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        browser.waitForText(WebappLabels.zh("tasklist", "START_PROCESS"));
        assertThat(browser.pageText()).doesNotContain(WebappLabels.en("tasklist", "START_PROCESS"), "Camunda 8");
        browser.screenshot("zh-2-tasklist-chinese");

        switchTo("en");
        browser.waitForText(WebappLabels.en("tasklist", "START_PROCESS"));
        assertThat(chosenLocale()).as("the stored choice").isEqualTo("en");
        browser.open("/camunda/app/tasklist/default/");
        browser.waitForText(WebappLabels.en("tasklist", "START_PROCESS"));
        assertThat(browser.pageText()).as("still no banner in English").doesNotContain("Camunda 8");
        browser.screenshot("zh-3-tasklist-english-after-reload");

        switchTo("zh");
        browser.waitForText(WebappLabels.zh("tasklist", "START_PROCESS"));
        assertThat(chosenLocale()).isEqualTo("zh");
        browser.screenshot("zh-4-tasklist-chinese-again");
    }

    @Test
    void managerSeesTheCockpitDashboardInChinese() {
        browser.loginTo("cockpit", "limin", "limin");
        browser.waitForText(WebappLabels.zh("cockpit", "DASHBOARD_RUNNING_PROCESS_INSTANCE"));
        assertThat(browser.pageText()).doesNotContain(WebappLabels.en("cockpit", "DASHBOARD_RUNNING_PROCESS_INSTANCE"), "Camunda 8");
        browser.screenshot("zh-5-cockpit-dashboard");
    }

    /** Clicks the language link at the foot of the page and waits for the page to come back with it chosen. */
    private void switchTo(String locale) {
        browser.clickable(By.cssSelector(".leadtocash-language a[data-locale='" + locale + "']")).click();
        browser.visible(By.cssSelector(".leadtocash-language a[data-locale='" + locale + "'][aria-current]"));
    }

    private String chosenLocale() {
        return (String) ((JavascriptExecutor) browser.driver()).executeScript("return window.localStorage.getItem('leadtocash.locale');");
    }
}
