package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The source's reps work from their phones: at 390×844 (Chromium mobile emulation) zhangwei opens a task straight
 * from its link — the link a DingTalk message carries — completes his first contact, and records payment node ②
 * (invoice signed). The form fits the screen (no sideways scrolling) and the complete button is reachable; the tests
 * assert what was committed (stored rows, submitted variables). Screenshots: {@code target/e2e-screenshots/phone-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class RepOnPhoneBrowserTests {
    private static final By COMPLETE = By.cssSelector("button[ng-click='complete()']");

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired PaymentFixtures fixtures;
    @Autowired PaymentJourneys journeys;
    @Autowired LeadIntake intake;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired EngineClock clock;
    @Autowired JdbcClient jdbc;

    private Browser browser;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    void reset() {
        data.reset();
        fixtures.reset();
    }

    @Test
    void repCompletesFirstContactOnHisPhoneFromTheTaskLink() {
        Lead lead = intake.receive(TestData.leadBody("WEBSITE_FORM", "EAST", "250000"), LeadSource.WEBSITE_FORM).lead();
        Job routing = managementService.createJobQuery().processInstanceId(lead.processInstanceId())
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult();
        managementService.executeJob(routing.getId());
        Task task = taskService.createTaskQuery().processInstanceId(lead.processInstanceId())
                .taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).singleResult();
        assertThat(task).as("the first-contact task").isNotNull();
        String rep = task.getAssignee();
        String notes = "手机上记录：客户同意下周演示。";
        LocalDate nextFollowUp = LeadRoutingBrowserTests.followUpDate(clock.today());

        browser = browsers.phone("http://localhost:" + port);
        browser.loginTo("tasklist", rep, rep);
        browser.open("/camunda/app/tasklist/default/#/?task=" + task.getId());
        browser.visible(By.cssSelector("textarea[id$='-Field_contactNotes']"));
        browser.screenshot("phone-1-first-contact-form");
        assertNoSidewaysScrolling();

        WebElement reached = browser.clickable(By.xpath("//label[contains(normalize-space(.), '已联系上 Reached')]"));
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", reached);
        browser.clickable(By.xpath("//label[contains(normalize-space(.), '已联系上 Reached')]")).click();
        WebElement notesField = browser.visible(By.cssSelector("textarea[id$='-Field_contactNotes']"));
        notesField.sendKeys(notes);
        enterDate("nextFollowUpDate", nextFollowUp);
        browser.until("the notes to be taken", d -> notes.equals(Browser.value(notesField)));
        browser.screenshot("phone-2-first-contact-filled");
        complete();
        browser.screenshot("phone-3-first-contact-completed");

        record Stored(String status, String notes, LocalDate next) {
        }
        Stored stored = jdbc.sql("SELECT status, contact_notes, next_follow_up_date FROM sales_lead WHERE id = ?").param(lead.id())
                .query((rs, i) -> new Stored(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class))).single();
        assertThat(stored).isEqualTo(new Stored("CONTACTED", notes, nextFollowUp));
    }

    @Test
    void repRecordsThatTheInvoiceWasSignedOnHisPhone() {
        // finance left the procurement contact for the rep to enter at ②
        PaymentJourney journey = journeys.start(new JourneyStart("PHONE-IR-1", "PH00000001", null, "A医院", "zhangwei",
                new BigDecimal("120000.00"), clock.today(), null, null, null));
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(journey.id())
                .taskDefinitionKey(PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED).singleResult();
        assertThat(task).as("node ②'s task").isNotNull();
        LocalDate signed = clock.today();
        LocalDate expected = LeadRoutingBrowserTests.followUpDate(clock.today());

        browser = browsers.phone("http://localhost:" + port);
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        browser.open("/camunda/app/tasklist/default/#/?task=" + task.getId());
        WebElement contact = browser.visible(By.cssSelector("input[id$='-Field_procurementContactName']"));
        browser.screenshot("phone-4-invoice-signed-form");
        assertNoSidewaysScrolling();

        enterDate("invoiceSignedDate", signed);
        enterDate("expectedPaymentDate", expected);
        contact.sendKeys("周采购");
        WebElement mobile = browser.visible(By.cssSelector("input[id$='-Field_procurementContactMobile']"));
        mobile.sendKeys("13912340001");
        browser.until("the mobile to be taken", d -> "13912340001".equals(Browser.value(mobile)));
        browser.screenshot("phone-5-invoice-signed-filled");
        complete();
        browser.screenshot("phone-6-invoice-signed-completed");

        record Stored(String node, LocalDate signed, LocalDate expected, String contact, String mobile) {
        }
        Stored stored = jdbc.sql("SELECT node, invoice_signed_date, expected_payment_date, procurement_contact_name, "
                        + "procurement_contact_mobile FROM payment_journey WHERE id = ?").param(journey.id())
                .query((rs, i) -> new Stored(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5))).single();
        assertThat(stored).isEqualTo(new Stored("INVOICE_SIGNED", signed, expected, "周采购", "13912340001"));
    }

    /**
     * On a phone form-js's date picker (flatpickr) hands the field to the phone's own date control
     * ({@code input.flatpickr-mobile}, type date). The test sets that control's value as the phone's picker does — an ISO
     * date, whatever the browser's language orders the parts in — and fires its change; a desktop-sized field is typed
     * in its placeholder's format instead. What form-js then shows is not checked: the committed value is.
     */
    private void enterDate(String key, LocalDate date) {
        By original = By.cssSelector("input[id$='-Field_" + key + "-date']");
        browser.until("the " + key + " field", d -> d.findElements(original).isEmpty() ? null : true);
        WebElement field = browser.driver().findElement(original);
        java.util.List<WebElement> native_ = field.findElements(By.xpath("following-sibling::input[contains(@class,'flatpickr-mobile')]"));
        if (!native_.isEmpty()) {
            WebElement control = native_.get(0);
            ((JavascriptExecutor) browser.driver()).executeScript("const c = arguments[0]; c.focus(); c.value = arguments[1];"
                    + "c.dispatchEvent(new Event('input', {bubbles: true})); c.dispatchEvent(new Event('change', {bubbles: true}));"
                    + "c.blur();", control, date.toString());
            browser.until("the phone's date control to hold " + date, d -> date.toString().equals(Browser.value(control)));
            return;
        }
        String placeholder = field.getDomAttribute("placeholder");
        field.sendKeys(date.format(DateTimeFormatter.ofPattern(
                (placeholder == null || placeholder.isBlank() ? "mm/dd/yyyy" : placeholder).replace("mm", "MM"), Locale.ROOT)));
        field.sendKeys(Keys.TAB);
        browser.until("the date field to keep a date", d -> !Browser.value(field).isBlank());
    }

    private void complete() {
        WebElement button = browser.clickable(COMPLETE);
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
        browser.clickable(COMPLETE).click();
        browser.gone(COMPLETE);
    }

    /** The page is no wider than the phone: nothing the rep needs sits off to the right. */
    private void assertNoSidewaysScrolling() {
        Number overflow = (Number) ((JavascriptExecutor) browser.driver()).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow.intValue()).as("horizontal overflow in px at 390×844").isLessThanOrEqualTo(0);
    }
}
