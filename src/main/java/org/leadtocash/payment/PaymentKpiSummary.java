package org.leadtocash.payment;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.leadtocash.shared.DurationHistogram;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.SummaryBuilds;
import org.leadtocash.shared.SummaryCounters;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The payment KPI's summaries (V23), so {@link PaymentKpi} reads a few rows per day instead of every journey, node stay
 * and checklist of its range, for all reps (rep {@code ''}) and per rep: {@code payment_kpi_summary} holds the payment
 * cycle per day paid in full and the dwell per node (code as stored) per day the stay ended, as counts, whole-second
 * sums and {@link DurationHistogram} buckets; {@code payment_cause_summary} counts ticked blocker causes per day the
 * checklist was answered, overall, per node and per customer. {@link JourneyRepository} adds to them in the transaction
 * that ends a stay, pays a journey or answers a checklist ({@link SummaryCounters}). Built from the rows at start-up and
 * by {@link #rebuild()} after a bulk load.
 */
@Component
public class PaymentKpiSummary {
    static final String ALL_REPS = "";
    static final String CYCLE = "CYCLE";
    static final String DWELL = "DWELL";
    static final String ALL = "ALL";
    static final String NODE = "NODE";
    static final String CUSTOMER = "CUSTOMER";
    /** Counters of {@link #DURATIONS} before the buckets. */
    static final int ITEMS = 0;
    static final int SECONDS = 1;
    static final int FIRST_BUCKET = 2;
    static final SummaryCounters.Table DURATIONS = new SummaryCounters.Table("payment_kpi_summary",
            List.of("rep_id", "measure", "summary_day", "node"), concat(List.of("items", "seconds"), DurationHistogram.columns()));
    static final SummaryCounters.Table CAUSES = new SummaryCounters.Table("payment_cause_summary",
            List.of("rep_id", "dimension", "summary_day", "grp", "grp_name", "cause"), List.of("ticks"));
    private static final int PAGE = 1000;

    private final JdbcTemplate jdbc;
    /** Reads the source rows of a build {@value #PAGE} at a time (a cursor on PostgreSQL), not all at once. */
    private final JdbcTemplate paged;
    private final SummaryCounters counters;
    private final SummaryBuilds builds;
    private final EngineClock clock;

    public PaymentKpiSummary(DataSource dataSource, SummaryCounters counters, SummaryBuilds builds, EngineClock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.paged = new JdbcTemplate(dataSource);
        this.paged.setFetchSize(PAGE);
        this.counters = counters;
        this.builds = builds;
        this.clock = clock;
    }

    // --- writes: called by JourneyRepository around the statements that change what is counted ----------------------

    /** A journey's open stays (its rep, the node, when entered); {@link #staysEnded} counts them once ended. */
    record OpenStay(String repId, String node, Instant enteredAt) {
    }

    List<OpenStay> openStays(String journeyId) {
        return jdbc.query("SELECT j.rep_id, v.node, v.entered_at FROM payment_node_visit v JOIN payment_journey j ON j.id = v.journey_id "
                + "WHERE v.journey_id = ? AND v.left_at IS NULL", (rs, n) -> new OpenStay(rs.getString("rep_id"), rs.getString("node"),
                JourneyRepository.instant(rs, "entered_at")), journeyId);
    }

    /** The stays ended at {@code leftAt} (the same instant written to their rows). */
    void staysEnded(List<OpenStay> stays, Instant leftAt) {
        for (OpenStay s : stays) {
            addDuration(s.repId(), DWELL, s.node(), s.enteredAt(), leftAt, 1);
        }
    }

    /** A journey as the payment cycle counts it: paid in full at {@code paidAt}, or not (paidAt null). */
    record Paid(String repId, Instant startedAt, Instant paidAt) {
    }

    Paid paid(String journeyId) {
        List<Paid> found = jdbc.query("SELECT rep_id, started_at, status, paid_at FROM payment_journey WHERE id = ?",
                (rs, n) -> new Paid(rs.getString("rep_id"), JourneyRepository.instant(rs, "started_at"),
                        PaymentJourney.PAID.equals(rs.getString("status")) ? JourneyRepository.instant(rs, "paid_at") : null), journeyId);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The journey went from {@code before} to {@code after} (paid or not). */
    void paidChanged(Paid before, Paid after) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null && before.paidAt() != null) {
            addDuration(before.repId(), CYCLE, "", before.startedAt(), before.paidAt(), -1);
        }
        if (after != null && after.paidAt() != null) {
            addDuration(after.repId(), CYCLE, "", after.startedAt(), after.paidAt(), 1);
        }
    }

    /** A checklist as the causes ranking counts it: its causes once answered (answeredAt null: not counted). */
    record Answer(String repId, String node, String customerId, String customerName, Instant answeredAt, List<BlockerCause> causes) {
    }

    Answer answer(long checkId) {
        List<Answer> found = jdbc.query("SELECT rep_id, node, customer_id, customer_name, answered_at FROM payment_blocker_check WHERE id = ?",
                (rs, n) -> new Answer(rs.getString("rep_id"), rs.getString("node"), rs.getString("customer_id"), rs.getString("customer_name"),
                        JourneyRepository.instant(rs, "answered_at"), new ArrayList<>()), checkId);
        if (found.isEmpty()) {
            return null;
        }
        Answer a = found.get(0);
        jdbc.query("SELECT cause FROM payment_blocker_cause WHERE check_id = ?", rs -> {
            a.causes().add(BlockerCause.valueOf(rs.getString("cause")));
        }, checkId);
        return a;
    }

    void answerChanged(Answer before, Answer after) {
        if (before != null && before.answeredAt() != null) {
            addCauses(before, -1);
        }
        if (after != null && after.answeredAt() != null) {
            addCauses(after, 1);
        }
    }

    private void addDuration(String repId, String measure, String node, Instant from, Instant to, int sign) {
        LocalDate day = LocalDate.ofInstant(to, clock.zone());
        long[] counts = durationCounts(from, to);
        for (int i = 0; i < counts.length; i++) {
            counts[i] *= sign;
        }
        for (String rep : List.of(ALL_REPS, repId)) {
            counters.add(DURATIONS, List.of(rep, measure, day, node), counts);
        }
    }

    private void addCauses(Answer a, int sign) {
        causeKeys(a, clock.zone()).forEach(key -> counters.add(CAUSES, key, new long[] {sign}));
    }

    static long[] durationCounts(Instant from, Instant to) {
        Duration span = Duration.between(from, to);
        long[] c = new long[DURATIONS.counterColumns().size()];
        c[ITEMS] = 1;
        c[SECONDS] = span.toSeconds();
        c[FIRST_BUCKET + DurationHistogram.bucketOf(span)] = 1;
        return c;
    }

    /** The rows one answered checklist counts in: per cause, overall, at its node and for its customer; all reps and its rep. */
    static List<List<Object>> causeKeys(Answer a, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(a.answeredAt(), zone);
        List<List<Object>> keys = new ArrayList<>();
        for (BlockerCause cause : a.causes()) {
            for (String rep : List.of(ALL_REPS, a.repId())) {
                keys.add(List.of(rep, ALL, day, "", "", cause.name()));
                keys.add(List.of(rep, NODE, day, a.node(), "", cause.name()));
                keys.add(List.of(rep, CUSTOMER, day, a.customerId() == null ? "" : a.customerId(), a.customerName(), cause.name()));
            }
        }
        return keys;
    }

    // --- reads ---------------------------------------------------------------------------------------------------

    /** The range's duration counters of {@code measure} for all reps or one, summed per node ({@code ""} for the cycle). */
    Map<String, long[]> durations(String measure, LocalDate from, LocalDate to, String repId) {
        List<String> columns = DURATIONS.counterColumns();
        Map<String, long[]> byNode = new LinkedHashMap<>();
        jdbc.query("SELECT node, " + String.join(", ", columns.stream().map(c -> "SUM(" + c + ")").toList()) + " FROM payment_kpi_summary "
                + "WHERE rep_id = ? AND measure = ? AND summary_day >= ? AND summary_day <= ? GROUP BY node ORDER BY node", rs -> {
                    long[] c = new long[columns.size()];
                    for (int i = 0; i < c.length; i++) {
                        c[i] = rs.getLong(i + 2);
                    }
                    if (c[ITEMS] != 0) {
                        byNode.put(rs.getString(1), c);
                    }
                }, repId == null ? ALL_REPS : repId, measure, Date.valueOf(from), Date.valueOf(to));
        return byNode;
    }

    /** One summed row of the cause counts. */
    record CauseSum(String dimension, String group, String groupName, BlockerCause cause, long ticks) {
    }

    List<CauseSum> causes(LocalDate from, LocalDate to, String repId) {
        return jdbc.query("SELECT dimension, grp, grp_name, cause, SUM(ticks) AS ticks FROM payment_cause_summary WHERE rep_id = ? "
                        + "AND summary_day >= ? AND summary_day <= ? GROUP BY dimension, grp, grp_name, cause", (rs, n) -> new CauseSum(
                        rs.getString("dimension"), rs.getString("grp"), rs.getString("grp_name"), BlockerCause.valueOf(rs.getString("cause")),
                        rs.getLong("ticks")), repId == null ? ALL_REPS : repId, Date.valueOf(from), Date.valueOf(to))
                .stream().filter(c -> c.ticks() != 0).toList();
    }

    // --- builds --------------------------------------------------------------------------------------------------

    @EventListener(ApplicationStartedEvent.class)
    void buildIfNeeded() {
        builds.ensureBuilt(DURATIONS.name(), this::buildDurations);
        builds.ensureBuilt(CAUSES.name(), this::buildCauses);
    }

    /** Builds both summaries again from the journeys, node stays and checklists: after rows were written with SQL (a bulk load). */
    public void rebuild() {
        builds.rebuild(DURATIONS.name(), this::buildDurations);
        builds.rebuild(CAUSES.name(), this::buildCauses);
    }

    /**
     * Journeys paid, then ended stays, each read once in rep order: a rep's rows are summed and written when the next rep
     * starts, the all-reps rows at the end, so the build holds one rep's rows at a time.
     */
    private long buildDurations(EngineClock clock) {
        ZoneId zone = clock.zone();
        Rows rows = new Rows(DURATIONS);
        long[] read = {0};
        paged.query("SELECT rep_id, started_at, paid_at FROM payment_journey WHERE status = 'PAID' AND paid_at IS NOT NULL ORDER BY rep_id",
                rs -> {
                    read[0]++;
                    Instant paid = JourneyRepository.instant(rs, "paid_at");
                    rows.add(rs.getString("rep_id"), CYCLE, LocalDate.ofInstant(paid, zone), "",
                            durationCounts(JourneyRepository.instant(rs, "started_at"), paid));
                });
        rows.flushRep();
        paged.query("SELECT j.rep_id, v.node, v.entered_at, v.left_at FROM payment_node_visit v JOIN payment_journey j ON j.id = v.journey_id "
                + "WHERE v.left_at IS NOT NULL ORDER BY j.rep_id", rs -> {
                    read[0]++;
                    Instant left = JourneyRepository.instant(rs, "left_at");
                    rows.add(rs.getString("rep_id"), DWELL, LocalDate.ofInstant(left, zone), rs.getString("node"),
                            durationCounts(JourneyRepository.instant(rs, "entered_at"), left));
                });
        rows.finish();
        return read[0];
    }

    private long buildCauses(EngineClock clock) {
        ZoneId zone = clock.zone();
        Rows rows = new Rows(CAUSES);
        long[] read = {0};
        paged.query("SELECT c.rep_id, c.node, c.customer_id, c.customer_name, c.answered_at, k.cause FROM payment_blocker_check c "
                + "JOIN payment_blocker_cause k ON k.check_id = c.id WHERE c.answered_at IS NOT NULL ORDER BY c.rep_id", rs -> {
                    read[0]++;
                    Answer a = new Answer(rs.getString("rep_id"), rs.getString("node"), rs.getString("customer_id"),
                            rs.getString("customer_name"), JourneyRepository.instant(rs, "answered_at"),
                            List.of(BlockerCause.valueOf(rs.getString("cause"))));
                    // the rep's rows: Rows adds each to the all-reps row too
                    causeKeys(a, zone).stream().filter(key -> !ALL_REPS.equals(key.get(0))).forEach(key -> rows.add(key, new long[] {1}));
                });
        rows.finish();
        return read[0];
    }

    /** Rows of a build: the all-reps rows kept to the end, one rep's rows at a time, inserted {@value #PAGE} a batch. */
    private final class Rows {
        private final SummaryCounters.Table table;
        private final Map<List<Object>, long[]> all = new HashMap<>();
        private final Map<List<Object>, long[]> rep = new HashMap<>();
        private String currentRep;

        Rows(SummaryCounters.Table table) {
            this.table = table;
        }

        void add(String repId, String measure, LocalDate day, String node, long[] counts) {
            add(List.of(repId, measure, day, node), counts);
        }

        /** @param key a row's key, its first column the rep ({@link #ALL_REPS} for all) */
        void add(List<Object> key, long[] counts) {
            String repId = (String) key.get(0);
            if (!ALL_REPS.equals(repId) && !repId.equals(currentRep)) {
                flushRep();
                currentRep = repId;
            }
            long[] sum = (ALL_REPS.equals(repId) ? all : rep).computeIfAbsent(key, k -> new long[counts.length]);
            for (int i = 0; i < counts.length; i++) {
                sum[i] += counts[i];
            }
            if (!ALL_REPS.equals(repId)) {
                add(with(key, ALL_REPS), counts);
            }
        }

        void flushRep() {
            counters.insert(table, rep);
            rep.clear();
            currentRep = null;
        }

        void finish() {
            flushRep();
            counters.insert(table, all);
            all.clear();
        }

        private List<Object> with(List<Object> key, String repId) {
            List<Object> k = new ArrayList<>(key);
            k.set(0, repId);
            return k;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
