package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadtocash.followup.CustomerFollowUpProcess;
import org.leadtocash.lead.Customer;
import org.leadtocash.lead.CustomerReached;
import org.leadtocash.lead.Customers;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.system.identity.IdentitySetup;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The follow-up cadence in a real browser: zhangwei's promise to call a customer back passed yesterday, so his
 * "跟进客户 Follow up the customer" task waits in Tasklist; he records the outcome and his next promise through the
 * Camunda Form, and the contact row is stored. Screenshots: {@code target/e2e-screenshots/}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class FollowUpBrowserTests {
    private static final By FORM_NOTES = By.cssSelector("textarea[id$='-Field_followUpNotes']");
    private static final By FORM_NEXT_DATE = By.cssSelector("input[id$='-Field_nextFollowUpDate-date']");
    private static final By FORM_MISSED_DATE = By.cssSelector("input[id$='-Field_missedFollowUpDate']");
    private static final By COMPLETE = By.cssSelector("button[ng-click='complete()']");

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired Customers customers;
    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate tx;
    @Autowired ManagementService managementService;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired EngineClock clock;
    @Autowired JdbcClient jdbc;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void repCompletesAnOverdueFollowUpInTasklistAndTheContactIsStored() {
        LocalDate yesterday = clock.today().minusDays(1);
        Customer customer = customers.ensureOwned(TestData.creditCode(), "杭州浏览器跟进测试有限公司", "zhangwei");
        tx.executeWithoutResult(s -> events.publishEvent(new CustomerReached(customer.id(), customer.companyName(), "zhangwei",
                "zhangwei", null, clock.now().minusSeconds(3 * 86_400), yesterday, "约好昨天回电")));
        String pi = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(customer.id()).singleResult().getId();
        Job promisePassed = managementService.createJobQuery().processInstanceId(pi).timers()
                .activityId(CustomerFollowUpProcess.Event.PROMISE_PASSED).singleResult();
        managementService.executeJob(promisePassed.getId());
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(customer.id())
                .taskDefinitionKey(CustomerFollowUpProcess.Task.FOLLOW_UP_CUSTOMER).singleResult();
        assertThat(task.getAssignee()).isEqualTo("zhangwei");
        LocalDate next = LeadRoutingBrowserTests.followUpDate(clock.today());
        String notes = "客户确认下月采购两台智能网关";

        Browser browser = browsers.open("http://localhost:" + port);
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        browser.clickable(filter(IdentitySetup.FILTER_MY_TASKS)).click();
        By taskInList = By.cssSelector(".tasks-list a[href='#/?task=" + task.getId() + "']");
        browser.visible(taskInList);
        assertThat(browser.driver().findElement(taskInList).getText()).contains("跟进客户 Follow up the customer");
        browser.screenshot("follow-up-1-zhangwei-my-tasks");

        browser.clickable(taskInList).click();
        WebElement missed = browser.visible(FORM_MISSED_DATE);
        browser.until("the missed promise in the form", d -> yesterday.toString().equals(Browser.value(missed)));
        assertThat(browser.pageText()).contains("跟进结果 Outcome", "洽谈中 Negotiating", "下次跟进日期 Next follow-up date");
        browser.screenshot("follow-up-2-zhangwei-opens-the-form");

        browser.clickable(By.xpath("//label[contains(normalize-space(.), '洽谈中 Negotiating')]")).click();
        WebElement notesField = browser.visible(FORM_NOTES);
        notesField.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE); // the form shows the last contact's notes
        notesField.sendKeys(notes);
        WebElement date = browser.visible(FORM_NEXT_DATE);
        String placeholder = date.getDomAttribute("placeholder");
        String typed = next.format(DateTimeFormatter.ofPattern(
                (placeholder == null || placeholder.isBlank() ? "mm/dd/yyyy" : placeholder).replace("mm", "MM"), Locale.ROOT));
        date.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        date.sendKeys(typed);
        date.sendKeys(Keys.TAB);
        browser.until("the notes to be taken", d -> notes.equals(Browser.value(notesField)));
        browser.screenshot("follow-up-3-zhangwei-fills-the-form");

        browser.clickable(COMPLETE).click();
        browser.gone(taskInList);
        browser.screenshot("follow-up-4-zhangwei-completed-the-task");

        record Stored(String outcome, String notes, LocalDate next, String via, String recordedBy) {
        }
        Stored stored = jdbc.sql("SELECT outcome, notes, next_follow_up_date, via, recorded_by FROM follow_up_contact "
                        + "WHERE customer_id = ? AND via = 'TASK'").param(customer.id())
                .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getString(4),
                        rs.getString(5))).single();
        assertThat(stored).isEqualTo(new Stored("NEGOTIATING", notes, next, "TASK", "zhangwei"));
        assertThat(jdbc.sql("SELECT next_follow_up_date FROM follow_up_customer WHERE customer_id = ?").param(customer.id())
                .query(LocalDate.class).single()).isEqualTo(next);
    }

    private static By filter(String name) {
        return By.xpath("//*[contains(@class,'task-filter')]//h4//a[contains(normalize-space(.), '" + name + "')]");
    }
}
