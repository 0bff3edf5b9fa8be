package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.quote.QuoteTestSupport.REP;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.quote.QuoteToInvoiceProcess.ReviewDecision;
import org.leadtocash.quote.QuoteToInvoiceProcess.Task;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.leadtocash.shared.DurationHistogram;
import org.leadtocash.shared.Groups;
import org.leadtocash.standin.U8StandIn;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The contract KPI's summaries (V23) stay equal to a recount of {@code contract}, {@code contract_review} and
 * {@code invoice_handoff_verdict} after every step of the quote-to-invoice process — drafting, legal's return and
 * approval, the rep's revision, signing, U8 accepting, U8 rejecting and the fix — and after a rolled-back review; the KPI
 * read from them equals the one computed from every contract (counts, rates, average, compliance, the sample), with the
 * exact median inside the reported bucket, also when a reviewer leaves legal; the start-up build equals the kept summary.
 */
@AppTest
class ContractKpiSummaryTests {
    @Autowired QuoteTestSupport support;
    @Autowired QuoteKpi kpi;
    @Autowired ContractKpiSummary summary;
    @Autowired Contracts contracts;
    @Autowired RuntimeService runtimeService;
    @Autowired IdentityService identityService;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    private Instant t0;
    private LocalDate today;

    @BeforeEach
    void setUp() {
        support.reset();
        today = TestData.today();
        t0 = today.atTime(8, 0).atZone(TestData.ZONE).toInstant();
        at(0);
    }

    @AfterEach
    void tearDown() {
        support.reset();
        ClockUtil.reset();
    }

    @Test
    void summaryEqualsARecountAfterEveryStepAndTheKpiEqualsTheOneFromEveryContract() throws Exception {
        try (U8StandIn u8 = new U8StandIn()) {
            String a = support.quote("zhangwei").processInstanceId();
            String b = support.quote("zhangwei").processInstanceId();
            String c = support.quote("lina").processInstanceId();
            assertSummaryIsARecount("after quoting: no contract yet");
            support.toLegalReview(a, "zhangwei");
            support.toLegalReview(b, "zhangwei");
            support.toLegalReview(c, "lina");
            assertSummaryIsARecount("after drafting three contracts");

            at(60);
            support.review(b, "RETURN", "付款条款与报价不一致");
            assertSummaryIsARecount("after legal returned one");
            support.review(c, "RETURN", "缺少技术协议附件编号");
            at(95);
            support.review(a, "APPROVE", null);
            assertSummaryIsARecount("after legal approved one");
            support.useU8(u8);
            support.executeJob(a, Task.CREATE_INVOICE_REQUEST);
            assertSummaryIsARecount("after the invoice request");
            support.executeJob(a, Task.HAND_OFF_TO_U8);
            assertSummaryIsARecount("after U8 accepted");

            Map<String, Object> revision = new HashMap<>();
            revision.put(Vars.LINES, QuoteJson.variable(support.currentLines(b)));
            revision.put(Vars.DELIVERY_DATE, today.plusDays(40).toString());
            revision.put(Vars.REVISION_NOTE, "已按报价更正付款条款说明");
            support.complete(b, Task.REVISE_CONTRACT, "zhangwei", REP, revision);
            assertSummaryIsARecount("after the rep's revision");
            at(333);
            support.review(b, "APPROVE", null);
            support.executeJob(b, Task.CREATE_INVOICE_REQUEST);
            u8.rejectNext("30102", "客户编码不存在");
            support.executeJob(b, Task.HAND_OFF_TO_U8);
            assertSummaryIsARecount("after U8 rejected");
            Map<String, Object> fix = new HashMap<>();
            for (String key : new String[] {Vars.INVOICE_CUSTOMER_NAME, Vars.INVOICE_CUSTOMER_CREDIT_CODE, Vars.BANK_NAME, Vars.BANK_ACCOUNT}) {
                fix.put(key, runtimeService.getVariable(b, key));
            }
            support.complete(b, Task.FIX_INVOICE_DATA, "wufang", QuoteTestSupport.FINANCE, fix);
            support.executeJob(b, Task.HAND_OFF_TO_U8);
            assertSummaryIsARecount("after the fix was accepted");

            String contractC = (String) runtimeService.getVariable(c, Vars.CONTRACT_ID);
            Map<String, List<Long>> before = summaryRows("contract_kpi_summary");
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                contracts.review(contractC, new ReviewVerdict(ReviewDecision.RETURN, "再次退回", "zhoujie"));
                status.setRollbackOnly();
            });
            assertThat(summaryRows("contract_kpi_summary")).as("a rolled-back review leaves the counts as they were").isEqualTo(before);
            assertSummaryIsARecount("after a rolled-back review");

            // the next day: a contract drafted and approved within 20 minutes
            at(24 * 60 + 30);
            String d = support.quote("lina").processInstanceId();
            support.toLegalReview(d, "lina");
            at(24 * 60 + 50);
            support.review(d, "APPROVE", null);
            support.executeJob(d, Task.CREATE_INVOICE_REQUEST);
            assertSummaryIsARecount("after a contract of the next day");

            QuoteKpi.Report first = kpi.contracts(today, today);
            assertThat(first.contracts()).isEqualTo(3);
            assertThat(first.returnedContracts()).isEqualTo(2);
            assertThat(first.approvedContracts()).isEqualTo(2);
            assertThat(first.u8HandOffs()).isEqualTo(3);
            assertThat(first.u8Rejections()).isEqualTo(1);
            // a 95 min and a 333 min contract: the upper middle is in (300, 360] minutes
            assertThat(first.medianHandlingHours()).isEqualByComparingTo("6.00");
            assertThat(first.medianHandlingHoursFrom()).isEqualByComparingTo("5.00");
            assertThat(first.averageHandlingHours()).isEqualByComparingTo("3.57");
            assertThat(first.perContract()).as("not asked for").isNull();
            assertKpiEqualsThePerContractOne();

            // legal membership is asked when the KPI is read, from the summary as from the contracts
            identityService.deleteMembership("zhoujie", Groups.LEGAL);
            try {
                assertThat(kpi.contracts(today, today).compliance().approvalChainComplete()).isEqualByComparingTo("0");
                assertKpiEqualsThePerContractOne();
            } finally {
                identityService.createMembership("zhoujie", Groups.LEGAL);
            }

            Map<String, List<Long>> kept = summaryRows("contract_kpi_summary");
            Map<String, List<Long>> keptVerdicts = summaryRows("u8_verdict_summary");
            jdbc.sql("UPDATE summary_state SET zone = '' WHERE name IN ('contract_kpi_summary', 'u8_verdict_summary')").update();
            summary.buildIfNeeded();
            assertThat(summaryRows("contract_kpi_summary")).as("built at start-up from the rows").isEqualTo(kept);
            assertThat(summaryRows("u8_verdict_summary")).isEqualTo(keptVerdicts);
            assertThat(jdbc.sql("SELECT zone FROM summary_state WHERE name = 'contract_kpi_summary'").query(String.class).single())
                    .isEqualTo(TestData.ZONE.getId());
            summary.rebuild();
            assertThat(summaryRows("contract_kpi_summary")).as("rebuilt on demand").isEqualTo(kept);
        }
    }

    @Test
    void theSampleDrawnByPositionIsTheFisherYatesShuffleOfTheIdsInOrder() {
        for (int n : new int[] {0, 1, 7, 100, 101, 250, 25_000}) {
            for (long seed : new long[] {1L, 42L, 2026030120260331L}) {
                List<Integer> pool = new java.util.ArrayList<>();
                for (int i = 0; i < n; i++) {
                    pool.add(i);
                }
                Random random = new Random(seed);
                int k = Math.min(100, n);
                for (int i = 0; i < k; i++) {
                    int j = i + random.nextInt(n - i);
                    Integer picked = pool.get(j);
                    pool.set(j, pool.get(i));
                    pool.set(i, picked);
                }
                assertThat(QuoteKpi.draw(n, seed, 100)).as("n %d seed %d", n, seed)
                        .containsExactly(pool.subList(0, k).stream().mapToInt(Integer::intValue).toArray());
            }
        }
    }

    // --- checks --------------------------------------------------------------------------------------------------

    private void assertKpiEqualsThePerContractOne() {
        for (LocalDate[] range : List.of(new LocalDate[] {today, today}, new LocalDate[] {today, today.plusDays(1)},
                new LocalDate[] {today.plusDays(1), today.plusDays(1)}, new LocalDate[] {today.minusDays(5), today.minusDays(1)})) {
            QuoteKpi.Report fromSummary = kpi.contracts(range[0], range[1], 7L, true);
            QuoteKpi.Report fromContracts = kpi.perItem(range[0], range[1], 7L);
            String what = range[0] + "–" + range[1];
            assertThat(fromSummary).as(what).usingRecursiveComparison()
                    .ignoringFields("medianHandlingHours", "medianHandlingHoursFrom").isEqualTo(fromContracts);
            BigDecimal median = fromContracts.medianHandlingHours();
            if (median == null) {
                assertThat(fromSummary.medianHandlingHours()).as(what).isNull();
                assertThat(fromSummary.medianHandlingHoursFrom()).as(what).isNull();
            } else if (fromContracts.approvedContracts() % 2 == 1) {
                assertThat(median).as("%s: the exact median lies in the reported bucket", what)
                        .isBetween(fromSummary.medianHandlingHoursFrom(), fromSummary.medianHandlingHours());
            } else {
                // even: the bucket is the upper middle's, the exact median the mean of the middle two
                assertThat(median).as("%s: the exact median is at most the bucket's upper edge", what)
                        .isLessThanOrEqualTo(fromSummary.medianHandlingHours());
            }
        }
    }

    /** The summaries equal a recount of the contract, review and verdict rows (plain SQL, counted here). */
    private void assertSummaryIsARecount(String step) {
        Map<String, List<Long>> contractRows = new TreeMap<>();
        Map<String, TreeSet<String>> approvers = new HashMap<>();
        jdbc.sql("SELECT contract_id, reviewer FROM contract_review WHERE decision = 'APPROVE'").query((java.sql.ResultSet rs) -> {
            approvers.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
        });
        Map<String, Integer> reviews = new HashMap<>();
        jdbc.sql("SELECT contract_id, COUNT(*) FROM contract_review GROUP BY contract_id").query((java.sql.ResultSet rs) -> {
            reviews.put(rs.getString(1), rs.getInt(2));
        });
        jdbc.sql("SELECT id, drafted_at, approved_at, legal_returns, clauses_current_at_approval, attachments_complete FROM contract")
                .query((java.sql.ResultSet rs) -> {
                    Instant drafted = rs.getObject("drafted_at", OffsetDateTime.class).toInstant();
                    OffsetDateTime approvedAt = rs.getObject("approved_at", OffsetDateTime.class);
                    long[] row = new long[7 + DurationHistogram.BUCKETS];
                    row[0] = 1;
                    row[1] = reviews.getOrDefault(rs.getString("id"), 0) > 0 ? 1 : 0;
                    row[2] = rs.getInt("legal_returns") > 0 ? 1 : 0;
                    String set = "";
                    if (approvedAt != null) {
                        Duration handling = Duration.between(drafted, approvedAt.toInstant());
                        row[3] = 1;
                        row[4] = BigDecimal.valueOf(handling.toSeconds()).divide(BigDecimal.valueOf(36), 0, RoundingMode.HALF_UP).longValue();
                        row[5] = rs.getBoolean("clauses_current_at_approval") ? 1 : 0;
                        row[6] = rs.getBoolean("attachments_complete") ? 1 : 0;
                        row[7 + DurationHistogram.bucketOf(handling)] = 1;
                        set = String.join(",", approvers.getOrDefault(rs.getString("id"), new TreeSet<>()));
                    }
                    add(contractRows, LocalDate.ofInstant(drafted, TestData.ZONE) + "|" + set, row);
                });
        assertThat(summaryRows("contract_kpi_summary")).as("contract_kpi_summary %s", step).isEqualTo(contractRows);

        Map<String, List<Long>> verdictRows = new TreeMap<>();
        jdbc.sql("SELECT outcome, recorded_at FROM invoice_handoff_verdict").query((java.sql.ResultSet rs) -> {
            add(verdictRows, LocalDate.ofInstant(rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), TestData.ZONE).toString(),
                    new long[] {1, "REJECTED".equals(rs.getString("outcome")) ? 1 : 0});
        });
        assertThat(summaryRows("u8_verdict_summary")).as("u8_verdict_summary %s", step).isEqualTo(verdictRows);
    }

    private static void add(Map<String, List<Long>> rows, String key, long[] counts) {
        List<Long> sum = rows.computeIfAbsent(key, k -> new java.util.ArrayList<>(java.util.Collections.nCopies(counts.length, 0L)));
        for (int i = 0; i < counts.length; i++) {
            sum.set(i, sum.get(i) + counts[i]);
        }
    }

    /** A summary table's rows with any count, keyed "day|approvers" (or "day"), counters in column order. */
    private Map<String, List<Long>> summaryRows(String table) {
        boolean contracts = table.equals("contract_kpi_summary");
        List<String> counters = contracts ? ContractKpiSummary.CONTRACTS.counterColumns() : ContractKpiSummary.VERDICTS.counterColumns();
        Map<String, List<Long>> rows = new TreeMap<>();
        jdbc.sql("SELECT * FROM " + table).query((java.sql.ResultSet rs) -> {
            List<Long> values = new java.util.ArrayList<>();
            for (String c : counters) {
                values.add(rs.getLong(c));
            }
            if (values.stream().anyMatch(v -> v != 0)) {
                rows.put(rs.getObject("summary_day", LocalDate.class) + (contracts ? "|" + rs.getString("approvers") : ""), values);
            }
        });
        return rows;
    }

    private void at(int minutes) {
        ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofMinutes(minutes))));
    }
}
