package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

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
import org.leadtocash.shared.Groups;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.ProcessTests;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SLA heatmap on Cockpit's payment journey diagram: node ① holds one journey past its 48 h breaker and one on time,
 * so its badge says 2 waiting, 1 past due, and is red (half past due), with the median time spent there by those that
 * moved on as the heatmap API gives it; clicking the activity lists its instances.
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
    @Autowired TestRestTemplate rest;

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
    void managerSeesWherePaymentsPileUpPastTheirSlaAndClicksThroughToThem() throws Exception {
        ClockUtil.setCurrentTime(Date.from(Instant.now().minus(Duration.ofHours(60))));
        PaymentJourney late = journeys.start(PaymentFixtures.start("zhangwei", "A医院", "120000.00"));
        ClockUtil.reset();
        PaymentJourney onTime = journeys.start(PaymentFixtures.start("zhangwei", "B学校", "56000.00"));
        // one journey past node ①, so the badge has a median time spent there
        PaymentJourney moved = journeys.start(PaymentFixtures.start("zhangwei", "C工厂", "30000.00"));
        ProcessTests.completeAs("zhangwei", List.of(Groups.SALES_REP), ProcessTests.task(NODE_ONE, ProcessTests.processInstance(
                moved.processInstanceId())), Map.of(PaymentJourneyProcess.Vars.INVOICE_SIGNED_DATE, TestData.today().toString(),
                PaymentJourneyProcess.Vars.EXPECTED_PAYMENT_DATE, TestData.today().plusDays(20).toString(),
                PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_NAME, "王采购", PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_MOBILE,
                "139 1234 5678"));
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
        // the median's bucket as GET /api/heatmap gives it (the summary over all versions of the key, last 90 days)
        JsonNode heatmap = new ObjectMapper().readTree(rest.withBasicAuth("limin", "limin")
                .getForObject("/api/heatmap/" + definitionId + "?days=90", String.class));
        JsonNode nodeOne = null;
        for (JsonNode a : heatmap.path("activities")) {
            nodeOne = NODE_ONE.equals(a.path("activityId").asText()) ? a : nodeOne;
        }
        assertThat(nodeOne).as(heatmap.toString()).isNotNull();
        assertThat(nodeOne.path("finished").asLong()).isPositive();
        assertThat(badge.getDomAttribute("data-finished")).isEqualTo(nodeOne.path("finished").asText());
        assertThat(badge.getDomAttribute("data-median-minutes")).isEqualTo(nodeOne.path("medianMinutes").asText());
        browser.screenshot("heatmap-1-limin-payment-diagram");

        browser.clickable(By.cssSelector("g.djs-element[data-element-id='" + NODE_ONE + "']")).click();
        browser.waitForText(late.processInstanceId());
        browser.waitForText(onTime.processInstanceId());
        browser.screenshot("heatmap-2-limin-node-one-instances");
    }
}
