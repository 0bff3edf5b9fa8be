package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.system.identity.IdentitySetup;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.FormDates;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lead-routing journey in a real browser (headless Chromium) against the whole application: a rep completes his
 * first-contact task in Tasklist through the Camunda Form, a manager finds the instance in Cockpit by its business key,
 * and another rep does not see the task. Screenshots of every step: {@code target/e2e-screenshots/}.
 * Skipped where {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class LeadRoutingBrowserTests {
    private static final String TASK_NAME = "联系客户 Contact the customer";
    private static final By FORM_COMPANY = By.cssSelector("input[id$='-Field_companyName']");
    private static final By FORM_NOTES = By.cssSelector("textarea[id$='-Field_contactNotes']");
    private static final By FORM_ROUTING_EXPLANATION = By.cssSelector("textarea[id$='-Field_routingExplanation']");
    private static final By FORM_FOLLOW_UP_DATE = By.cssSelector("input[id$='-Field_nextFollowUpDate-date']");
    private static final By COMPLETE = By.cssSelector("button[ng-click='complete()']");
    private static final By TASKLIST_TASKS = By.cssSelector(".tasks-list li.task");

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired LeadIntake intake;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;
    @Autowired EngineClock clock;
    @Autowired JdbcClient jdbc;

    private Browser browser;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void repCompletesHisFirstContactTaskInTasklistInChinese() {
        Lead lead = leadRoutedToZhangwei();
        Task task = firstContactTask(lead);
        String explanation = (String) runtimeService.getVariable(lead.processInstanceId(), LeadRoutingProcess.Vars.ROUTING_EXPLANATION);
        String notes = "客户对智能网关很感兴趣，约好下周三上门演示；预算已批。";
        LocalDate nextFollowUp = followUpDate(clock.today());

        browser = browsers.open(baseUrl());
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        browser.clickable(filter(IdentitySetup.FILTER_MY_TASKS));
        browser.screenshot("first-contact-1-zhangwei-logged-into-tasklist");

        assertThat(openFilter(IdentitySetup.FILTER_MY_TASKS)).as("zhangwei's task count").isEqualTo(1);
        By taskInList = taskInList(task);
        browser.visible(taskInList);
        assertThat(browser.driver().findElement(taskInList).getText()).contains(TASK_NAME);
        browser.screenshot("first-contact-2-zhangwei-my-tasks");

        browser.clickable(taskInList).click();
        WebElement routing = browser.visible(FORM_ROUTING_EXPLANATION);
        browser.until("the routing explanation in the form", d -> !Browser.value(routing).isBlank());
        String page = browser.pageText();
        assertThat(page).contains("联系客户 Contact the customer", "分配说明 Why this lead is yours", "联系结果 Contact outcome",
                "已联系上 Reached", "沟通记录 Notes", "下次跟进日期 Next follow-up date");
        assertThat(Browser.value(browser.visible(FORM_COMPANY))).isEqualTo(lead.companyName());
        assertThat(normalized(Browser.value(routing))).isEqualTo(normalized(explanation))
                .contains("zhangwei", "lina", "出差");
        browser.screenshot("first-contact-3-zhangwei-opens-the-form");

        // the form is longer than the window: bring the choice above Tasklist's footer before clicking it
        WebElement reached = browser.clickable(By.xpath("//label[contains(normalize-space(.), '已联系上 Reached')]"));
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", reached);
        browser.clickable(By.xpath("//label[contains(normalize-space(.), '已联系上 Reached')]")).click();
        WebElement notesField = browser.visible(FORM_NOTES);
        notesField.sendKeys(notes);
        WebElement date = browser.visible(FORM_FOLLOW_UP_DATE);
        // the form-js date picker takes typed dates in the format of its placeholder (mm/dd/yyyy) and commits on blur;
        // how it then shows the date depends on the form-js and Chromium versions, so the test checks what was
        // submitted (the process variable and the stored row), not the text of the widget
        String placeholder = date.getDomAttribute("placeholder");
        String typedDate = nextFollowUp.format(DateTimeFormatter.ofPattern(
                (placeholder == null || placeholder.isBlank() ? "mm/dd/yyyy" : placeholder).replace("mm", "MM"), Locale.ROOT));
        LoggerFactory.getLogger(LeadRoutingBrowserTests.class).info("typing the follow-up date {} as '{}'", nextFollowUp, typedDate);
        date.sendKeys(typedDate);
        date.sendKeys(Keys.TAB);
        browser.until("the follow-up date field to keep a date after leaving it", d -> !Browser.value(date).isBlank());
        browser.until("the notes to be taken", d -> notes.equals(Browser.value(notesField)));
        browser.screenshot("first-contact-4-zhangwei-fills-the-form");

        browser.clickable(COMPLETE).click();
        browser.gone(taskInList);
        browser.until("the empty task list", d -> d.findElements(TASKLIST_TASKS).isEmpty());
        browser.screenshot("first-contact-5-zhangwei-completed-the-task");

        HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
                .processInstanceId(lead.processInstanceId()).singleResult();
        assertThat(instance.getEndTime()).as("the instance has ended").isNotNull();
        assertThat(instance.getEndActivityId()).isEqualTo(LeadRoutingProcess.Event.LEAD_CONTACTED);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(lead.processInstanceId())
                .activityId(LeadRoutingProcess.Event.LEAD_CONTACTED).finished().count()).isEqualTo(1);
        assertThat(historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).singleResult().getDeleteReason())
                .isEqualTo("completed");
        StoredLead stored = jdbc.sql("SELECT status, contact_notes, next_follow_up_date, first_contact_at FROM sales_lead WHERE id = ?")
                .param(lead.id())
                .query((rs, i) -> new StoredLead(rs.getString("status"), rs.getString("contact_notes"),
                        rs.getObject("next_follow_up_date", LocalDate.class), rs.getTimestamp("first_contact_at") != null))
                .single();
        assertThat(stored).isEqualTo(new StoredLead("CONTACTED", notes, nextFollowUp, true));
        Object submitted = historyService.createHistoricVariableInstanceQuery().processInstanceId(lead.processInstanceId())
                .variableName(LeadRoutingProcess.Vars.NEXT_FOLLOW_UP_DATE).singleResult().getValue();
        assertThat(FormDates.parse(submitted, clock.zone())).as("the submitted follow-up date").isEqualTo(nextFollowUp);
    }

    @Test
    void managerFindsTheLeadInstanceInCockpitByItsBusinessKey() {
        Lead lead = leadRoutedToZhangwei();

        browser = browsers.open(baseUrl());
        browser.loginTo("cockpit", "limin", "limin");
        browser.waitForText(WebappLabels.zh("cockpit", "DASHBOARD_RUNNING_PROCESS_INSTANCE"));
        browser.screenshot("cockpit-1-limin-dashboard");

        browser.clickable(By.linkText(WebappLabels.zh("cockpit", "COCKPIT_PROCESSES"))).click();
        By leadRouting = By.cssSelector("a[href^='#/process-definition/" + LeadRoutingProcess.KEY + ":']");
        browser.visible(leadRouting);
        browser.screenshot("cockpit-2-limin-process-definitions");

        browser.clickable(leadRouting).click();
        browser.waitForText(lead.id());
        String page = browser.pageText();
        assertThat(page).contains("线索分配 Lead routing", WebappLabels.zh("cockpit", "PLUGIN_PROCESS_INSTANCE_BUSINESS_KEY"),
                lead.id(), lead.processInstanceId());
        WebElement row = browser.visible(By.xpath("//tr[.//*[normalize-space(text())='" + lead.id() + "']]"));
        assertThat(row.getText()).contains(lead.processInstanceId());
        browser.screenshot("cockpit-3-limin-lead-routing-instances");
    }

    @Test
    void anotherRepDoesNotSeeTheTask() {
        Lead lead = leadRoutedToZhangwei();
        Task task = firstContactTask(lead);

        browser = browsers.open(baseUrl());
        browser.loginTo("tasklist", "lina", "lina");
        assertThat(openFilter(IdentitySetup.FILTER_MY_TASKS)).as("lina's task count").isZero();
        browser.waitForText(WebappLabels.zh("tasklist", "NO_MATCHING_TASK"));
        assertThat(browser.driver().findElements(TASKLIST_TASKS)).isEmpty();
        browser.screenshot("isolation-1-lina-my-tasks");

        assertThat(openFilter(IdentitySetup.FILTER_GROUP_TASKS)).as("unclaimed tasks of lina's groups").isZero();
        browser.waitForText(WebappLabels.zh("tasklist", "NO_MATCHING_TASK"));
        assertThat(browser.driver().findElements(taskInList(task))).isEmpty();
        browser.screenshot("isolation-2-lina-group-tasks");

        // even with the link to the task, nothing of the lead shows
        browser.open("/camunda/app/tasklist/default/#/?task=" + task.getId());
        browser.until("Tasklist to refuse the task", d -> d.findElements(By.cssSelector(".page-notifications")).stream()
                .anyMatch(n -> n.getText().contains("No matching task with id " + task.getId())));
        assertThat(browser.driver().findElements(FORM_NOTES)).isEmpty();
        assertThat(browser.pageText()).doesNotContain(lead.companyName());
        browser.screenshot("isolation-3-lina-opens-the-task-link");
    }

    /** A website lead over 200,000 CNY in the East (rule "官网大额线索": zhangwei, lina), lina on a trip, routed. */
    private Lead leadRoutedToZhangwei() {
        LocalDate today = clock.today();
        data.trip("lina", today.minusDays(1), today.plusDays(3));
        Lead lead = intake.receive(TestData.leadBody("WEBSITE_FORM", "EAST", "250000"), LeadSource.WEBSITE_FORM).lead();
        Job routing = managementService.createJobQuery().processInstanceId(lead.processInstanceId())
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult();
        assertThat(routing).as("the routing job").isNotNull();
        managementService.executeJob(routing.getId());
        assertThat(firstContactTask(lead).getAssignee()).as("first-contact task assignee").isEqualTo("zhangwei");
        return lead;
    }

    /**
     * Clicks a Tasklist filter and returns its task count once Tasklist shows it (the counter appears next to the
     * focused filter when its count request has answered; a failed request leaves an error in the list instead).
     */
    private int openFilter(String name) {
        browser.clickable(filter(name)).click();
        By counter = By.xpath("//*[contains(@class,'task-filter') and contains(@class,'active')]//h4//a[contains(normalize-space(.), '"
                + name + "')]/span[contains(@class,'counter')]");
        try {
            String count = browser.until("the task count of filter '" + name + "'", d -> d.findElements(counter).stream()
                    .map(WebElement::getText).map(String::strip).filter(t -> t.matches("\\d+")).findFirst().orElse(null));
            return Integer.parseInt(count);
        } catch (TimeoutException e) {
            throw new AssertionError("Tasklist filter '" + name + "' shows no task count; its task list says: "
                    + browser.driver().findElement(By.cssSelector("section.tasks-list")).getText(), e);
        }
    }

    /**
     * The follow-up date the rep types: {@code -De2e.follow-up-date=2027-03-04} if given, otherwise the first day after
     * today whose month and day both have one digit (the case that broke a text comparison of the widget), so the
     * test takes the same path on every calendar day.
     */
    static LocalDate followUpDate(LocalDate today) {
        String fixed = System.getProperty("e2e.follow-up-date");
        if (fixed != null && !fixed.isBlank()) {
            return LocalDate.parse(fixed.strip());
        }
        LocalDate d = today.plusDays(1);
        while (d.getMonthValue() > 9 || d.getDayOfMonth() > 9) {
            d = d.plusDays(1);
        }
        return d;
    }

    private Task firstContactTask(Lead lead) {
        Task task = taskService.createTaskQuery().processInstanceId(lead.processInstanceId())
                .taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).singleResult();
        assertThat(task).as("the first-contact task").isNotNull();
        return task;
    }

    private record StoredLead(String status, String contactNotes, LocalDate nextFollowUpDate, boolean firstContactRecorded) {
    }

    private String baseUrl() {
        return "http://localhost:" + port;
    }

    private static By filter(String name) {
        return By.xpath("//*[contains(@class,'task-filter')]//h4//a[contains(normalize-space(.), '" + name + "')]");
    }

    private static By taskInList(Task task) {
        return By.cssSelector(".tasks-list a[href='#/?task=" + task.getId() + "']");
    }

    private static String normalized(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").strip();
    }
}
