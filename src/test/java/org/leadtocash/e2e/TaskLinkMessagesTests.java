package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.leadtocash.support.ProcessTests.completeAs;
import static org.leadtocash.support.ProcessTests.fireTimer;
import static org.leadtocash.support.ProcessTests.moveClockTo;
import static org.leadtocash.support.ProcessTests.processInstance;
import static org.leadtocash.support.ProcessTests.runUntilIncident;
import static org.leadtocash.support.ProcessTests.startByFormAs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.leadtocash.followup.CustomerFollowUpProcess;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.payment.JourneyStart;
import org.leadtocash.payment.PaymentFixtures;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.policy.PolicyRolloutProcess;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.Groups;
import org.leadtocash.standin.DingTalkRobotStandIn;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every DingTalk message about a task links to it, so a rep opens it on his phone with one tap: the app runs with a
 * DingTalk robot stand-in (signed webhook) and a public base URL, and each test asserts the exact link the robot
 * received — the task itself when it exists at send time, the reader's task of the activity when the diagram creates
 * it after the message (policy acknowledgement, blocker checklist), the instance in Cockpit for a manager or director
 * who is not its assignee. The phone test (390×844) opens such a link as the rep and lands on the task form. An owner's
 * own notification task (element template 钉钉通知, input parameter {@code link}) links the reader's open task of its
 * instance or the instance in Cockpit; a bad value becomes an incident naming the task and the parameter.
 */
@AppTest
class TaskLinkMessagesTests {
    private static final String SECRET = "SECtask-links";
    private static final DingTalkRobotStandIn ROBOT = DingTalkRobotStandIn.start("task-links", SECRET);
    private static final int PORT = freePort();
    private static final String BASE = "http://localhost:" + PORT;
    private static final String TASKLIST = BASE + "/camunda/app/tasklist/default/#/";
    private static final String OPEN_TASK = "[打开任务 Open the task](";
    private static final String OPEN_COCKPIT = "[在 Cockpit 查看流程 Open the process in Cockpit](";
    private static final String OWNER_PROCESS = "OwnerNoticeProcess";
    private static final String OWNER_NOTIFY = "Task_NotifyRep";
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\((https?://[^)\\s]+)\\)");

    @DynamicPropertySource
    static void robotAndAddress(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("leadtocash.notify.public-base-url", () -> BASE);
        registry.add("leadtocash.notify.dingtalk.webhook-url", ROBOT::url);
        registry.add("leadtocash.notify.dingtalk.secret", () -> SECRET);
    }

    @AfterAll
    static void stopRobot() {
        ROBOT.close();
    }

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired PaymentFixtures payments;
    @Autowired PaymentJourneys journeys;
    @Autowired LeadIntake intake;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired RepositoryService repositoryService;
    @Autowired EngineClock clock;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    /** The owner's diagrams a test deployed ({@link #startOwnerNotice}), removed after it. */
    private final List<String> deployments = new ArrayList<>();
    /** Each owner's notice instance and the marker its message text carries. */
    private final Map<String, String> notices = new HashMap<>();

    @AfterEach
    void removeOwnerNotice() {
        deployments.forEach(d -> repositoryService.deleteDeployment(d, true));
    }

    /** Messages the robot had accepted before this test: the robot outlives the tests of the class. */
    private static int before;

    @BeforeEach
    void reset() {
        before = ROBOT.accepted().size();
        data.reset();
        payments.reset();
        moveClockTo(Instant.parse("2027-03-01T02:00:00Z"));
    }

    @Test
    void theAppServesThePublicBaseUrlTheLinksNameInThisTest() {
        assertThat(port).isEqualTo(PORT);
    }

    @Test
    void unassignedAlertLinksTheManagersToTheAssignLeadTask() {
        data.deactivateAllRepsExcept();
        Lead lead = intake.receive(TestData.leadBody("PHONE_CALL", "SOUTH", "100000"), LeadSource.PHONE_CALL).lead();
        ProcessInstance pi = processInstance(lead.processInstanceId());
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, pi));
        String assignTask = task(LeadRoutingProcess.Task.ASSIGN_LEAD_MANUALLY, pi).getId();

        fireTimer(pi, LeadRoutingProcess.Event.TWO_HOURS_UNASSIGNED);
        execute(job(LeadRoutingProcess.Task.NOTIFY_MANAGER_UNASSIGNED, pi));

        DingTalkRobotStandIn.Message message = received(lead.id());
        assertThat(message.msgtype()).isEqualTo("markdown");
        assertThat(message.atMobiles()).as("the managers are still @-mentioned").isNotEmpty();
        assertThat(links(message)).containsExactly(TASKLIST + "?task=" + assignTask);
    }

    @Test
    void unassignedAlertBeforeAnyTaskExistsLinksTheManagersToTheInstanceInCockpit() {
        Lead lead = intake.receive(TestData.leadBody("PHONE_CALL", "SOUTH", "100000"), LeadSource.PHONE_CALL).lead();
        ProcessInstance pi = processInstance(lead.processInstanceId());
        // routing has not run (or failed): there is no task yet, only the instance
        fireTimer(pi, LeadRoutingProcess.Event.TWO_HOURS_UNASSIGNED);
        execute(job(LeadRoutingProcess.Task.NOTIFY_MANAGER_UNASSIGNED, pi));

        assertThat(links(received(lead.id()))).containsExactly(
                BASE + "/camunda/app/cockpit/default/#/process-instance/" + pi.getId() + "/runtime");
        assertThat(received(lead.id()).text()).contains(OPEN_COCKPIT);
    }

    @Test
    void missedFollowUpReminderLinksTheRepToHisFollowUpTask() {
        ProcessInstance followUp = reachedCustomerWithPromiseIn(2);
        fireTimer(followUp, CustomerFollowUpProcess.Event.PROMISE_PASSED);
        String followUpTask = task(CustomerFollowUpProcess.Task.FOLLOW_UP_CUSTOMER, followUp).getId();
        execute(job(CustomerFollowUpProcess.Task.REMIND_REP, followUp));

        DingTalkRobotStandIn.Message message = received("客户跟进已逾期");
        assertThat(message.text()).contains(OPEN_TASK);
        assertThat(links(message)).containsExactly(TASKLIST + "?task=" + followUpTask);
    }

    @Test
    void breakerAlertLinksTheRepToHisChecklistAndTheDirectorToTheJourney() {
        PaymentJourney journey = journeys.start(new JourneyStart("LINK-IR-1", "LK00000001", null, "A医院", "zhangwei",
                new BigDecimal("120000.00"), clock.today(), null, null, null));
        ProcessInstance pi = processInstance(journey.processInstanceId());
        fireTimer(pi, "BoundaryEvent_InvoiceSubmittedBreaker");
        execute(job(PaymentJourneyProcess.Task.NOTIFY_PAYMENT_BLOCKED, pi));

        assertThat(links(received("回款阻塞"))).containsExactly(
                TASKLIST + "?instance=" + pi.getId() + "&taskKey=" + PaymentJourneyProcess.Task.BLOCKER_CHECKLIST,
                BASE + "/camunda/app/cockpit/default/#/process-instance/" + pi.getId() + "/runtime");
    }

    @Test
    @EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
    void financeOpensTheBreakerAlertsCockpitLinkAndSeesTheJourney() {
        PaymentJourney journey = journeys.start(new JourneyStart("LINK-IR-2", "LK00000002", null, "B医院", "zhangwei",
                new BigDecimal("90000.00"), clock.today(), null, null, null));
        ProcessInstance pi = processInstance(journey.processInstanceId());
        fireTimer(pi, "BoundaryEvent_InvoiceSubmittedBreaker");
        execute(job(PaymentJourneyProcess.Task.NOTIFY_PAYMENT_BLOCKED, pi));
        String cockpit = links(received("回款阻塞")).get(1);
        assertThat(cockpit).isEqualTo(BASE + "/camunda/app/cockpit/default/#/process-instance/" + pi.getId() + "/runtime");

        Browser browser = browsers.open(BASE);
        browser.loginTo("cockpit", "wufang", "wufang");
        // the dashboard has loaded, without the KPI board: its figures are not finance's
        browser.until("the dashboard to leave the board out", d -> !d.findElements(By.cssSelector("[data-kpi-board=not-for-this-user]")).isEmpty());
        browser.screenshot("finance-cockpit-after-login");
        browser.open(cockpit.substring(BASE.length()));
        // the instance's page: its id and business key in the sidebar, its node ① task on the diagram
        browser.waitForText(pi.getId());
        browser.waitForText("LINK-IR-2");
        browser.visible(By.cssSelector("[data-element-id='" + PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED + "']"));
        browser.screenshot("finance-breaker-alert-cockpit-journey");
    }

    @Test
    void policyMessageLinksEachRepToHisAcknowledgeTaskAndTheEscalationLinksTheDirectorToTheRollout() {
        ProcessInstance pi = publishPolicy();
        execute(job(PolicyRolloutProcess.Task.NOTIFY_REPS, pi));
        assertThat(links(received("新产品政策"))).containsExactly(
                TASKLIST + "?instance=" + pi.getId() + "&taskKey=" + PolicyRolloutProcess.Task.ACKNOWLEDGE);

        fireTimer(pi, PolicyRolloutProcess.Event.NO_DEAL_IN_TIME);
        execute(job(PolicyRolloutProcess.Task.ESCALATE_TO_DIRECTOR, pi));
        assertThat(links(received("政策推广超时"))).containsExactly(
                BASE + "/camunda/app/cockpit/default/#/process-instance/" + pi.getId() + "/runtime");
    }

    @Test
    @EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
    void repOpensTheLinkOfThePolicyMessageOnHisPhoneAndLandsOnHisAcknowledgeForm() {
        ProcessInstance pi = publishPolicy();
        execute(job(PolicyRolloutProcess.Task.NOTIFY_REPS, pi));
        String link = links(received("新产品政策")).get(0);
        String own = taskService.createTaskQuery().processInstanceId(pi.getId()).taskAssignee("zhangwei").singleResult().getId();

        Browser browser = browsers.phone(BASE);
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        browser.open(link.substring(BASE.length()));
        browser.until("the link to open zhangwei's own task", d -> d.getCurrentUrl().endsWith("?task=" + own)
                || d.getCurrentUrl().contains("?task=" + own + "&"));
        browser.visible(By.cssSelector("[id$='-Field_" + PolicyRolloutProcess.Vars.POLICY_ACKNOWLEDGED + "']"));
        browser.screenshot("phone-task-link-policy-acknowledge");
    }

    @Test
    @EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
    void repOpensTheLinkOfTheFollowUpReminderOnHisPhoneAndLandsOnTheTaskForm() {
        ProcessInstance followUp = reachedCustomerWithPromiseIn(2);
        fireTimer(followUp, CustomerFollowUpProcess.Event.PROMISE_PASSED);
        execute(job(CustomerFollowUpProcess.Task.REMIND_REP, followUp));
        String link = links(received("客户跟进已逾期")).get(0);
        String rep = (String) runtimeService.getVariable(followUp.getId(), CustomerFollowUpProcess.Vars.REP_ID);

        Browser browser = browsers.phone(BASE);
        browser.loginTo("tasklist", rep, rep);
        browser.open(link.substring(BASE.length()));
        // the follow-up form (its date field hands over to the phone's own date control, so the notes are looked for)
        browser.visible(By.cssSelector("textarea[id$='-Field_followUpNotes']"));
        browser.screenshot("phone-task-link-follow-up");
    }

    @Test
    void ownersNotificationWithLinkTaskLinksTheReaderToHisOpenTaskOfTheInstance() {
        ProcessInstance pi = startOwnerNotice("task", "zhangwei");
        execute(job(OWNER_NOTIFY, pi));

        DingTalkRobotStandIn.Message message = received(notices.get(pi.getId()));
        assertThat(message.text()).contains(OPEN_TASK);
        assertThat(links(message)).containsExactly(TASKLIST + "?instance=" + pi.getId());
    }

    @Test
    void ownersNotificationWithLinkInstanceLinksTheInstanceInCockpitAndWithoutALinkCarriesNone() {
        ProcessInstance instance = startOwnerNotice("instance", "zhangwei");
        execute(job(OWNER_NOTIFY, instance));
        assertThat(links(received(notices.get(instance.getId())))).containsExactly(
                BASE + "/camunda/app/cockpit/default/#/process-instance/" + instance.getId() + "/runtime");

        ProcessInstance none = startOwnerNotice("", "zhangwei");
        execute(job(OWNER_NOTIFY, none));
        assertThat(links(received(notices.get(none.getId())))).isEmpty();
    }

    @Test
    void ownersNotificationWhoseLinkExpressionGivesABadValueBecomesAnIncidentNamingTheTaskAndTheParameter() {
        ProcessInstance pi = startOwnerNotice("${linkChoice}", "zhangwei", "tsak");
        var incident = runUntilIncident(pi, OWNER_NOTIFY).incident();

        assertThat(incident).isNotNull();
        assertThat(incident.getIncidentMessage()).contains(OWNER_NOTIFY, "link must be task, instance or empty, not 'tsak'");
        assertThat(ROBOT.accepted().subList(before, ROBOT.accepted().size())).as("nothing sent")
                .noneMatch(m -> m.text().contains(notices.get(pi.getId())));
    }

    @Test
    @EnabledIf(value = "org.leadtocash.e2e.Browser#installed", disabledReason = Browser.SKIP_REASON)
    void repOpensTheTaskLinkOfAnOwnersNotificationOnHisPhoneAndLandsOnHisTaskCreatedAfterTheMessage() {
        ProcessInstance pi = startOwnerNotice("task", "zhangwei");
        execute(job(OWNER_NOTIFY, pi));
        String link = links(received(notices.get(pi.getId()))).get(0);
        String own = taskService.createTaskQuery().processInstanceId(pi.getId()).taskAssignee("zhangwei").singleResult().getId();

        Browser browser = browsers.phone(BASE);
        browser.loginTo("tasklist", "zhangwei", "zhangwei");
        browser.open(link.substring(BASE.length()));
        browser.until("the link to open zhangwei's task of the instance", d -> d.getCurrentUrl().endsWith("?task=" + own)
                || d.getCurrentUrl().contains("?task=" + own + "&"));
        browser.waitForText("跟进通知 Follow up the notice");
        browser.screenshot("phone-task-link-owner-notice");
    }

    /**
     * An owner's diagram: the generic notification task (DingTalk to the rep, {@code link} as given, sent by its job)
     * followed by the rep's task, so the task exists only after the message; the message text carries a marker.
     */
    private ProcessInstance startOwnerNotice(String link, String rep, String... linkChoice) {
        BpmnModelInstance model = Bpmn.createExecutableProcess(OWNER_PROCESS).camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Notice")
                .camundaFormField().camundaId("repId").camundaType("string").camundaFormFieldDone()
                .camundaFormField().camundaId("linkChoice").camundaType("string").camundaFormFieldDone()
                .camundaFormField().camundaId("noticeMarker").camundaType("string").camundaFormFieldDone()
                .serviceTask(OWNER_NOTIFY).name("通知销售 Notify the rep").camundaAsyncBefore()
                .camundaDelegateExpression("${sendNotificationDelegate}")
                .camundaInputParameter("channel", "dingtalk")
                .camundaInputParameter("recipients", "user:${repId}")
                .camundaInputParameter("title", "负责人通知 Owner notice")
                .camundaInputParameter("text", "请跟进 Please follow up ${noticeMarker}")
                .camundaInputParameter("link", link)
                .userTask("Task_FollowUpNotice").name("跟进通知 Follow up the notice").camundaAssignee("${repId}")
                .endEvent("EndEvent_Notice").done();
        deployments.add(repositoryService.createDeployment().name("owner-notice-test")
                .addModelInstance("owner-notice.bpmn", model).deploy().getId());
        Map<String, Object> start = new HashMap<>();
        start.put("repId", rep);
        start.put("linkChoice", linkChoice.length == 0 ? "" : linkChoice[0]);
        start.put("noticeMarker", "notice-" + System.nanoTime());
        ProcessInstance pi = runtimeService.startProcessInstanceByKey(OWNER_PROCESS, start);
        notices.put(pi.getId(), (String) start.get("noticeMarker"));
        return pi;
    }

    private ProcessInstance publishPolicy() {
        Map<String, Object> form = new HashMap<>();
        form.put(PolicyRolloutProcess.Vars.POLICY_TITLE, "链接测试政策 " + System.nanoTime());
        form.put(PolicyRolloutProcess.Vars.POLICY_KIND, "REBATE");
        form.put(PolicyRolloutProcess.Vars.REGION, "EAST");
        form.put(PolicyRolloutProcess.Vars.POLICY_TEXT, "3月31日前签约，返利比例提高2个百分点。");
        return startByFormAs("zhengmin", List.of(Groups.MARKETING), PolicyRolloutProcess.KEY, form);
    }

    /** A lead reached at first contact with the next follow-up promised in {@code days}: its follow-up instance. */
    private ProcessInstance reachedCustomerWithPromiseIn(int days) {
        Lead lead = intake.receive(TestData.leadBody("WEBSITE_FORM", "EAST", "250000"), LeadSource.WEBSITE_FORM).lead();
        ProcessInstance leadPi = processInstance(lead.processInstanceId());
        execute(job(LeadRoutingProcess.Task.ROUTE_LEAD, leadPi));
        var firstContact = task(LeadRoutingProcess.Task.FIRST_CONTACT, leadPi);
        completeAs(firstContact.getAssignee(), List.of(Groups.SALES_REP), firstContact, withVariables(
                LeadRoutingProcess.Vars.CONTACT_OUTCOME, "REACHED",
                LeadRoutingProcess.Vars.NEXT_FOLLOW_UP_DATE, clock.today().plusDays(days).toString(),
                LeadRoutingProcess.Vars.CONTACT_NOTES, "约下周演示"));
        return runtimeService.createProcessInstanceQuery().processDefinitionKey(CustomerFollowUpProcess.KEY)
                .processInstanceBusinessKey(lead.customerId()).singleResult();
    }

    /** The one message the robot accepted whose text contains {@code marker}. */
    private static DingTalkRobotStandIn.Message received(String marker) {
        List<DingTalkRobotStandIn.Message> all = ROBOT.accepted();
        List<DingTalkRobotStandIn.Message> found = all.subList(before, all.size()).stream()
                .filter(m -> m.text().contains(marker)).toList();
        assertThat(found).as("messages the robot accepted that contain " + marker).hasSize(1);
        return found.get(0);
    }

    /** The markdown links {@code [label](url)} of a message, in order. */
    private static List<String> links(DingTalkRobotStandIn.Message message) {
        List<String> urls = new ArrayList<>();
        Matcher m = LINK.matcher(message.text());
        while (m.find()) {
            urls.add(m.group(2));
        }
        return urls;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
