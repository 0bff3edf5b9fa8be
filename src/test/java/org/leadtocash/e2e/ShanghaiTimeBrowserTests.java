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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The webapps show dates in Asia/Shanghai whatever the browser's zone ({@code app/leadtocash/shanghai-time.js}): a
 * Chromium whose time zone is overridden to America/New_York (CDP {@code Emulation.setTimezoneOverride}) shows a task's
 * due date as its Shanghai wall time, computed here from the stored task, not as New York's; Cockpit shows an
 * instance's start time as yyyy-MM-dd HH:mm in Chinese (its own pattern in English), and the footer of Tasklist,
 * Cockpit, Admin and Welcome says dates are in Beijing time and names Asia/Shanghai.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class ShanghaiTimeBrowserTests {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String FOOTER = "CAM_WIDGET_FOOTER_TIMEZONE";
    /** Camunda's English file says "in local timezone"; app/leadtocash/locale.js replaces it (ENGLISH_LABELS). */
    private static final String ENGLISH_FOOTER = "Dates and times shown in Beijing time (UTC+08:00):";

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
        assertFooterSaysBeijingTime(browser, WebappLabels.zh("tasklist", FOOTER));
        browser.screenshot("shanghai-time-tasklist");
    }

    @Test
    void cockpitShowsAnInstancesStartTimeAsItsShanghaiWallTimeInABrowserInNewYork() {
        PaymentJourney journey = journeys.start(new JourneyStart("TZ-IR-2", "TZ00000002", null, "B医院", "zhangwei",
                new BigDecimal("80000.00"), clock.today(), null, null, null));
        var instance = historyService.createHistoricProcessInstanceQuery().processInstanceId(journey.processInstanceId())
                .singleResult();
        // in Chinese the webapps' pattern yyyy-MM-dd HH:mm, from the stored start time
        var started = instance.getStartTime().toInstant();
        String shanghai = started.atZone(SHANGHAI).format(MINUTES);
        assertThat(started.atZone(NEW_YORK).format(MINUTES)).as("the two zones differ").isNotEqualTo(shanghai);

        Browser browser = inNewYork();
        browser.loginTo("cockpit", "limin", "limin");
        String instances = "/camunda/app/cockpit/default/#/process-definition/" + instance.getProcessDefinitionId() + "/runtime";
        browser.open(instances);
        browser.waitForText(shanghai);
        assertFooterSaysBeijingTime(browser, WebappLabels.zh("cockpit", FOOTER));
        browser.screenshot("shanghai-time-cockpit-instances");

        // English stays selectable: Cockpit's own pattern, still the Shanghai wall time, and a footer that says so
        setLocale(browser, "en");
        browser.driver().navigate().refresh();
        browser.waitForText(started.atZone(SHANGHAI).format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
        assertFooterSaysBeijingTime(browser, ENGLISH_FOOTER);
        browser.screenshot("shanghai-time-cockpit-instances-en");
    }

    @Test
    void adminAndWelcomeSayTheyShowBeijingTimeAndNameShanghaiInABrowserInNewYork() {
        Browser browser = inNewYork();
        browser.loginTo("admin", "limin", "limin");
        assertFooterSaysBeijingTime(browser, WebappLabels.zh("admin", FOOTER));
        browser.screenshot("shanghai-time-admin-footer");
        browser.open("/camunda/app/welcome/default/");
        assertFooterSaysBeijingTime(browser, WebappLabels.zh("welcome", FOOTER));
        browser.screenshot("shanghai-time-welcome-footer");

        setLocale(browser, "en");
        browser.open("/camunda/app/admin/default/");
        assertFooterSaysBeijingTime(browser, ENGLISH_FOOTER);
    }

    private Browser inNewYork() {
        Browser browser = browsers.open("http://localhost:" + port);
        ((ChromeDriver) browser.driver()).executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", NEW_YORK.getId()));
        return browser;
    }

    /** The footer's sentence: the label, then the zone (not the browser's New York), then the language switch. */
    private static void assertFooterSaysBeijingTime(Browser browser, String label) {
        assertThat(label).contains("UTC+08:00");
        By zone = By.cssSelector("footer #footer-timezone i");
        browser.until("the footer to name Asia/Shanghai", d -> d.findElements(zone).stream()
                .anyMatch(e -> "Asia/Shanghai".equals(e.getText())));
        browser.until("the footer to say '" + label + "'", d -> d.findElement(By.cssSelector("footer #footer-timezone"))
                .getText().startsWith(label + " Asia/Shanghai"));
    }

    private static void setLocale(Browser browser, String locale) {
        ((JavascriptExecutor) browser.driver()).executeScript("window.localStorage.setItem('leadtocash.locale', arguments[0]);", locale);
    }
}
