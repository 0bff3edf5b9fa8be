package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.leadtocash.support.ProcessTests.startByFormAs;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
import org.leadtocash.policy.PolicyRolloutProcess;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.Groups;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * form-js, bundled with Tasklist, writes its validation messages in English; {@code app/leadtocash/form-messages.js}
 * shows them in Chinese with their rule. A rep on his phone (390×844) completes a form with a required field left
 * empty, or a mobile that breaks the field's pattern: he reads the Chinese message, and nothing is submitted — the
 * task is still open and the variable was never written. Screenshots: {@code target/e2e-screenshots/form-messages-*.png}.
 */
@AppTest
@EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
class ChineseFormMessagesBrowserTests {
    private static final By COMPLETE = By.cssSelector("button[ng-click='complete()']");
    private static final By ERRORS = By.cssSelector(".fjs-form-field-error li");

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
    void aRequiredFieldLeftEmptyIsNamedInChineseAndNothingIsSubmitted() {
        Map<String, Object> form = new HashMap<>();
        form.put(PolicyRolloutProcess.Vars.POLICY_TITLE, "表单提示测试政策");
        form.put(PolicyRolloutProcess.Vars.POLICY_KIND, "REBATE");
        form.put(PolicyRolloutProcess.Vars.REGION, "EAST");
        form.put(PolicyRolloutProcess.Vars.POLICY_TEXT, "3月31日前签约，返利比例提高2个百分点。");
        ProcessInstance pi = startByFormAs("zhengmin", List.of(Groups.MARKETING), PolicyRolloutProcess.KEY, form);
        execute(job(PolicyRolloutProcess.Task.NOTIFY_REPS, pi));
        Task task = taskService.createTaskQuery().processInstanceId(pi.getId()).taskAssignee("zhangwei").singleResult();

        Browser browser = browsers.phone("http://localhost:" + port);
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        browser.open("/camunda/app/tasklist/default/#/?task=" + task.getId());
        browser.visible(By.cssSelector("[id$='-Field_" + PolicyRolloutProcess.Vars.POLICY_ACKNOWLEDGED + "']"));
        clickComplete(browser);

        browser.until("the Chinese message of the required rule", d -> d.findElements(ERRORS).stream()
                .anyMatch(e -> "此项为必填项。".equals(e.getText().strip())));
        browser.screenshot("form-messages-1-required");
        assertThat(browser.driver().findElements(ERRORS)).extracting(e -> e.getText().strip())
                .noneMatch(text -> text.startsWith("Field "));
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isEqualTo(1);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId())
                .variableName(PolicyRolloutProcess.Vars.POLICY_ACKNOWLEDGED).count()).as("nothing was submitted").isZero();
    }

    @Test
    void aMobileThatBreaksThePatternIsNamedInChineseWithTheRuleAndNothingIsSubmitted() {
        PaymentJourney journey = journeys.start(new JourneyStart("FORM-MSG-IR-1", "FM00000001", null, "A医院", "zhangwei",
                new BigDecimal("120000.00"), clock.today(), null, null, null));
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(journey.id())
                .taskDefinitionKey(PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED).singleResult();

        Browser browser = browsers.phone("http://localhost:" + port);
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        browser.open("/camunda/app/tasklist/default/#/?task=" + task.getId());
        WebElement mobile = browser.visible(By.cssSelector("input[id$='-Field_procurementContactMobile']"));
        mobile.sendKeys("12345");
        browser.until("the mobile to be taken", d -> "12345".equals(Browser.value(mobile)));
        clickComplete(browser);

        browser.until("the Chinese message of the pattern rule", d -> d.findElements(ERRORS).stream()
                .anyMatch(e -> "格式不正确，须符合规则 ^1[3-9][0-9]{9}$。".equals(e.getText().strip())));
        browser.screenshot("form-messages-2-pattern");
        assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).as("the task is still open").isEqualTo(1);
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(journey.processInstanceId())
                .variableName("procurementContactMobile").list()).extracting(v -> v.getValue())
                .as("nothing was submitted").doesNotContain("12345");
    }

    private static void clickComplete(Browser browser) {
        WebElement button = browser.clickable(COMPLETE);
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'});", button);
        browser.clickable(COMPLETE).click();
    }
}
