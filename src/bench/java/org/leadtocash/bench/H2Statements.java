package org.leadtocash.bench;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts the SQL statements an H2 database executes (H2's {@code INFORMATION_SCHEMA.QUERY_STATISTICS}), to show how
 * much database work one lead is compared with one yardstick instance. Statements containing {@code ignore} (the
 * benchmark's own polling) are left out.
 */
final class H2Statements {
    private final JdbcTemplate jdbc;
    private final String ignore;
    private Map<String, Long> before = Map.of();

    H2Statements(DataSource dataSource, String ignore) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.ignore = ignore;
    }

    void start() {
        jdbc.execute("SET QUERY_STATISTICS_MAX_ENTRIES 5000");
        jdbc.execute("SET QUERY_STATISTICS TRUE");
        before = counts();
    }

    /** Statements executed since {@link #start()}, per unit of work: total, inserts, updates + deletes, selects, history rows written. */
    record PerUnit(double total, double inserts, double updates, double selects, double historyWrites, String topTables) {
        String text() {
            return String.format(Locale.ROOT, "%.0f statements (%.0f inserts, %.0f updates/deletes, %.0f selects; %.0f of the writes to "
                    + "ACT_HI_*; most written: %s)", total, inserts, updates, selects, historyWrites, topTables);
        }
    }

    PerUnit per(int units) {
        Map<String, Long> after = counts();
        double total = 0;
        double inserts = 0;
        double updates = 0;
        double selects = 0;
        double history = 0;
        Map<String, Long> writesPerTable = new HashMap<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long n = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            String sql = e.getKey().strip().toUpperCase(Locale.ROOT);
            if (n <= 0 || (ignore != null && sql.contains(ignore.toUpperCase(Locale.ROOT))) || sql.contains("QUERY_STATISTICS")) {
                continue;
            }
            total += n;
            boolean write = !sql.startsWith("SELECT");
            if (sql.startsWith("INSERT")) {
                inserts += n;
            } else if (sql.startsWith("UPDATE") || sql.startsWith("DELETE")) {
                updates += n;
            } else {
                selects += n;
            }
            if (write && sql.contains("ACT_HI_")) {
                history += n;
            }
            if (write) {
                java.util.regex.Matcher table = java.util.regex.Pattern.compile("(?:INTO|UPDATE|FROM)\\s+\"?([A-Z_0-9]+)").matcher(sql);
                writesPerTable.merge(table.find() ? table.group(1) : sql.substring(0, Math.min(40, sql.length())), n, Long::sum);
            }
        }
        jdbc.execute("SET QUERY_STATISTICS FALSE");
        String dump = System.getProperty("bench.sqlDump");
        if (dump != null && !dump.isBlank()) {
            StringBuilder out = new StringBuilder();
            after.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).forEach(e -> out.append(
                    e.getValue() - before.getOrDefault(e.getKey(), 0L)).append('\t').append(e.getKey().replaceAll("\\s+", " ")).append('\n'));
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of(dump + "-" + units + ".tsv"), out);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        String top = writesPerTable.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), (double) e.getValue() / units))
                .collect(java.util.stream.Collectors.joining(", "));
        return new PerUnit(total / units, inserts / units, updates / units, selects / units, history / units, top);
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS",
                (java.sql.ResultSet rs) -> {
                    counts.merge(rs.getString(1), rs.getLong(2), Long::sum);
                });
        return counts;
    }
}
