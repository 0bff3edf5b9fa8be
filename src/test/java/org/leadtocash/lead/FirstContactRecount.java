package org.leadtocash.lead;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.leadtocash.shared.DurationHistogram;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What {@code lead_first_contact_summary} holds and what it should hold, for the summary tests: the second is counted
 * here from {@code sales_lead} with plain SQL and the report's own grouping rules (invalid leads out, days in the sales
 * team's zone, "(unassigned)" for no rep), not with the production builder. Rows are keyed "day dim grp" and hold leads,
 * contacted and the 41 bucket counts; rows whose counts are all zero are left out (a lead moved away leaves them).
 */
final class FirstContactRecount {
    private FirstContactRecount() {
    }

    static Map<String, List<Long>> summary(JdbcClient jdbc) {
        Map<String, List<Long>> rows = new TreeMap<>();
        String buckets = String.join(", ", DurationHistogram.columns());
        jdbc.sql("SELECT summary_day, dim, grp, leads, contacted, " + buckets + " FROM lead_first_contact_summary").query(rs -> {
            List<Long> counts = new ArrayList<>();
            counts.add(rs.getLong("leads"));
            counts.add(rs.getLong("contacted"));
            for (String b : DurationHistogram.columns()) {
                counts.add(rs.getLong(b));
            }
            if (counts.stream().anyMatch(n -> n != 0)) {
                rows.put(rs.getDate("summary_day").toLocalDate() + " " + rs.getString("dim") + " " + rs.getString("grp"), counts);
            }
        });
        return rows;
    }

    static Map<String, List<Long>> recount(JdbcClient jdbc, ZoneId zone) {
        Map<String, long[]> rows = new TreeMap<>();
        jdbc.sql("SELECT created_at, assignee, source, region, first_contact_at FROM sales_lead WHERE status <> 'INVALID'").query(rs -> {
            Instant created = rs.getTimestamp("created_at").toInstant();
            Timestamp contact = rs.getTimestamp("first_contact_at");
            LocalDate day = LocalDate.ofInstant(created, zone);
            String rep = rs.getString("assignee") == null ? "(unassigned)" : rs.getString("assignee");
            for (String key : List.of(day + " ALL ", day + " REP " + rep, day + " SOURCE " + rs.getString("source"),
                    day + " REGION " + rs.getString("region"))) {
                long[] counts = rows.computeIfAbsent(key, k -> new long[2 + DurationHistogram.BUCKETS]);
                counts[0]++;
                if (contact != null) {
                    counts[1]++;
                    counts[2 + DurationHistogram.bucketOf(Duration.between(created, contact.toInstant()))]++;
                }
            }
        });
        Map<String, List<Long>> out = new TreeMap<>();
        rows.forEach((k, v) -> out.put(k, Arrays.stream(v).boxed().toList()));
        return out;
    }
}
