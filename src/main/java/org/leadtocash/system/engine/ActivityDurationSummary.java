package org.leadtocash.system.engine;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ActivityTypes;
import org.leadtocash.shared.DurationHistogram;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.SummaryBuilds;
import org.leadtocash.shared.SummaryCounters;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How long finished activity instances spent at each activity, as the SLA heatmap's median needs it: one row of
 * {@code activity_duration_summary} (V22) per day in the sales team's zone on which instances ended, process definition
 * key (all versions) and activity, with a {@link DurationHistogram} of their durations. The engine's history event
 * handler ({@link ActivityDurationHistoryPlugin}) counts every activity end in the transaction that writes it to
 * {@code ACT_HI_ACTINST}, so a rolled-back command counts nothing, and history cleanup changes nothing here.
 * <p>
 * Counted are the activities where a token spends time and which the heatmap can therefore show with instances waiting:
 * tasks of every kind (an asynchronous service task waits for its job), sub-processes, call activities, intermediate
 * catch events and event-based gateways; start, end, boundary and throw events and the other gateways take no time.
 * The first start after V22 (or a change of {@code leadtocash.zone}) builds the rows of the last {@value #BUILD_DAYS}
 * days from {@code ACT_HI_ACTINST}, one grouped query per day; public {@link #rebuild()} does it again after a bulk load
 * with SQL (the benchmark).
 */
@Component
public class ActivityDurationSummary {
    static final String NAME = "activity_duration_summary";
    /** Days the start-up build reads back, and the longest range the heatmap may ask for. */
    public static final int BUILD_DAYS = 100;
    static final Set<String> COUNTED_TYPES = Set.of(ActivityTypes.TASK, ActivityTypes.TASK_USER_TASK, ActivityTypes.TASK_SERVICE,
            ActivityTypes.TASK_SEND_TASK, ActivityTypes.TASK_RECEIVE_TASK, ActivityTypes.TASK_SCRIPT, ActivityTypes.TASK_BUSINESS_RULE,
            ActivityTypes.TASK_MANUAL_TASK, ActivityTypes.SUB_PROCESS, ActivityTypes.SUB_PROCESS_AD_HOC, ActivityTypes.CALL_ACTIVITY,
            ActivityTypes.TRANSACTION, ActivityTypes.INTERMEDIATE_EVENT_MESSAGE, ActivityTypes.INTERMEDIATE_EVENT_TIMER,
            ActivityTypes.INTERMEDIATE_EVENT_SIGNAL, ActivityTypes.INTERMEDIATE_EVENT_CONDITIONAL, ActivityTypes.GATEWAY_EVENT_BASED);
    static final SummaryCounters.Table TABLE = new SummaryCounters.Table(NAME, List.of("summary_day", "proc_def_key", "act_id"),
            counterColumns());

    private final SummaryCounters counters;
    private final SummaryBuilds builds;
    private final EngineClock clock;
    private final JdbcClient jdbc;

    public ActivityDurationSummary(SummaryCounters counters, SummaryBuilds builds, EngineClock clock, JdbcClient jdbc) {
        this.counters = counters;
        this.builds = builds;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** Finished activity instances of one activity over a range of days: their count and their duration histogram. */
    record Finished(long count, long[] buckets) {
    }

    private static List<String> counterColumns() {
        List<String> columns = new ArrayList<>();
        columns.add("finished");
        columns.addAll(DurationHistogram.columns());
        return columns;
    }

    /** Counts one activity instance that ended (called by the history event handler, inside the engine's transaction). */
    void countEnd(String processDefinitionKey, String activityId, String activityType, Date endTime, Long durationMillis) {
        if (processDefinitionKey == null || activityId == null || endTime == null || !COUNTED_TYPES.contains(activityType)) {
            return;
        }
        long[] increments = new long[TABLE.counterColumns().size()];
        increments[0] = 1;
        increments[1 + DurationHistogram.bucketOf(Duration.ofMillis(durationMillis == null ? 0 : durationMillis))] = 1;
        LocalDate day = LocalDate.ofInstant(endTime.toInstant(), clock.zone());
        counters.add(TABLE, List.of(day, processDefinitionKey, activityId), increments);
    }

    /** Per activity of the key (all its versions): the instances that ended on the days {@code from} to {@code to}. */
    Map<String, Finished> finished(String processDefinitionKey, LocalDate from, LocalDate to) {
        String sums = TABLE.counterColumns().stream().map(c -> "SUM(" + c + ")").collect(Collectors.joining(", "));
        Map<String, Finished> out = new LinkedHashMap<>();
        jdbc.sql("SELECT act_id, " + sums + " FROM " + NAME + " WHERE proc_def_key = :key AND summary_day BETWEEN :from AND :to "
                        + "GROUP BY act_id ORDER BY act_id")
                .param("key", processDefinitionKey).param("from", from).param("to", to)
                .query(rs -> {
                    long[] buckets = new long[DurationHistogram.BUCKETS];
                    for (int i = 0; i < buckets.length; i++) {
                        buckets[i] = rs.getLong(3 + i);
                    }
                    out.put(rs.getString(1), new Finished(rs.getLong(2), buckets));
                });
        return out;
    }

    /** Builds the summary from the engine's history unless it is built for the current zone. */
    @EventListener(ApplicationStartedEvent.class)
    public void ensureBuilt() {
        builds.ensureBuilt(NAME, this::build);
    }

    /** Builds the summary again from {@code ACT_HI_ACTINST}: after history rows were written with SQL (a bulk load). */
    public void rebuild() {
        builds.rebuild(NAME, this::build);
    }

    /**
     * One grouped query per day of the last {@value #BUILD_DAYS}, bounded by the day's first and next day's first instant in
     * the zone (so no database zone function is needed; {@code END_TIME_} has Camunda's index), its rows added through
     * {@link SummaryCounters} (written before this transaction commits).
     */
    private long build(EngineClock clock) {
        ZoneId zone = clock.zone();
        LocalDate today = clock.today();
        String sql = "SELECT PROC_DEF_KEY_, ACT_ID_, COUNT(*), " + bucketSums() + " FROM ACT_HI_ACTINST WHERE END_TIME_ >= :start "
                + "AND END_TIME_ < :end AND PROC_DEF_KEY_ IS NOT NULL AND ACT_TYPE_ IN (:types) GROUP BY PROC_DEF_KEY_, ACT_ID_";
        long read = 0;
        for (LocalDate day = today.minusDays(BUILD_DAYS - 1); !day.isAfter(today); day = day.plusDays(1)) {
            LocalDate summaryDay = day;
            List<long[]> counts = new ArrayList<>();
            List<List<Object>> keys = new ArrayList<>();
            jdbc.sql(sql).param("start", Timestamp.from(day.atStartOfDay(zone).toInstant()))
                    .param("end", Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
                    .param("types", List.copyOf(COUNTED_TYPES))
                    .query(rs -> {
                        long[] increments = new long[TABLE.counterColumns().size()];
                        for (int i = 0; i < increments.length; i++) {
                            increments[i] = rs.getLong(3 + i);
                        }
                        keys.add(List.of(summaryDay, rs.getString(1), rs.getString(2)));
                        counts.add(increments);
                    });
            for (int i = 0; i < keys.size(); i++) {
                counters.add(TABLE, keys.get(i), counts.get(i));
                read += counts.get(i)[0];
            }
        }
        return read;
    }

    /** The histogram's buckets as SQL: bucket i holds durations above its lower edge and at most its upper edge. */
    static String bucketSums() {
        List<String> sums = new ArrayList<>();
        for (int i = 0; i < DurationHistogram.BUCKETS; i++) {
            DurationHistogram.Bucket bucket = DurationHistogram.bucket(i);
            List<String> conditions = new ArrayList<>();
            if (i > 0) {
                conditions.add("COALESCE(DURATION_, 0) > " + bucket.from().toMillis());
            }
            if (bucket.to() != null) {
                conditions.add("COALESCE(DURATION_, 0) <= " + bucket.to().toMillis());
            }
            sums.add("SUM(CASE WHEN " + String.join(" AND ", conditions) + " THEN 1 ELSE 0 END)");
        }
        return String.join(", ", sums);
    }
}
