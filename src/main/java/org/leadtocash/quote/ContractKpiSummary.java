package org.leadtocash.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.leadtocash.quote.QuoteToInvoiceProcess.ReviewDecision;
import org.leadtocash.shared.DurationHistogram;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.SummaryBuilds;
import org.leadtocash.shared.SummaryCounters;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The contract KPI's summaries (V23), so {@link QuoteKpi} reads a few rows per day instead of every contract of its
 * range: {@code contract_kpi_summary} counts contracts per day drafted (in the sales team's zone) and, for approved ones,
 * per set of APPROVE reviewers — legal membership is asked when the KPI is read, as before; {@code u8_verdict_summary}
 * counts U8 verdicts per day recorded. {@link ContractRepository} and {@link InvoiceRepository} add to them in the
 * transaction that writes the contract, review or verdict ({@link SummaryCounters}); a write moves the contract's
 * counts from what it was to what it is. Built from the rows at start-up and by {@link #rebuild()} after a bulk load.
 */
@Component
public class ContractKpiSummary {
    static final List<String> FIGURES = List.of("contracts", "reviewed", "returned", "approved", "handling_centihours",
            "clauses_current", "attachments_complete");
    static final SummaryCounters.Table CONTRACTS = new SummaryCounters.Table("contract_kpi_summary",
            List.of("summary_day", "approvers"), concat(FIGURES, DurationHistogram.columns()));
    static final SummaryCounters.Table VERDICTS = new SummaryCounters.Table("u8_verdict_summary", List.of("summary_day"),
            List.of("verdicts", "rejections"));
    static final int APPROVED = 3;
    static final int HANDLING_CENTIHOURS = 4;
    static final int CLAUSES_CURRENT = 5;
    static final int ATTACHMENTS_COMPLETE = 6;
    private static final int PAGE = 1000;

    private final JdbcTemplate jdbc;
    /** Reads the source rows of a build {@value #PAGE} at a time (a cursor on PostgreSQL), not all at once. */
    private final JdbcTemplate paged;
    private final SummaryCounters counters;
    private final SummaryBuilds builds;
    private final EngineClock clock;

    public ContractKpiSummary(DataSource dataSource, SummaryCounters counters, SummaryBuilds builds, EngineClock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.paged = new JdbcTemplate(dataSource);
        this.paged.setFetchSize(PAGE);
        this.counters = counters;
        this.builds = builds;
        this.clock = clock;
    }

    /**
     * What the KPI counts of one contract, as stored.
     *
     * @param approvers the users of its APPROVE reviews
     */
    record Facts(Instant draftedAt, int reviews, int legalReturns, Instant approvedAt, Boolean clausesCurrent,
                 Boolean attachmentsComplete, SortedSet<String> approvers) {
    }

    /** The contract's facts now, or null when there is no such contract. */
    Facts facts(String contractId) {
        List<Facts> found = jdbc.query("SELECT drafted_at, approved_at, legal_returns, clauses_current_at_approval, "
                + "attachments_complete, (SELECT COUNT(*) FROM contract_review r WHERE r.contract_id = c.id) AS reviews "
                + "FROM contract c WHERE id = ?", (rs, n) -> new Facts(QuoteRepository.instant(rs, "drafted_at"), rs.getInt("reviews"),
                rs.getInt("legal_returns"), QuoteRepository.instant(rs, "approved_at"), bool(rs, "clauses_current_at_approval"),
                bool(rs, "attachments_complete"), new TreeSet<>()), contractId);
        if (found.isEmpty()) {
            return null;
        }
        Facts facts = found.get(0);
        facts.approvers().addAll(jdbc.queryForList("SELECT reviewer FROM contract_review WHERE contract_id = ? AND decision = ?",
                String.class, contractId, ReviewDecision.APPROVE.name()));
        return facts;
    }

    /** The contract changed from {@code before} to {@code after} (either null: not there) in the running transaction. */
    void moved(Facts before, Facts after) {
        ZoneId zone = clock.zone();
        if (before != null) {
            counters.add(CONTRACTS, key(before, zone), negated(counts(before)));
        }
        if (after != null) {
            counters.add(CONTRACTS, key(after, zone), counts(after));
        }
    }

    /** A U8 verdict recorded at {@code at}. */
    void verdict(String outcome, Instant at) {
        counters.add(VERDICTS, List.of(LocalDate.ofInstant(at, clock.zone())), new long[] {1, "REJECTED".equals(outcome) ? 1 : 0});
    }

    static List<Object> key(Facts f, ZoneId zone) {
        return List.of(LocalDate.ofInstant(f.draftedAt(), zone), f.approvedAt() == null ? "" : String.join(",", f.approvers()));
    }

    static long[] counts(Facts f) {
        long[] c = new long[CONTRACTS.counterColumns().size()];
        c[0] = 1;
        c[1] = f.reviews() > 0 ? 1 : 0;
        c[2] = f.legalReturns() > 0 ? 1 : 0;
        if (f.approvedAt() != null) {
            Duration handling = Duration.between(f.draftedAt(), f.approvedAt());
            c[APPROVED] = 1;
            c[HANDLING_CENTIHOURS] = centihours(handling);
            c[CLAUSES_CURRENT] = Boolean.TRUE.equals(f.clausesCurrent()) ? 1 : 0;
            c[ATTACHMENTS_COMPLETE] = Boolean.TRUE.equals(f.attachmentsComplete()) ? 1 : 0;
            c[FIGURES.size() + DurationHistogram.bucketOf(handling)] = 1;
        }
        return c;
    }

    /** Hours to 2 decimals (HALF_UP, whole seconds), as the KPI has always rounded one contract's handling time, × 100. */
    static long centihours(Duration span) {
        return BigDecimal.valueOf(span.toSeconds()).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(3600), 0, RoundingMode.HALF_UP).longValueExact();
    }

    private static long[] negated(long[] counts) {
        long[] n = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            n[i] = -counts[i];
        }
        return n;
    }

    // --- reads ---------------------------------------------------------------------------------------------------

    /** The range's counters, summed per approver set ({@link #CONTRACTS} counter order), and the U8 verdicts. */
    record Sums(Map<String, long[]> byApprovers, long verdicts, long rejections) {
        long[] total() {
            long[] t = new long[CONTRACTS.counterColumns().size()];
            byApprovers.values().forEach(c -> {
                for (int i = 0; i < t.length; i++) {
                    t[i] += c[i];
                }
            });
            return t;
        }
    }

    Sums read(LocalDate from, LocalDate to) {
        List<String> counters = CONTRACTS.counterColumns();
        Map<String, long[]> byApprovers = new LinkedHashMap<>();
        jdbc.query("SELECT approvers, " + String.join(", ", counters.stream().map(c -> "SUM(" + c + ")").toList())
                + " FROM contract_kpi_summary WHERE summary_day >= ? AND summary_day <= ? GROUP BY approvers ORDER BY approvers", rs -> {
                    long[] c = new long[counters.size()];
                    for (int i = 0; i < c.length; i++) {
                        c[i] = rs.getLong(i + 2);
                    }
                    byApprovers.put(rs.getString(1), c);
                }, Date.valueOf(from), Date.valueOf(to));
        long[] verdicts = jdbc.queryForObject("SELECT COALESCE(SUM(verdicts), 0), COALESCE(SUM(rejections), 0) FROM u8_verdict_summary "
                + "WHERE summary_day >= ? AND summary_day <= ?", (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)},
                Date.valueOf(from), Date.valueOf(to));
        return new Sums(byApprovers, verdicts[0], verdicts[1]);
    }

    // --- builds --------------------------------------------------------------------------------------------------

    @EventListener(ApplicationStartedEvent.class)
    void buildIfNeeded() {
        builds.ensureBuilt(CONTRACTS.name(), this::buildContracts);
        builds.ensureBuilt(VERDICTS.name(), this::buildVerdicts);
    }

    /** Builds both summaries again from the contracts, reviews and verdicts: after rows were written with SQL (a bulk load). */
    public void rebuild() {
        builds.rebuild(CONTRACTS.name(), this::buildContracts);
        builds.rebuild(VERDICTS.name(), this::buildVerdicts);
    }

    /** One read of every contract with its reviews, in contract order; counts summed per row, then inserted in batches. */
    private long buildContracts(EngineClock clock) {
        ContractRows rows = new ContractRows(clock.zone());
        paged.query("SELECT c.id, c.drafted_at, c.approved_at, c.legal_returns, c.clauses_current_at_approval, c.attachments_complete, "
                + "r.decision, r.reviewer FROM contract c LEFT JOIN contract_review r ON r.contract_id = c.id ORDER BY c.id", rs -> {
                    String id = rs.getString("id");
                    if (!id.equals(rows.contractId)) {
                        rows.next(id, new Facts(QuoteRepository.instant(rs, "drafted_at"), 0, rs.getInt("legal_returns"),
                                QuoteRepository.instant(rs, "approved_at"), bool(rs, "clauses_current_at_approval"),
                                bool(rs, "attachments_complete"), new TreeSet<>()));
                    }
                    String decision = rs.getString("decision");
                    if (decision != null) {
                        rows.review(ReviewDecision.valueOf(decision), rs.getString("reviewer"));
                    }
                });
        rows.next(null, null);
        counters.insert(CONTRACTS, rows.sums);
        return rows.read;
    }

    /** The rows of a contract build: the contract being read (its reviews come one per result row) and the sums. */
    private static final class ContractRows {
        private final ZoneId zone;
        private final Map<List<Object>, long[]> sums = new HashMap<>();
        private String contractId;
        private Facts facts;
        private long read;

        ContractRows(ZoneId zone) {
            this.zone = zone;
        }

        /** Counts the contract read so far and starts the next one (null: the end). */
        void next(String id, Facts next) {
            if (facts != null) {
                sum(sums, key(facts, zone), counts(facts));
            }
            contractId = id;
            facts = next;
            read += next == null ? 0 : 1;
        }

        void review(ReviewDecision decision, String reviewer) {
            if (decision == ReviewDecision.APPROVE) {
                facts.approvers().add(reviewer);
            }
            facts = new Facts(facts.draftedAt(), facts.reviews() + 1, facts.legalReturns(), facts.approvedAt(), facts.clausesCurrent(),
                    facts.attachmentsComplete(), facts.approvers());
        }
    }

    private long buildVerdicts(EngineClock clock) {
        ZoneId zone = clock.zone();
        Map<List<Object>, long[]> rows = new HashMap<>();
        long[] read = {0};
        paged.query("SELECT outcome, recorded_at FROM invoice_handoff_verdict", rs -> {
            read[0]++;
            sum(rows, List.of(LocalDate.ofInstant(QuoteRepository.instant(rs, "recorded_at"), zone)),
                    new long[] {1, "REJECTED".equals(rs.getString("outcome")) ? 1 : 0});
        });
        counters.insert(VERDICTS, rows);
        return read[0];
    }

    private static void sum(Map<List<Object>, long[]> rows, List<Object> key, long[] counts) {
        long[] sum = rows.computeIfAbsent(key, k -> new long[counts.length]);
        for (int i = 0; i < counts.length; i++) {
            sum[i] += counts[i];
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean b = rs.getBoolean(column);
        return rs.wasNull() ? null : b;
    }
}
