package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadtocash.payment.PaymentFixtures;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * R-23 where the rep works: in Tasklist's "我的卡点 Stuck" filter zhangwei's two overdue payment tasks say which
 * customer each is about and carry the "what is stuck" sentence — the same sentence {@code /api/payment-journeys/stuck}
 * gives — also in the task's "回款卡点 Stuck" tab; lina sees neither. Screenshots: {@code target/e2e-screenshots/stuck-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class StuckPaymentsBrowserTests {
    private static final String STUCK_FILTER = "我的卡点 Stuck";
    private static final By STUCK_SENTENCES = By.cssSelector(".tasks-list .leadtocash-payment-stuck");

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired PaymentFixtures fixtures;
    @Autowired PaymentJourneys journeys;
    @Autowired TestRestTemplate rest;

    private Browser browser;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    void reset() {
        data.reset();
        fixtures.reset();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void repSeesWhichCustomerEachStuckPaymentIsAboutAndWhatToDo() throws Exception {
        PaymentJourney hospital = journeys.start(PaymentFixtures.start("zhangwei", "A医院", "120000.00"));
        PaymentJourney school = journeys.start(PaymentFixtures.start("zhangwei", "B学校", "56000.00"));
        // node ① of both has waited 60 h: 12 h past its 48 h breaker
        Instant later = school.nodeSince().plus(Duration.ofHours(60));
        ClockUtil.setCurrentTime(Date.from(later));
        String expected = rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/api/payment-journeys/stuck", String.class).getBody();

        browser = browsers.open("http://localhost:" + port);
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        openFilter(STUCK_FILTER);
        List<WebElement> sentences = browser.until("both stuck sentences on the cards",
                d -> d.findElements(STUCK_SENTENCES).size() == 2 ? d.findElements(STUCK_SENTENCES) : null);
        assertThat(sentences).extracting(WebElement::getText)
                .allSatisfy(text -> assertThat(expected).contains(text))
                .anySatisfy(text -> assertThat(text).contains("A医院", "节点①", "已超时12小时"))
                .anySatisfy(text -> assertThat(text).contains("B学校", "节点①", "已超时12小时"));
        assertThat(browser.pageText()).contains("A医院 · 发票 " + hospital.invoiceNo(), "B学校 · 发票 " + school.invoiceNo());
        browser.screenshot("stuck-1-zhangwei-stuck-filter");

        browser.clickable(By.xpath("//*[contains(@class,'tasks-list')]//li[.//*[contains(text(),'A医院')]]//a[contains(@href,'task=')]")).click();
        browser.clickable(By.xpath("//a[contains(normalize-space(.), '回款卡点 Stuck')]")).click();
        WebElement detail = browser.visible(By.cssSelector(".leadtocash-payment-detail .leadtocash-payment-stuck"));
        assertThat(detail.getText()).contains("A医院", "已超时12小时");
        assertThat(detail.getDomAttribute("data-journey-id")).isEqualTo(hospital.id());
        browser.screenshot("stuck-2-zhangwei-task-stuck-tab");
    }

    @Test
    void anotherRepSeesNoneOfIt() {
        journeys.start(PaymentFixtures.start("zhangwei", "A医院", "120000.00"));
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(60))));
        assertThat(rest.withBasicAuth("lina", "lina").getForEntity("/api/payment-journeys/stuck", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);

        browser = browsers.open("http://localhost:" + port);
        browser.loginTo("tasklist", "lina", "lina");
        openFilter(STUCK_FILTER);
        browser.waitForText(WebappLabels.zh("tasklist", "NO_MATCHING_TASK"));
        assertThat(browser.pageText()).doesNotContain("A医院");
        browser.screenshot("stuck-3-lina-sees-nothing");
    }

    private void openFilter(String name) {
        browser.clickable(By.xpath("//*[contains(@class,'task-filter')]//h4//a[contains(normalize-space(.), '" + name + "')]")).click();
    }
}
