package org.leadtocash.system.engine;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.leadtocash.shared.DurationHistogram;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The test's own view of {@code activity_duration_summary}: the table as stored, and a recount of the engine's
 * {@code ACT_HI_ACTINST} with plain SQL (finished rows of the activity types that take time, day of the end in the zone,
 * histogram bucket of the duration), both as "day|key|activity" → [finished, b00..b40] without all-zero rows.
 */
final class ActivityDurationRecount {
    /** Written out here, not taken from the production class: the activities where a token can spend time. */
    static final Set<String> TIMED_TYPES = Set.of("task", "userTask", "serviceTask", "sendTask", "receiveTask", "scriptTask",
            "businessRuleTask", "manualTask", "subProcess", "adHocSubProcess", "callActivity", "transaction",
            "intermediateMessageCatch", "intermediateTimer", "intermediateSignalCatch", "intermediateConditional", "eventBasedGateway");

    private ActivityDurationRecount() {
    }

    static Map<String, List<Long>> stored(JdbcClient jdbc) {
        Map<String, long[]> rows = new TreeMap<>();
        jdbc.sql("SELECT * FROM activity_duration_summary").query(rs -> {
            long[] counts = new long[1 + DurationHistogram.BUCKETS];
            counts[0] = rs.getLong("finished");
            for (int i = 0; i < DurationHistogram.BUCKETS; i++) {
                counts[1 + i] = rs.getLong(DurationHistogram.columns().get(i));
            }
            add(rows, rs.getDate("summary_day").toLocalDate() + "|" + rs.getString("proc_def_key") + "|" + rs.getString("act_id"), counts);
        });
        return lists(rows);
    }

    static Map<String, List<Long>> recount(JdbcClient jdbc, ZoneId zone) {
        Map<String, long[]> rows = new TreeMap<>();
        jdbc.sql("SELECT PROC_DEF_KEY_, ACT_ID_, ACT_TYPE_, END_TIME_, DURATION_ FROM ACT_HI_ACTINST WHERE END_TIME_ IS NOT NULL")
                .query(rs -> {
                    if (!TIMED_TYPES.contains(rs.getString(3))) {
                        return;
                    }
                    long[] counts = new long[1 + DurationHistogram.BUCKETS];
                    counts[0] = 1;
                    counts[1 + DurationHistogram.bucketOf(Duration.ofMillis(rs.getLong(5)))] = 1;
                    LocalDate day = LocalDate.ofInstant(rs.getTimestamp(4).toInstant(), zone);
                    add(rows, day + "|" + rs.getString(1) + "|" + rs.getString(2), counts);
                });
        return lists(rows);
    }

    /** {@code after - before} per row, without rows that did not change. */
    static Map<String, List<Long>> change(Map<String, List<Long>> before, Map<String, List<Long>> after) {
        Map<String, long[]> rows = new TreeMap<>();
        after.forEach((k, v) -> add(rows, k, v.stream().mapToLong(Long::longValue).toArray()));
        before.forEach((k, v) -> add(rows, k, v.stream().mapToLong(n -> -n).toArray()));
        return lists(rows);
    }

    /** Only the rows whose day passes. */
    static Map<String, List<Long>> days(Map<String, List<Long>> rows, Predicate<LocalDate> day) {
        Map<String, List<Long>> out = new TreeMap<>();
        rows.forEach((k, v) -> {
            if (day.test(LocalDate.parse(k.substring(0, k.indexOf('|'))))) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static void add(Map<String, long[]> rows, String key, long[] counts) {
        long[] sum = rows.computeIfAbsent(key, k -> new long[counts.length]);
        for (int i = 0; i < counts.length; i++) {
            sum[i] += counts[i];
        }
    }

    private static Map<String, List<Long>> lists(Map<String, long[]> rows) {
        Map<String, List<Long>> out = new TreeMap<>();
        rows.forEach((k, v) -> {
            if (Arrays.stream(v).anyMatch(n -> n != 0)) {
                out.put(k, new ArrayList<>(Arrays.stream(v).boxed().toList()));
            }
        });
        return out;
    }
}
