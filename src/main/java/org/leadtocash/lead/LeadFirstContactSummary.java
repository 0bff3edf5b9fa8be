package org.leadtocash.lead;

import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.leadtocash.shared.DurationHistogram;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.SummaryBuilds;
import org.leadtocash.shared.SummaryCounters;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The R-07 summary {@code lead_first_contact_summary} (V21): valid leads counted per creation day in the sales team's
 * zone, for all leads and per rep, source and region, with the minutes from creation to first contact in
 * {@link DurationHistogram} buckets, so {@link LeadKpi} sums a few rows per day and group instead of reading every lead of
 * its range. {@link LeadRepository} calls {@link #moved} in the transaction that changes what a lead is counted by
 * (intake, routing, manual or successor assignment, first contact, invalidation); an invalid lead is counted nowhere.
 * Built from {@code sales_lead} at start-up when {@code summary_state} says so, and by {@link #rebuild} after a bulk load
 * with SQL.
 */
@Component
public class LeadFirstContactSummary {
    static final String TABLE = "lead_first_contact_summary";
    /** The REP group of leads no rep holds: the name the report has always given them. */
    static final String UNASSIGNED = "(unassigned)";
    static final SummaryCounters.Table COUNTERS = new SummaryCounters.Table(TABLE, List.of("summary_day", "dim", "grp"), counterColumns());
    private static final int LEADS = 0;
    private static final int CONTACTED = 1;
    private static final int FIRST_BUCKET = 2;

    /** How the KPI groups leads; ALL has the one group {@code ''}. */
    enum Dimension {
        ALL, REP, SOURCE, REGION
    }

    private final SummaryCounters counters;
    private final SummaryBuilds builds;
    private final JdbcTemplate jdbc;
    private final EngineClock clock;

    LeadFirstContactSummary(SummaryCounters counters, SummaryBuilds builds, DataSource dataSource, EngineClock clock) {
        this.counters = counters;
        this.builds = builds;
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    private static List<String> counterColumns() {
        List<String> columns = new ArrayList<>(List.of("leads", "contacted"));
        columns.addAll(DurationHistogram.columns());
        return List.copyOf(columns);
    }

    /** What the summary counts a lead by, as stored in {@code sales_lead}. */
    record Counted(Instant createdAt, LeadStatus status, String assignee, String source, String region, Instant firstContactAt) {
        Counted routed(LeadStatus newStatus, String newAssignee) {
            return new Counted(createdAt, newStatus, newAssignee, source, region, firstContactAt);
        }

        Counted contacted(Instant at) {
            return new Counted(createdAt, LeadStatus.CONTACTED, assignee, source, region, at);
        }

        Counted invalid() {
            return new Counted(createdAt, LeadStatus.INVALID, assignee, source, region, firstContactAt);
        }
    }

    /**
     * Moves one lead's counts from where {@code before} counted it to where {@code after} does (either null: a lead not
     * yet stored), written with the transaction's commit ({@link SummaryCounters}).
     */
    void moved(Counted before, Counted after) {
        if (before != null && before.equals(after)) {
            return;
        }
        ZoneId zone = clock.zone();
        count(before, -1, zone);
        count(after, 1, zone);
    }

    private void count(Counted lead, int sign, ZoneId zone) {
        if (lead == null || lead.status() == LeadStatus.INVALID) {
            return;
        }
        long[] increments = increments(lead, sign);
        LocalDate day = LocalDate.ofInstant(lead.createdAt(), zone);
        for (Dimension dimension : Dimension.values()) {
            counters.add(COUNTERS, List.of(day, dimension.name(), group(dimension, lead)), increments);
        }
    }

    private static long[] increments(Counted lead, int sign) {
        long[] increments = new long[COUNTERS.counterColumns().size()];
        increments[LEADS] = sign;
        if (lead.firstContactAt() != null) {
            increments[CONTACTED] = sign;
            increments[FIRST_BUCKET + DurationHistogram.bucketOf(Duration.between(lead.createdAt(), lead.firstContactAt()))] = sign;
        }
        return increments;
    }

    private static String group(Dimension dimension, Counted lead) {
        return switch (dimension) {
            case ALL -> "";
            case REP -> lead.assignee() == null ? UNASSIGNED : lead.assignee();
            case SOURCE -> lead.source();
            case REGION -> lead.region();
        };
    }

    /** One group's sums over a range of days. */
    record Sums(long leads, long contacted, long[] buckets) {
    }

    /**
     * The sums of leads created on days [from, to] per dimension and group, groups in name order, groups whose leads
     * all moved elsewhere left out. One grouped statement over the range's summary rows.
     *
     * @param onlyRep only this rep's REP group (a rep's own view), or null for every row
     */
    Map<Dimension, Map<String, Sums>> sums(LocalDate from, LocalDate to, String onlyRep) {
        StringBuilder sql = new StringBuilder("SELECT dim, grp");
        for (String column : COUNTERS.counterColumns()) {
            sql.append(", SUM(").append(column).append(") AS ").append(column);
        }
        sql.append(" FROM ").append(TABLE).append(" WHERE summary_day >= ? AND summary_day <= ?");
        List<Object> args = new ArrayList<>(List.of(Date.valueOf(from), Date.valueOf(to)));
        if (onlyRep != null) {
            sql.append(" AND dim = 'REP' AND grp = ?");
            args.add(onlyRep);
        }
        sql.append(" GROUP BY dim, grp HAVING SUM(leads) > 0");
        Map<Dimension, Map<String, Sums>> out = new TreeMap<>();
        for (Dimension dimension : Dimension.values()) {
            out.put(dimension, new TreeMap<>());
        }
        jdbc.query(sql.toString(), (RowCallbackHandler) rs -> {
            long[] buckets = new long[DurationHistogram.BUCKETS];
            List<String> columns = DurationHistogram.columns();
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = rs.getLong(columns.get(i));
            }
            out.get(Dimension.valueOf(rs.getString("dim"))).put(rs.getString("grp"),
                    new Sums(rs.getLong("leads"), rs.getLong("contacted"), buckets));
        }, args.toArray());
        return out;
    }

    // ------------------------------------------------------------------------------------------------ building

    @EventListener(ApplicationStartedEvent.class)
    void buildOnStart() {
        builds.ensureBuilt(TABLE, this::build);
    }

    /** Builds the summary again from {@code sales_lead}: after leads were written with SQL that bypassed the app. */
    public void rebuild() {
        builds.rebuild(TABLE, this::build);
    }

    /**
     * Fills the emptied table from the valid leads, read in one pass in creation order: a day's rows are summed in memory
     * and inserted in a batch when the next day begins, so memory holds one day's groups whatever the history.
     */
    private long build(EngineClock clock) {
        ZoneId zone = clock.zone();
        Map<List<String>, long[]> day = new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
        LocalDate[] current = {null};
        long[] read = {0};
        Runnable flush = () -> {
            Map<List<Object>, long[]> rows = new LinkedHashMap<>();
            day.forEach((key, sums) -> rows.put(List.of(current[0], key.get(0), key.get(1)), sums));
            counters.insert(COUNTERS, rows);
            day.clear();
        };
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(5_000);
        streaming.query("SELECT created_at, status, assignee, source, region, first_contact_at FROM sales_lead "
                + "WHERE status <> 'INVALID' ORDER BY created_at", (RowCallbackHandler) rs -> {
                    Counted lead = new Counted(LeadRepository.instant(rs, "created_at"), LeadStatus.valueOf(rs.getString("status")),
                            rs.getString("assignee"), rs.getString("source"), rs.getString("region"),
                            LeadRepository.instant(rs, "first_contact_at"));
                    LocalDate created = LocalDate.ofInstant(lead.createdAt(), zone);
                    if (!created.equals(current[0])) {
                        if (current[0] != null) {
                            flush.run();
                        }
                        current[0] = created;
                    }
                    long[] one = increments(lead, 1);
                    for (Dimension dimension : Dimension.values()) {
                        long[] sums = day.computeIfAbsent(List.of(dimension.name(), group(dimension, lead)), k -> new long[one.length]);
                        for (int i = 0; i < one.length; i++) {
                            sums[i] += one[i];
                        }
                    }
                    read[0]++;
                });
        if (current[0] != null) {
            flush.run();
        }
        return read[0];
    }
}
