package org.leadtocash.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Autowired;

/** R-24 with known data: cycle ① to ⑤, dwell per node, blocker causes ranked. */
@AppTest
class PaymentKpiTests {
    /** Monday 2025-06-09 09:00 in Shanghai. */
    static final Instant T0 = Instant.parse("2025-06-09T01:00:00Z");
    static final LocalDate JUNE_1 = LocalDate.of(2025, 6, 1);
    static final LocalDate JUNE_30 = LocalDate.of(2025, 6, 30);

    @Autowired PaymentKpi kpi;
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
        knownJourneys();
    }

    @AfterEach
    void tearDown() {
        identityService.clearAuthentication();
        ClockUtil.reset();
    }

    /**
     * J1 zhangwei: ① 24 h, ② 24 h, ③ 24 h, ④ 24 h, paid in full at once: cycle 4 days.
     * J2 zhangwei: paid in full at ① after 48 h: cycle 2 days.
     * J3 lina: part paid at ① after 24 h, the rest 216 h later: cycle 10 days.
     * J4 zhangwei (D医院) stuck at ①: checklists [INVOICE_WRONG] and [INVOICE_WRONG, OTHER].
     * J5 lina (C公司) stuck at ②: checklist [BANK_ACCOUNT_FROZEN].
     */
    private void knownJourneys() {
        at(0);
        PaymentJourney j1 = journeys.start(PaymentFixtures.start("zhangwei", "A医院", "1000.00"));
        PaymentJourney j2 = journeys.start(PaymentFixtures.start("zhangwei", "B集团", "2000.00"));
        PaymentJourney j3 = journeys.start(PaymentFixtures.start("lina", "C公司", "3000.00"));
        PaymentJourney j4 = journeys.start(PaymentFixtures.start("zhangwei", "D医院", "4000.00"));
        PaymentJourney j5 = journeys.start(PaymentFixtures.start("lina", "C公司", "5000.00"));
        invoiceSigned(j5);
        at(24);
        invoiceSigned(j1);
        journeys.applyBankReceipt(j3.invoiceNo(), new BigDecimal("1000.00"), LocalDate.of(2025, 6, 10), "J3-1", "wufang");
        at(48);
        complete(j1, PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED,
                Map.of(Vars.PROCUREMENT_REFERENCE, "CG-1", Vars.PROCUREMENT_STARTED_DATE, "2025-06-11"));
        journeys.applyBankReceipt(j2.invoiceNo(), new BigDecimal("2000.00"), LocalDate.of(2025, 6, 11), "J2-1", "wufang");
        breaker(j4, PaymentJourneyProcess.Event.BREAKER_INVOICE_SUBMITTED);
        answer(j4, List.of("INVOICE_WRONG"), null);
        breaker(j5, PaymentJourneyProcess.Event.BREAKER_INVOICE_SIGNED);
        answer(j5, List.of("BANK_ACCOUNT_FROZEN"), null);
        at(72);
        complete(j1, PaymentJourneyProcess.Task.AWAIT_CUSTOMER_PAID,
                Map.of(Vars.CUSTOMER_PAID_DATE, "2025-06-12", Vars.CUSTOMER_PAID_AMOUNT, 1000));
        at(96);
        journeys.applyBankReceipt(j1.invoiceNo(), new BigDecimal("1000.00"), LocalDate.of(2025, 6, 13), "J1-1", "wufang");
        breaker(j4, PaymentJourneyProcess.Event.BREAKER_INVOICE_SUBMITTED);
        answer(j4, List.of("INVOICE_WRONG", "OTHER"), "客户要求改发票抬头");
        at(240);
        journeys.applyBankReceipt(j3.invoiceNo(), new BigDecimal("2000.00"), LocalDate.of(2025, 6, 19), "J3-2", "wufang");
    }

    @Test
    void paymentCycleAverageAndMedianInDaysOverJourneysPaidInTheRange() {
        PaymentKpi.Report report = kpi.report(JUNE_1, JUNE_30, null);

        // medians as their bucket (3 days, 4 days]: the middle cycle of J2 2 d, J1 4 d, J3 10 d; of zhangwei's two, the upper
        assertThat(report.cycle()).isEqualTo(new PaymentKpi.Cycle(3, new BigDecimal("5.3"), new BigDecimal("4.0"), new BigDecimal("3.0")));
        assertThat(kpi.report(JUNE_1, JUNE_30, "zhangwei").cycle())
                .isEqualTo(new PaymentKpi.Cycle(2, new BigDecimal("3.0"), new BigDecimal("4.0"), new BigDecimal("3.0")));
        // J3 was paid on 19 June: a range ending the 18th leaves it out
        assertThat(kpi.report(JUNE_1, LocalDate.of(2025, 6, 18), null).cycle().journeysPaid()).isEqualTo(2);
    }

    @Test
    void dwellTimePerNodeInHoursOverStaysThatEndedInTheRange() {
        PaymentKpi.Report report = kpi.report(JUNE_1, JUNE_30, null);

        assertThat(report.dwellByNode()).extracting(PaymentKpi.NodeDwell::node, PaymentKpi.NodeDwell::stays,
                PaymentKpi.NodeDwell::averageHours, PaymentKpi.NodeDwell::medianHours).containsExactly(
                tuple("INVOICE_SUBMITTED", 4, new BigDecimal("24.0"), new BigDecimal("24.0")),
                tuple("INVOICE_SIGNED", 1, new BigDecimal("24.0"), new BigDecimal("24.0")),
                tuple("PROCUREMENT_STARTED", 1, new BigDecimal("24.0"), new BigDecimal("24.0")),
                tuple("CUSTOMER_PAID", 1, new BigDecimal("24.0"), new BigDecimal("24.0")),
                // medians as their bucket: (20 h, 24 h], and (0, 1 min] for two receipts that left ⑤ at once
                tuple("BANK_RECEIVED", 3, new BigDecimal("72.0"), new BigDecimal("0.1")));
    }

    @Test
    void blockerCausesRankedOverallPerNodeAndPerCustomer() {
        PaymentKpi.Report report = kpi.report(JUNE_1, JUNE_30, null);

        assertThat(report.blockerCauses()).extracting(PaymentKpi.CauseCount::cause, PaymentKpi.CauseCount::count,
                PaymentKpi.CauseCount::share).containsExactly(
                tuple(BlockerCause.INVOICE_WRONG, 2, new BigDecimal("0.5000")),
                tuple(BlockerCause.BANK_ACCOUNT_FROZEN, 1, new BigDecimal("0.2500")),
                tuple(BlockerCause.OTHER, 1, new BigDecimal("0.2500")));
        assertThat(report.blockerCauses().get(0).label()).isEqualTo("发票信息错误 invoice information wrong");
        assertThat(report.blockerCausesByNode()).extracting(PaymentKpi.NodeCauseCount::node,
                PaymentKpi.NodeCauseCount::cause, PaymentKpi.NodeCauseCount::count).containsExactly(
                tuple("INVOICE_SUBMITTED", BlockerCause.INVOICE_WRONG, 2),
                tuple("INVOICE_SUBMITTED", BlockerCause.OTHER, 1),
                tuple("INVOICE_SIGNED", BlockerCause.BANK_ACCOUNT_FROZEN, 1));
        assertThat(report.blockerCausesByCustomer()).extracting(PaymentKpi.CustomerCauseCount::customerName,
                PaymentKpi.CustomerCauseCount::cause, PaymentKpi.CustomerCauseCount::count).containsExactly(
                tuple("D医院", BlockerCause.INVOICE_WRONG, 2),
                tuple("C公司", BlockerCause.BANK_ACCOUNT_FROZEN, 1),
                tuple("D医院", BlockerCause.OTHER, 1));
        assertThat(kpi.report(JUNE_1, JUNE_30, "lina").blockerCauses()).extracting(PaymentKpi.CauseCount::cause)
                .containsExactly(BlockerCause.BANK_ACCOUNT_FROZEN);
    }

    @Test
    void anEmptyRangeHasNoFiguresAndABackwardRangeIsRefused() {
        PaymentKpi.Report july = kpi.report(LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 31), null);
        assertThat(july.cycle()).isEqualTo(new PaymentKpi.Cycle(0, null, null, null));
        assertThat(july.dwellByNode()).allSatisfy(d -> assertThat(d.stays()).isZero());
        assertThat(july.blockerCauses()).isEmpty();

        assertThatThrownBy(() -> kpi.report(JUNE_30, JUNE_1, null)).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.errors().get(0).field()).isEqualTo("to"));
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private void invoiceSigned(PaymentJourney journey) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.INVOICE_SIGNED_DATE, "2025-06-09");
        vars.put(Vars.EXPECTED_PAYMENT_DATE, "2025-06-30");
        vars.put(Vars.PROCUREMENT_CONTACT_NAME, "王采购");
        vars.put(Vars.PROCUREMENT_CONTACT_MOBILE, "13912345678");
        complete(journey, PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED, vars);
    }

    private void breaker(PaymentJourney journey, String timerId) {
        managementService.executeJob(managementService.createJobQuery().processInstanceId(journey.processInstanceId())
                .timers().activityId(timerId).singleResult().getId());
        managementService.executeJob(managementService.createJobQuery().processInstanceId(journey.processInstanceId())
                .activityId(PaymentJourneyProcess.Task.NOTIFY_PAYMENT_BLOCKED).singleResult().getId());
    }

    private void answer(PaymentJourney journey, List<String> causes, String other) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.BLOCKER_CAUSES, causes);
        vars.put(Vars.BLOCKER_OTHER_CAUSE, other);
        vars.put(Vars.NEXT_ACTION, "电话跟进");
        vars.put(Vars.NEXT_ACTION_DATE, "2025-06-30");
        complete(journey, PaymentJourneyProcess.Task.BLOCKER_CHECKLIST, vars);
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

    private static void at(int hoursAfterT0) {
        ClockUtil.setCurrentTime(Date.from(T0.plus(Duration.ofHours(hoursAfterT0))));
    }
}
