package org.leadtocash.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.leadtocash.payment.StuckPayments.StuckPayment;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.Groups;
import org.springframework.beans.factory.annotation.Autowired;

/** which payments are stuck and how overdue, at fixed engine-clock times (Shanghai time). */
@AppTest
class StuckPaymentsTests {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired StuckPayments stuck;
    @Autowired PaymentJourneys journeys;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired TestData data;
    @Autowired PaymentFixtures fixtures;

    @BeforeEach
    void setUp() {
        data.reset();
        fixtures.reset();
    }

    @AfterEach
    void tearDown() {
        identityService.clearAuthentication();
        ClockUtil.reset();
    }

    @Test
    void theSourceExampleThirtySixHoursOverdueAtNodeThreeAtHalfPastEight() {
        // node ③ reached Monday 20:30; its 48 h run out Wednesday 20:30; Friday 08:30 it is 36 h overdue
        PaymentJourney journey = journeyAtProcurementStarted("2025-06-09T20:30");

        setClock("2025-06-13T08:30");
        List<StuckPayment> items = stuck.stuck("zhangwei");

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.journeyId()).isEqualTo(journey.id());
            assertThat(item.node()).isEqualTo("PROCUREMENT_STARTED");
            assertThat(item.nodeNumber()).isEqualTo(3);
            assertThat(item.nodeSince()).isEqualTo(local("2025-06-09T20:30"));
            assertThat(item.deadline()).isEqualTo(local("2025-06-11T20:30"));
            assertThat(item.hoursOverdue()).isEqualTo(36);
            assertThat(item.repName()).isEqualTo("张伟");
            assertThat(item.lastBlockerCauses()).isEmpty();
            assertThat(item.suggestedAction()).isEqualTo("电话确认流程编号");
            assertThat(item.actBy()).isEqualTo(local("2025-06-13T10:00"));
            assertThat(item.sentence()).isEqualTo(
                    "【张伟负责的A医院项目】卡在节点③（采购发起付款流程），已超时36小时，建议今日10点前电话确认流程编号");
        });
    }

    @Test
    void aNodeIsStuckFromTheMomentItsFortyEightHoursRunOutAndHoursRoundDown() {
        journeyAtProcurementStarted("2025-06-09T20:30");

        setClock("2025-06-11T20:29:59");
        assertThat(stuck.stuck(null)).isEmpty();

        setClock("2025-06-11T20:30");
        assertThat(stuck.stuck(null)).singleElement().satisfies(item -> {
            assertThat(item.hoursOverdue()).isZero();
            assertThat(item.sentence()).contains("刚超时", "明日10点前");
        });

        setClock("2025-06-13T10:29:59");
        assertThat(stuck.stuck(null)).singleElement().satisfies(item -> {
            assertThat(item.hoursOverdue()).isEqualTo(37);
            assertThat(item.actBy()).isEqualTo(local("2025-06-13T14:00"));
            assertThat(item.sentence()).contains("已超时37小时", "今日14点前");
        });
    }

    @Test
    void theLastBlockerCauseAndTheRepsOwnNextStepShowUp() {
        PaymentJourney journey = journeyAtProcurementStarted("2025-06-09T20:30");
        setClock("2025-06-11T20:30");
        managementService.executeJob(managementService.createJobQuery().processInstanceId(journey.processInstanceId())
                .timers().activityId(PaymentJourneyProcess.Event.BREAKER_PROCUREMENT_STARTED).singleResult().getId());
        managementService.executeJob(managementService.createJobQuery().processInstanceId(journey.processInstanceId())
                .activityId(PaymentJourneyProcess.Task.NOTIFY_PAYMENT_BLOCKED).singleResult().getId());
        Map<String, Object> answer = new HashMap<>();
        answer.put(Vars.BLOCKER_CAUSES, List.of("CUSTOMER_PROCESS_CHANGED"));
        answer.put(Vars.NEXT_ACTION, "找采购王经理要新流程单号");
        answer.put(Vars.NEXT_ACTION_DATE, "2025-06-12");
        complete(journey, PaymentJourneyProcess.Task.BLOCKER_CHECKLIST, answer);

        setClock("2025-06-12T15:00");
        assertThat(stuck.stuck("zhangwei")).singleElement().satisfies(item -> {
            assertThat(item.hoursOverdue()).isEqualTo(18);
            assertThat(item.lastBlockerCauses()).containsExactly(BlockerCause.CUSTOMER_PROCESS_CHANGED);
            assertThat(item.plannedAction()).isEqualTo("找采购王经理要新流程单号");
            assertThat(item.plannedActionDate()).isEqualTo(LocalDate.of(2025, 6, 12));
            assertThat(item.suggestedAction()).isEqualTo("电话确认客户新的付款流程和所需材料");
            assertThat(item.sentence()).isEqualTo("【张伟负责的A医院项目】卡在节点③（采购发起付款流程），已超时18小时"
                    + "（排查原因：客户内部流程变更），建议今日17点前电话确认客户新的付款流程和所需材料");
        });
    }

    @Test
    void mostOverdueFirstOnlyOpenJourneysAndOneRepOrAll() {
        setClock("2025-06-09T09:00");
        PaymentJourney older = journeys.start(PaymentFixtures.start());
        PaymentJourney linas = journeys.start(PaymentFixtures.start("lina", "C公司", "800.00"));
        PaymentJourney paid = journeys.start(PaymentFixtures.start());
        journeys.applyBankReceipt(paid.invoiceNo(), new BigDecimal("128000.00"), LocalDate.of(2025, 6, 9), "BK-1", "wufang");
        setClock("2025-06-09T15:00");
        PaymentJourney newer = journeys.start(PaymentFixtures.start("zhangwei", "B集团", "5000.00"));
        PaymentJourney partly = journeys.start(PaymentFixtures.start());
        setClock("2025-06-10T09:00");
        // a partial receipt is progress: its 48 h start again
        journeys.applyBankReceipt(partly.invoiceNo(), new BigDecimal("100.00"), LocalDate.of(2025, 6, 10), "BK-2", "wufang");

        setClock("2025-06-12T08:00");
        assertThat(stuck.stuck("zhangwei")).extracting(StuckPayment::journeyId, StuckPayment::hoursOverdue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(older.id(), 23L),
                        org.assertj.core.groups.Tuple.tuple(newer.id(), 17L));
        assertThat(stuck.stuck(null)).extracting(StuckPayment::journeyId).containsExactlyInAnyOrder(older.id(),
                linas.id(), newer.id());

        setClock("2025-06-12T09:00");
        assertThat(stuck.stuck("zhangwei")).extracting(StuckPayment::journeyId).contains(partly.id());
    }

    private PaymentJourney journeyAtProcurementStarted(String localDateTime) {
        setClock(localDateTime);
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        Map<String, Object> signed = new HashMap<>();
        signed.put(Vars.INVOICE_SIGNED_DATE, "2025-06-09");
        signed.put(Vars.EXPECTED_PAYMENT_DATE, "2025-06-30");
        signed.put(Vars.PROCUREMENT_CONTACT_NAME, "王采购");
        signed.put(Vars.PROCUREMENT_CONTACT_MOBILE, "13912345678");
        complete(journey, PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED, signed);
        complete(journey, PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED,
                Map.of(Vars.PROCUREMENT_REFERENCE, "CG-1", Vars.PROCUREMENT_STARTED_DATE, "2025-06-09"));
        return journeys.find(journey.id()).orElseThrow();
    }

    private void complete(PaymentJourney journey, String taskKey, Map<String, Object> vars) {
        Task task = taskService.createTaskQuery().processInstanceId(journey.processInstanceId()).taskDefinitionKey(taskKey)
                .singleResult();
        identityService.setAuthentication(task.getAssignee(), List.of(Groups.SALES_REP));
        try {
            taskService.complete(task.getId(), vars);
        } finally {
            identityService.clearAuthentication();
        }
    }

    private static void setClock(String localDateTime) {
        ClockUtil.setCurrentTime(Date.from(local(localDateTime)));
    }

    private static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

}
