package org.leadtocash.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.leadtocash.shared.DurationHistogram;
import org.leadtocash.shared.Groups;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment KPI's summaries (V23) stay equal to a recount of {@code payment_journey}, {@code payment_node_visit} and the
 * blocker checklists after every step of real journeys — start, invoice signed, procurement, customer paid, a part and a
 * full bank receipt, the breaker firing and the rep answering its checklist (twice at one node), the process ending — and
 * after a rolled-back receipt; the KPI read from them equals the one computed from every journey, stay and checklist for
 * all reps and each rep (medians: the exact one at most the reported bucket's upper edge); the start-up build equals the
 * kept summary.
 */
@AppTest
class PaymentKpiSummaryTests {
    /** Monday 2025-06-09 09:00 in Shanghai. */
    static final Instant T0 = Instant.parse("2025-06-09T01:00:00Z");

    @Autowired PaymentKpi kpi;
    @Autowired PaymentKpiSummary summary;
    @Autowired PaymentJourneys journeys;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired TestData data;
    @Autowired PaymentFixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

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
    void summaryEqualsARecountAfterEveryStepAndTheKpiEqualsTheOneFromEveryJourney() {
        at(0);
        PaymentJourney j1 = journeys.start(PaymentFixtures.start("zhangwei", "A医院", "1000.00"));
        PaymentJourney j2 = journeys.start(PaymentFixtures.start("zhangwei", "B集团", "2000.00"));
        PaymentJourney j3 = journeys.start(PaymentFixtures.start("lina", "C公司", "3000.00"));
        PaymentJourney j4 = journeys.start(PaymentFixtures.start("zhangwei", "D医院", "4000.00"));
        PaymentJourney j5 = journeys.start(PaymentFixtures.start("lina", "C公司", "5000.00"));
        assertSummaryIsARecount("after five journeys started");
        at(3);
        invoiceSigned(j5);
        assertSummaryIsARecount("after an invoice signed");
        at(24);
        invoiceSigned(j1);
        journeys.applyBankReceipt(j3.invoiceNo(), new BigDecimal("1000.00"), LocalDate.of(2025, 6, 10), "J3-1", "wufang");
        assertSummaryIsARecount("after a part payment");
        at(48);
        complete(j1, PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED,
                Map.of(Vars.PROCUREMENT_REFERENCE, "CG-1", Vars.PROCUREMENT_STARTED_DATE, "2025-06-11"));
        assertSummaryIsARecount("after procurement started");
        journeys.applyBankReceipt(j2.invoiceNo(), new BigDecimal("2000.00"), LocalDate.of(2025, 6, 11), "J2-1", "wufang");
        assertSummaryIsARecount("after a journey paid in full at ①");
        breaker(j4, PaymentJourneyProcess.Event.BREAKER_INVOICE_SUBMITTED);
        assertSummaryIsARecount("after the breaker fired");
        answer(j4, List.of("INVOICE_WRONG"), null);
        assertSummaryIsARecount("after a checklist answered");
        breaker(j5, PaymentJourneyProcess.Event.BREAKER_INVOICE_SIGNED);
        answer(j5, List.of("BANK_ACCOUNT_FROZEN"), null);
        at(72);
        complete(j1, PaymentJourneyProcess.Task.AWAIT_CUSTOMER_PAID,
                Map.of(Vars.CUSTOMER_PAID_DATE, "2025-06-12", Vars.CUSTOMER_PAID_AMOUNT, 1000));
        assertSummaryIsARecount("after the customer paid");

        Map<String, List<Long>> durations = summaryRows(PaymentKpiSummary.DURATIONS);
        Map<String, List<Long>> causes = summaryRows(PaymentKpiSummary.CAUSES);
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            journeys.applyBankReceipt(j4.invoiceNo(), new BigDecimal("4000.00"), LocalDate.of(2025, 6, 12), "J4-X", "wufang");
            status.setRollbackOnly();
        });
        assertThat(summaryRows(PaymentKpiSummary.DURATIONS)).as("a rolled-back receipt leaves the counts as they were").isEqualTo(durations);
        assertThat(summaryRows(PaymentKpiSummary.CAUSES)).isEqualTo(causes);
        assertSummaryIsARecount("after a rolled-back receipt");

        at(96);
        journeys.applyBankReceipt(j1.invoiceNo(), new BigDecimal("1000.00"), LocalDate.of(2025, 6, 13), "J1-1", "wufang");
        assertSummaryIsARecount("after a journey paid in full at ④");
        breaker(j4, PaymentJourneyProcess.Event.BREAKER_INVOICE_SUBMITTED);
        answer(j4, List.of("INVOICE_WRONG", "OTHER"), "客户要求改发票抬头");
        assertSummaryIsARecount("after a second checklist at the same node");
        at(240);
        journeys.applyBankReceipt(j3.invoiceNo(), new BigDecimal("2000.00"), LocalDate.of(2025, 6, 19), "J3-2", "wufang");
        assertSummaryIsARecount("after the rest of a part payment");

        PaymentKpi.Report june = kpi.report(LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30), null);
        assertThat(june.cycle().journeysPaid()).isEqualTo(3);
        assertThat(june.cycle().averageDays()).isEqualByComparingTo("5.3");
        assertThat(june.blockerCauses()).extracting(PaymentKpi.CauseCount::count).containsExactly(2, 1, 1);
        for (LocalDate[] range : List.of(new LocalDate[] {LocalDate.of(2025, 6, 1), LocalDate.of(2025, 6, 30)},
                new LocalDate[] {LocalDate.of(2025, 6, 9), LocalDate.of(2025, 6, 9)}, new LocalDate[] {LocalDate.of(2025, 6, 10),
                LocalDate.of(2025, 6, 13)}, new LocalDate[] {LocalDate.of(2025, 6, 19), LocalDate.of(2025, 6, 19)},
                new LocalDate[] {LocalDate.of(2025, 7, 1), LocalDate.of(2025, 7, 31)})) {
            for (String rep : new String[] {null, "zhangwei", "lina"}) {
                assertKpiEqualsThePerItemOne(range[0], range[1], rep);
            }
        }

        Map<String, List<Long>> keptDurations = summaryRows(PaymentKpiSummary.DURATIONS);
        Map<String, List<Long>> keptCauses = summaryRows(PaymentKpiSummary.CAUSES);
        jdbc.sql("UPDATE summary_state SET zone = '' WHERE name IN ('payment_kpi_summary', 'payment_cause_summary')").update();
        summary.buildIfNeeded();
        assertThat(summaryRows(PaymentKpiSummary.DURATIONS)).as("built at start-up from the rows").isEqualTo(keptDurations);
        assertThat(summaryRows(PaymentKpiSummary.CAUSES)).as("built at start-up from the rows").isEqualTo(keptCauses);
        summary.rebuild();
        assertThat(summaryRows(PaymentKpiSummary.DURATIONS)).as("rebuilt on demand").isEqualTo(keptDurations);
        assertThat(summaryRows(PaymentKpiSummary.CAUSES)).as("rebuilt on demand").isEqualTo(keptCauses);
    }

    // --- checks --------------------------------------------------------------------------------------------------

    private void assertKpiEqualsThePerItemOne(LocalDate from, LocalDate to, String rep) {
        String what = from + "–" + to + " rep " + rep;
        PaymentKpi.Report fromSummary = kpi.report(from, to, rep);
        PaymentKpi.Report fromItems = kpi.perItem(from, to, rep);
        assertThat(fromSummary).as(what).usingRecursiveComparison()
                .ignoringFields("cycle.medianDays", "cycle.medianDaysFrom", "dwellByNode.medianHours", "dwellByNode.medianHoursFrom")
                .isEqualTo(fromItems);
        assertWithin(what + " cycle", fromItems.cycle().journeysPaid(), fromItems.cycle().medianDays(), fromSummary.cycle().medianDaysFrom(),
                fromSummary.cycle().medianDays());
        for (int i = 0; i < fromItems.dwellByNode().size(); i++) {
            PaymentKpi.NodeDwell exact = fromItems.dwellByNode().get(i);
            PaymentKpi.NodeDwell bucket = fromSummary.dwellByNode().get(i);
            assertWithin(what + " dwell at " + exact.node(), exact.stays(), exact.medianHours(), bucket.medianHoursFrom(), bucket.medianHours());
        }
    }

    /** An odd count's median lies in the bucket; an even count's (the mean of the middle two) is at most its upper edge. */
    private static void assertWithin(String what, int count, BigDecimal exact, BigDecimal from, BigDecimal upTo) {
        if (exact == null) {
            assertThat(from).as(what).isNull();
            assertThat(upTo).as(what).isNull();
        } else if (count % 2 == 1) {
            assertThat(exact).as(what).isBetween(from, upTo);
        } else {
            assertThat(exact).as(what).isLessThanOrEqualTo(upTo);
        }
    }

    /** The summaries equal a recount of the journey, stay and checklist rows (plain SQL, counted here). */
    private void assertSummaryIsARecount(String step) {
        Map<String, List<Long>> durations = new TreeMap<>();
        jdbc.sql("SELECT rep_id, started_at, paid_at FROM payment_journey WHERE status = 'PAID'").query((java.sql.ResultSet rs) -> {
            Instant paid = instant(rs, "paid_at");
            long[] row = spans(instant(rs, "started_at"), paid);
            for (String rep : new String[] {"", rs.getString("rep_id")}) {
                add(durations, rep + "|CYCLE|" + day(paid) + "|", row);
            }
        });
        jdbc.sql("SELECT j.rep_id, v.node, v.entered_at, v.left_at FROM payment_node_visit v JOIN payment_journey j ON j.id = v.journey_id "
                + "WHERE v.left_at IS NOT NULL").query((java.sql.ResultSet rs) -> {
                    Instant left = instant(rs, "left_at");
                    long[] row = spans(instant(rs, "entered_at"), left);
                    for (String rep : new String[] {"", rs.getString("rep_id")}) {
                        add(durations, rep + "|DWELL|" + day(left) + "|" + rs.getString("node"), row);
                    }
                });
        assertThat(summaryRows(PaymentKpiSummary.DURATIONS)).as("payment_kpi_summary %s", step).isEqualTo(durations);

        Map<String, List<Long>> causes = new TreeMap<>();
        jdbc.sql("SELECT c.rep_id, c.node, c.customer_id, c.customer_name, c.answered_at, k.cause FROM payment_blocker_check c "
                + "JOIN payment_blocker_cause k ON k.check_id = c.id WHERE c.answered_at IS NOT NULL").query((java.sql.ResultSet rs) -> {
                    LocalDate day = day(instant(rs, "answered_at"));
                    String cause = rs.getString("cause");
                    String customer = rs.getString("customer_id") == null ? "" : rs.getString("customer_id");
                    for (String rep : new String[] {"", rs.getString("rep_id")}) {
                        add(causes, rep + "|ALL|" + day + "|||" + cause, new long[] {1});
                        add(causes, rep + "|NODE|" + day + "|" + rs.getString("node") + "||" + cause, new long[] {1});
                        add(causes, rep + "|CUSTOMER|" + day + "|" + customer + "|" + rs.getString("customer_name") + "|" + cause, new long[] {1});
                    }
                });
        assertThat(summaryRows(PaymentKpiSummary.CAUSES)).as("payment_cause_summary %s", step).isEqualTo(causes);
    }

    private static long[] spans(Instant from, Instant to) {
        Duration span = Duration.between(from, to);
        long[] row = new long[2 + DurationHistogram.BUCKETS];
        row[0] = 1;
        row[1] = span.toSeconds();
        row[2 + DurationHistogram.bucketOf(span)] = 1;
        return row;
    }

    private static void add(Map<String, List<Long>> rows, String key, long[] counts) {
        List<Long> sum = rows.computeIfAbsent(key, k -> new ArrayList<>(Collections.nCopies(counts.length, 0L)));
        for (int i = 0; i < counts.length; i++) {
            sum.set(i, sum.get(i) + counts[i]);
        }
    }

    /** A summary table's rows with any count, keyed by its key columns joined with '|', counters in column order. */
    private Map<String, List<Long>> summaryRows(org.leadtocash.shared.SummaryCounters.Table table) {
        Map<String, List<Long>> rows = new TreeMap<>();
        jdbc.sql("SELECT * FROM " + table.name()).query((java.sql.ResultSet rs) -> {
            List<Long> values = new ArrayList<>();
            for (String c : table.counterColumns()) {
                values.add(rs.getLong(c));
            }
            if (values.stream().anyMatch(v -> v != 0)) {
                List<String> key = new ArrayList<>();
                for (String k : table.keyColumns()) {
                    key.add(k.equals("summary_day") ? rs.getObject(k, LocalDate.class).toString() : rs.getString(k));
                }
                rows.put(String.join("|", key), values);
            }
        });
        return rows;
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, TestData.ZONE);
    }

    // --- steps, as PaymentKpiTests takes them -----------------------------------------------------------------------

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
