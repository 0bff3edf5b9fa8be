package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.payment.PaymentFixtures;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The sales KPI board on Cockpit's dashboard: limin (manager) sees the R-07 share equal to the API's figure for the
 * same range, with the contract and payment sections, and follows the link to the lead instances; finance (wufang) opens
 * Cockpit for payment journeys but is not shown the board; lina (rep) cannot
 * open Cockpit at all. Screenshots: {@code target/e2e-screenshots/kpi-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class KpiBoardBrowserTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired LeadIntake intake;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired TestRestTemplate rest;
    @Autowired PaymentJourneys journeys;
    @Autowired PaymentFixtures fixtures;

    private Browser browser;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    void reset() {
        data.reset();
        fixtures.reset();
        browser = browsers.open("http://localhost:" + port);
    }

    @Test
    void managerSeesTheFirstContactShareOfTheApiOnTheCockpitDashboard() throws Exception {
        contactedRightAway(routedLead("EAST"));
        routedLead("SOUTH");
        PaymentJourney paid = journeys.start(PaymentFixtures.start("zhangwei", "A医院", "100.00"));
        journeys.applyBankReceipt(paid.invoiceNo(), new BigDecimal("100.00"), TestData.today(), "KPI-BOARD-1", "wufang");

        browser.loginTo("cockpit", "limin", "limin");
        WebElement board = browser.visible(By.cssSelector(".leadtocash-kpi[data-loaded]"));
        String[] range = board.getDomAttribute("data-loaded").split("/");
        JsonNode api = JSON.readTree(rest.withBasicAuth("limin", "limin")
                .getForEntity("/api/kpi/leads/first-contact?from=" + range[0] + "&to=" + range[1], String.class).getBody());
        assertThat(api.path("overall").path("leads").asInt()).as("the two leads are in the board's range").isEqualTo(2);

        WebElement share = board.findElement(By.cssSelector("[data-kpi='firstContactShare']"));
        assertThat(new BigDecimal(share.getDomAttribute("data-value")))
                .isEqualByComparingTo(api.path("overall").path("shareWithinSla").decimalValue())
                .isEqualByComparingTo("0.5");
        assertThat(board.findElement(By.cssSelector("[data-kpi='firstContactMedian']")).getDomAttribute("data-value"))
                .as("the median's bucket edge the API gives, shown as ≤ it").isEqualTo(api.path("overall").path("medianMinutesToFirstContact").asText())
                .isNotEmpty();
        assertThat(board.findElements(By.cssSelector("[data-section] .leadtocash-kpi-error"))).as("every section loads").isEmpty();
        assertThat(board.findElements(By.cssSelector("[data-kpi='legalReturnRate'], [data-kpi='complianceRate'], "
                + "[data-kpi='paymentCycleDays']"))).hasSize(3);
        assertThat(board.findElements(By.cssSelector("[data-kpi='overdueFollowUpRatio'], [data-kpi='capturedShare'], "
                + "[data-kpi='policiesWithinBenchmark']"))).as("follow-up, contact and policy figures (R-31, R-33, R-34)").hasSize(3);
        JsonNode followUp = JSON.readTree(rest.withBasicAuth("limin", "limin").getForEntity("/api/kpi/follow-up", String.class).getBody());
        assertThat(followUp.path("company").path("overdueRatio").isNumber()).as("the API gives a company ratio").isTrue();
        assertThat(new BigDecimal(board.findElement(By.cssSelector("[data-kpi='overdueFollowUpRatio']")).getDomAttribute("data-value")))
                .as("the board's overdue follow-up ratio is the API's")
                .isEqualByComparingTo(followUp.path("company").path("overdueRatio").decimalValue());
        JsonNode payments = JSON.readTree(rest.withBasicAuth("limin", "limin")
                .getForEntity("/api/kpi/payments?from=" + range[0] + "&to=" + range[1], String.class).getBody());
        assertThat(payments.path("cycle").path("journeysPaid").asInt()).as("the paid journey is in the board's range").isEqualTo(1);
        WebElement cycle = board.findElement(By.cssSelector("[data-kpi='paymentCycleDays']"));
        assertThat(new BigDecimal(cycle.getDomAttribute("data-value"))).isEqualByComparingTo(payments.path("cycle").path("averageDays").decimalValue());
        assertThat(cycle.getText()).as("the median shown as at most its bucket's upper edge, as the API gives it")
                .contains("≤ " + payments.path("cycle").path("medianDays").decimalValue().setScale(1, java.math.RoundingMode.HALF_UP).toPlainString());
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()",
                board.findElement(By.cssSelector("[data-section='contracts']")));
        browser.screenshot("kpi-1b-limin-contract-and-payment-figures");
        assertThat(board.findElements(By.cssSelector("svg[data-chart='firstContactPerRep'] rect")))
                .as("a bar per rep of the API's answer").hasSize(api.path("byRep").size()).hasSize(2);
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView()", board);
        browser.screenshot("kpi-1-limin-dashboard-board");

        browser.clickable(By.cssSelector("[data-section='leads'] a.leadtocash-kpi-instances")).click();
        browser.until("the lead routing instances", d -> d.getCurrentUrl().contains("/process-definition/" + LeadRoutingProcess.KEY + ":"));
        browser.screenshot("kpi-2-limin-lead-instances");
    }

    @Test
    void aRepCannotOpenCockpitSoNeverSeesTheBoard() {
        browser.open("/camunda/app/cockpit/default/");
        browser.until("the cockpit login form", d -> d.getCurrentUrl().contains("#/login"));
        browser.visible(By.cssSelector("form[name=signinForm] input[ng-model=username]")).sendKeys("lina");
        browser.visible(By.cssSelector("form[name=signinForm] input[ng-model=password]")).sendKeys("lina");
        browser.clickable(By.cssSelector("form[name=signinForm] button[type=submit]")).click();
        browser.waitForText(WebappLabels.zh("cockpit", "PAGE_LOGIN_ERROR_MSG"));
        assertThat(browser.driver().findElements(By.cssSelector(".leadtocash-kpi"))).isEmpty();
        assertThat(rest.withBasicAuth("lina", "lina").getForEntity("/api/kpi/contracts?from=2026-01-01&to=2026-12-31", String.class)
                .getStatusCode().value()).as("nor the contract figures over the API").isEqualTo(403);
        browser.screenshot("kpi-3-lina-refused");
    }

    @Test
    void financeOpensCockpitForPaymentJourneysButIsNotShownTheBoard() {
        browser.loginTo("cockpit", "wufang", "wufang");
        browser.until("the dashboard to leave the board out", d -> !d.findElements(By.cssSelector("[data-kpi-board=not-for-this-user]")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector(".leadtocash-kpi"))).isEmpty();
        assertThat(rest.withBasicAuth("wufang", "wufang").getForEntity("/api/kpi/contracts?from=2026-01-01&to=2026-12-31", String.class)
                .getStatusCode().value()).as("the contract figures are not finance's").isEqualTo(403);
        browser.screenshot("kpi-4-finance-no-board");
    }

    private String routedLead(String region) {
        Lead lead = intake.receive(TestData.leadBody("WEBSITE_FORM", region, "30000"), LeadSource.WEBSITE_FORM).lead();
        managementService.executeJob(managementService.createJobQuery().processInstanceId(lead.processInstanceId())
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult().getId());
        return lead.processInstanceId();
    }

    private void contactedRightAway(String processInstanceId) {
        var task = taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).singleResult();
        Map<String, Object> vars = new HashMap<>();
        vars.put(LeadRoutingProcess.Vars.CONTACT_OUTCOME, "REACHED");
        vars.put(LeadRoutingProcess.Vars.CONTACT_NOTES, "已联系");
        vars.put(LeadRoutingProcess.Vars.NEXT_FOLLOW_UP_DATE, TestData.today().plusDays(7).toString());
        taskService.complete(task.getId(), vars);
    }
}
