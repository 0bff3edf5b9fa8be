package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.system.identity.IdentitySetup;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * R-31 where the rep works: a signed call record to his lead's phone arrives, and the first-contact form in Tasklist
 * shows the captured call with 已联系上 Reached already chosen; he only adds the promised date and submits. The stored
 * lead is contacted and the call counts as confirmed, not as a typed attempt. Screenshots: {@code target/e2e-screenshots/}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class PrefilledFirstContactBrowserTests {
    private static final By FORM_CAPTURED_CALL = By.cssSelector("input[id$='-Field_capturedCall']");
    private static final By FORM_REACHED = By.cssSelector("input[type='radio'][id$='-Field_contactOutcome-0']");
    private static final By FORM_FOLLOW_UP_DATE = By.cssSelector("input[id$='-Field_nextFollowUpDate-date']");
    private static final By COMPLETE = By.cssSelector("button[ng-click='complete()']");

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired LeadIntake intake;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired EngineClock clock;
    @Autowired JdbcClient jdbc;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeEach
    void reset() {
        data.reset();
        jdbc.sql("DELETE FROM contact_record").update();
        jdbc.sql("DELETE FROM call_record").update();
        data.deactivateAllRepsExcept("zhangwei");
    }

    @Test
    void repSeesTheCapturedCallPreFilledAndOnlyConfirmsIt() throws Exception {
        Lead lead = intake.receive(TestData.leadBody("WEBSITE_FORM", "EAST", "10000"), LeadSource.WEBSITE_FORM).lead();
        managementService.executeJob(managementService.createJobQuery().processInstanceId(lead.processInstanceId())
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult().getId());
        Task task = taskService.createTaskQuery().processInstanceId(lead.processInstanceId())
                .taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).singleResult();
        assertThat(task.getAssignee()).isEqualTo("zhangwei");

        String start = clock.now().minusSeconds(600).atOffset(ZoneOffset.ofHours(8)).withNano(0).toString();
        String body = "{\"recordId\":\"CR-E2E-1\",\"caller\":\"13800000001\",\"callee\":\"" + lead.contactPhone()
                + "\",\"start\":\"" + start + "\",\"durationSeconds\":185,\"direction\":\"OUTBOUND\"}";
        assertThat(postSigned(body)).as("webhook status").isEqualTo(201);

        Browser browser = browsers.open("http://localhost:" + port);
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        browser.clickable(By.xpath("//*[contains(@class,'task-filter')]//h4//a[contains(normalize-space(.), '"
                + IdentitySetup.FILTER_MY_TASKS + "')]")).click();
        browser.clickable(By.cssSelector(".tasks-list a[href='#/?task=" + task.getId() + "']")).click();
        WebElement captured = browser.visible(FORM_CAPTURED_CALL);
        browser.until("the captured call in the form", d -> Browser.value(captured).contains("CR-E2E-1"));
        assertThat(Browser.value(captured)).contains("3 分 5 秒", "已接通 reached");
        assertThat(browser.pageText()).contains("自动记录的通话");
        browser.until("已联系上 Reached chosen", d -> d.findElement(FORM_REACHED).isSelected());
        browser.screenshot("prefilled-first-contact-1-captured-call-shown");

        LocalDate next = clock.today().plusDays(3);
        WebElement date = browser.visible(FORM_FOLLOW_UP_DATE);
        String placeholder = date.getDomAttribute("placeholder");
        date.sendKeys(next.format(DateTimeFormatter.ofPattern(
                (placeholder == null || placeholder.isBlank() ? "mm/dd/yyyy" : placeholder).replace("mm", "MM"), Locale.ROOT)));
        date.sendKeys(Keys.TAB);
        browser.until("the follow-up date kept", d -> !Browser.value(date).isBlank());
        browser.screenshot("prefilled-first-contact-2-date-added");
        browser.clickable(COMPLETE).click();
        browser.until("the task completed", d -> taskService.createTaskQuery().taskId(task.getId()).count() == 0);

        assertThat(jdbc.sql("SELECT status FROM sales_lead WHERE id = ?").param(lead.id()).query(String.class).single())
                .isEqualTo("CONTACTED");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contact_record WHERE call_record_id = 'CR-E2E-1' AND confirmed_at IS NOT NULL")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM contact_record WHERE kind = 'TYPED_ATTEMPT'").query(Integer.class).single()).isZero();
    }

    /** Signs as the telephony platform does (key of application-test.yaml), independently of the app's code. */
    private int postSigned(String body) throws Exception {
        String timestamp = Long.toString(clock.now().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-telephony-signing-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((timestamp + "\n" + body).getBytes(StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/telephony/call-records"))
                .header("Content-Type", "application/json").header("X-Telephony-Timestamp", timestamp)
                .header("X-Telephony-Signature", signature).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
