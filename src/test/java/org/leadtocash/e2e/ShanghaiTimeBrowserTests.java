package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadtocash.payment.JourneyStart;
import org.leadtocash.payment.PaymentFixtures;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The webapps show dates in Asia/Shanghai whatever the browser's zone ({@code app/leadtocash/shanghai-time.js}): a
 * Chromium whose time zone is overridden to America/New_York (CDP {@code Emulation.setTimezoneOverride}) shows a task's
 * due date as its Shanghai wall time, computed here from the stored task, not as New York's.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class ShanghaiTimeBrowserTests {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired PaymentFixtures payments;
    @Autowired PaymentJourneys journeys;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired EngineClock clock;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    void reset() {
        data.reset();
        payments.reset();
    }

    @Test
    void aTasksDueDateShowsAsItsShanghaiWallTimeInABrowserInNewYork() {
        PaymentJourney journey = journeys.start(new JourneyStart("TZ-IR-1", "TZ00000001", null, "A医院", "zhangwei",
                new BigDecimal("120000.00"), clock.today(), null, null, null));
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(journey.id())
                .taskDefinitionKey(PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED).singleResult();
        // node ①'s due date (its breaker deadline), as stored
        var due = task.getDueDate().toInstant();
        String shanghai = due.atZone(SHANGHAI).format(MINUTES);
        assertThat(due.atZone(NEW_YORK).format(MINUTES)).as("the two zones differ").isNotEqualTo(shanghai);

        Browser browser = browsers.open("http://localhost:" + port);
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", NEW_YORK.getId()));
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        assertThat(browser.driver() instanceof ChromeDriver c
                ? c.executeScript("return Intl.DateTimeFormat().resolvedOptions().timeZone") : null)
                .as("the browser runs in New York").isEqualTo(NEW_YORK.getId());
        browser.open("/camunda/app/tasklist/default/#/?task=" + task.getId());

        // the task form's header and the task's card in the list: the absolute date is their tooltip
        By dueInForm = By.cssSelector("[cam-tasklist-task-meta] .due-date span[am-time-ago]");
        browser.until("the task's due date as Shanghai wall time", d -> d.findElements(dueInForm).stream()
                .anyMatch(e -> shanghai.equals(e.getDomAttribute("uib-tooltip"))));
        By dueAnywhere = By.cssSelector(".due-date span[am-time-ago]");
        browser.until("the due date in the task list as Shanghai wall time too", d -> d.findElements(dueAnywhere).stream()
                .filter(e -> shanghai.equals(e.getDomAttribute("uib-tooltip"))).count() >= 2);
        assertThat(browser.driver().findElement(By.cssSelector("footer #footer-timezone i")).getText()).isEqualTo("Asia/Shanghai");
        browser.screenshot("shanghai-time-tasklist");
    }

    @Test
    void cockpitShowsAnInstancesStartTimeAsItsShanghaiWallTimeInABrowserInNewYork() {
        PaymentJourney journey = journeys.start(new JourneyStart("TZ-IR-2", "TZ00000002", null, "B医院", "zhangwei",
                new BigDecimal("80000.00"), clock.today(), null, null, null));
        var instance = historyService.createHistoricProcessInstanceQuery().processInstanceId(journey.processInstanceId())
                .singleResult();
        // Cockpit's own pattern for instance lists, YYYY-MM-DD[T]HH:mm:ss, from the stored start time
        String shanghai = instance.getStartTime().toInstant().atZone(SHANGHAI)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));

        Browser browser = browsers.open("http://localhost:" + port);
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", NEW_YORK.getId()));
        browser.loginTo("cockpit", "limin", "limin");
        browser.open("/camunda/app/cockpit/default/#/process-definition/" + instance.getProcessDefinitionId() + "/runtime");
        browser.waitForText(shanghai);
        browser.screenshot("shanghai-time-cockpit-instances");
    }
}
