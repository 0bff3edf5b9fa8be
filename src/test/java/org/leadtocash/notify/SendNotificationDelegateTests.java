package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ServiceTaskBuilder;
import org.camunda.bpm.model.bpmn.builder.StartEventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The generic "send notification" task ({@code ${sendNotificationDelegate}}) on the real engine: input parameters with
 * engine-evaluated expressions, recipients from the roster and Camunda groups, SMS template calls, the delivery log and
 * the idempotency key, and failures that name the task and the parameter. Channels are unconfigured in tests, so every
 * delivery is recorded NOT_SENT_UNCONFIGURED with its recipients, title and text.
 */
@AppTest
class SendNotificationDelegateTests {
    private static final String KEY = "TestSendNotification";
    private static final String TASK = "Task_Notify";

    @Autowired NotificationService notifications;
    @Autowired TestData data;

    private String deployment;

    @BeforeEach
    void setUp() {
        data.reset();
        data.addStaff("testdirsouth", "南区总监", "DIRECTOR", "SOUTH", "13800000030");
        data.addStaff("testdireast", "东区总监", "DIRECTOR", "EAST", "13800000031");
    }

    @AfterEach
    void undeploy() {
        if (deployment != null) {
            repositoryService().deleteDeployment(deployment, true);
        }
    }

    @Test
    void dingTalksTheManagersAndTheRegionsDirectorWithTheTextTheEngineFilledIn() {
        deploy(task -> task.camundaInputParameter("channel", "dingtalk")
                .camundaInputParameter("recipients", "role:manager, director-of-region:${region}")
                .camundaInputParameter("title", "线索超时 ${leadId}")
                .camundaInputParameter("text", "客户 ${companyName} 尚未分配"));
        ProcessInstance pi = start("L-1", Map.of("region", "SOUTH", "leadId", "L-1", "companyName", "广州测试"));
        Job job = job(TASK, pi);

        execute(job);

        Delivery d = single("L-1");
        assertThat(d.channel()).isEqualTo(Channel.DINGTALK);
        assertThat(d.recipients()).contains("limin(138****0010)", "testdirsouth(138****0030)", "wanglei")
                .doesNotContain("testdireast");
        assertThat(d.title()).isEqualTo("线索超时 L-1");
        assertThat(d.text()).isEqualTo("客户 广州测试 尚未分配");
        assertThat(d.processInstanceId()).isEqualTo(pi.getId());
        assertThat(d.idempotencyKey()).as("stable across retries of the job")
                .isEqualTo(pi.getId() + "/" + TASK + "/" + job.getExecutionId());
        assertThat(pi).isEnded();
    }

    @Test
    void sendsAnSmsTemplateWithItsParametersToAMobileFromAVariable() {
        deploy(task -> task.camundaInputParameter("channel", "sms")
                .camundaInputParameter("recipients", "mobile:${contactMobile}")
                .camundaInputParameter("smsTemplateCode", "SMS_480000001")
                .camundaInputParameter("text", "请确认付款流程已启动，预计${expectedDate}前完成")
                .camundaInputParameter("templateParams", "${templateParams}"));
        ProcessInstance pi = start("J-1", Map.of("contactMobile", "13912345678", "expectedDate", "6月30日",
                "templateParams", Map.of("expectedDate", "6月30日")));

        execute(job(TASK, pi));

        Delivery d = single("J-1");
        assertThat(d.channel()).isEqualTo(Channel.SMS);
        assertThat(d.recipients()).isEqualTo("?(139****5678)");
        assertThat(SmsTemplate.parse(d.title(), d.text(), "")).isEqualTo(
                new SmsTemplate.Call("SMS_480000001", Map.of("expectedDate", "6月30日")));
        assertThat(d.text()).isEqualTo("请确认付款流程已启动，预计6月30日前完成");
    }

    @Test
    void weComsACamundaGroupAndSendsEachKeyOnce() {
        deploy(task -> task.camundaInputParameter("channel", "wecom")
                .camundaInputParameter("recipients", "group:finance")
                .camundaInputParameter("text", "对账提醒")
                .camundaInputParameter("idempotencyKey", "reconcile-${businessDay}"));
        execute(job(TASK, start("B-1", Map.of("businessDay", "2026-12-01"))));
        execute(job(TASK, start("B-2", Map.of("businessDay", "2026-12-01"))));

        List<Delivery> all = notifications.list(new DeliveryQuery(null, null, Channel.WECOM, null, 10));
        assertThat(all).singleElement().satisfies(d -> {
            assertThat(d.idempotencyKey()).isEqualTo("reconcile-2026-12-01");
            assertThat(d.recipients()).contains("wufang");
        });
    }

    @Test
    void anUnknownChannelFailsTheJobNamingTheTaskAndTheParameter() {
        deploy(task -> task.camundaInputParameter("channel", "email")
                .camundaInputParameter("recipients", "role:manager").camundaInputParameter("text", "x"));
        ProcessInstance pi = start("X-1", Map.of());

        assertThatThrownBy(() -> execute(job(TASK, pi)))
                .satisfies(e -> assertThat(messages(e)).contains(TASK, "channel must be dingtalk, wecom, sms or voice",
                        "email"));
        assertThat(notifications.list(DeliveryQuery.forBusinessKey("X-1"))).isEmpty();
    }

    @Test
    void recipientsThatAreNotKindValueOrNameNobodyFailTheJob() {
        deploy(task -> task.camundaInputParameter("channel", "dingtalk")
                .camundaInputParameter("recipients", "${to}").camundaInputParameter("text", "x"));

        assertThatThrownBy(() -> execute(job(TASK, start("X-2", Map.of("to", "zhangsan")))))
                .satisfies(e -> assertThat(messages(e)).contains(TASK, "'zhangsan' must be kind:value"));
        assertThatThrownBy(() -> execute(job(TASK, start("X-3", Map.of("to", "team:east")))))
                .satisfies(e -> assertThat(messages(e)).contains("unknown kind 'team'", "role", "manager-of"));
        assertThatThrownBy(() -> execute(job(TASK, start("X-4", Map.of("to", "role:ceo")))))
                .satisfies(e -> assertThat(messages(e)).contains("role 'ceo' must be rep, manager or director"));
        assertThatThrownBy(() -> execute(job(TASK, start("X-5", Map.of("to", "group:nosuchgroup")))))
                .satisfies(e -> assertThat(messages(e)).contains("name nobody"));
    }

    @Test
    void aTextWithoutRecipientsOrTextIsRefused() {
        deploy(task -> task.camundaInputParameter("channel", "voice")
                .camundaInputParameter("recipients", "user:limin"));

        assertThatThrownBy(() -> execute(job(TASK, start("X-6", Map.of()))))
                .satisfies(e -> assertThat(messages(e)).contains(TASK, "text must not be empty"));
    }

    private interface Inputs {
        ServiceTaskBuilder apply(ServiceTaskBuilder task);
    }

    private void deploy(Inputs inputs) {
        StartEventBuilder start = Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(1)
                .startEvent("StartEvent_Test");
        // the variables these tests start the process with, declared as the deploy-time check requires
        for (String variable : new String[] {"region", "leadId", "companyName", "contactMobile", "expectedDate", "templateParams",
                "businessDay", "to"}) {
            start = start.camundaFormField().camundaId(variable).camundaType("string").camundaFormFieldDone();
        }
        ServiceTaskBuilder task = start
                .serviceTask(TASK).name("发送通知 Send notification").camundaAsyncBefore()
                .camundaDelegateExpression("${sendNotificationDelegate}");
        BpmnModelInstance model = inputs.apply(task).endEvent("EndEvent_Test").done();
        deployment = repositoryService().createDeployment().name("send-notification-test")
                .addModelInstance("send-notification-test.bpmn", model).deploy().getId();
    }

    private static ProcessInstance start(String businessKey, Map<String, Object> variables) {
        return runtimeService().startProcessInstanceByKey(KEY, businessKey, variables);
    }

    private Delivery single(String businessKey) {
        List<Delivery> found = notifications.list(DeliveryQuery.forBusinessKey(businessKey));
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
