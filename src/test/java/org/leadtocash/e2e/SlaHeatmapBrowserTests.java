package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadtocash.payment.PaymentFixtures;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The SLA heatmap on Cockpit's payment journey diagram: node ① holds one journey past its 48 h breaker and one on time,
 * so its badge says 2 waiting, 1 past due, and is red (half past due); clicking the activity lists its instances.
 * Screenshots: {@code target/e2e-screenshots/heatmap-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class SlaHeatmapBrowserTests {
    private static final String NODE_ONE = PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED;

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired PaymentFixtures fixtures;
    @Autowired PaymentJourneys journeys;
    @Autowired TaskService taskService;
    @Autowired RepositoryService repositoryService;

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
    void managerSeesWherePaymentsPileUpPastTheirSlaAndClicksThroughToThem() {
        ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofHours(60))));
        PaymentJourney late = journeys.start(PaymentFixtures.start("zhangwei", "A医院", "120000.00"));
        ClockUtil.reset();
        PaymentJourney onTime = journeys.start(PaymentFixtures.start("zhangwei", "B学校", "56000.00"));
        assertThat(taskService.createTaskQuery().taskDefinitionKey(NODE_ONE).dueBefore(new Date()).count())
                .as("node ① tasks past their due date").isEqualTo(1);
        String definitionId = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PaymentJourneyProcess.KEY)
                .latestVersion().singleResult().getId();

        Browser browser = browsers.open("http://localhost:" + port);
        browser.loginTo("cockpit", "limin", "limin");
        browser.open("/camunda/app/cockpit/default/#/process-definition/" + definitionId + "/runtime");
        WebElement badge = browser.visible(By.cssSelector(".leadtocash-sla[data-activity-id='" + NODE_ONE + "']"));
        assertThat(badge.getDomAttribute("data-waiting")).isEqualTo("2");
        assertThat(badge.getDomAttribute("data-overdue")).isEqualTo("1");
        assertThat(badge.getDomAttribute("class")).contains("leadtocash-sla-hot");
        browser.screenshot("heatmap-1-limin-payment-diagram");

        browser.clickable(By.cssSelector("g.djs-element[data-element-id='" + NODE_ONE + "']")).click();
        browser.waitForText(late.processInstanceId());
        browser.waitForText(onTime.processInstanceId());
        browser.screenshot("heatmap-2-limin-node-one-instances");
    }
}
