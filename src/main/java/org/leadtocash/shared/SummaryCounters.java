package org.leadtocash.shared;

import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counters in summary tables, kept in the transaction that changes the data they count, so a KPI reads a few summary
 * rows per day instead of every item of its range, and a rolled-back change leaves the counts as they were. A feature
 * {@link #add adds} increments while its transaction runs; they are summed per row and written just before the commit,
 * rows in key order: a hot row (a day's total) stays locked only for the commit itself, and two transactions lock rows
 * in the same order, so they cannot deadlock. A row is created by its first increment (an upsert: {@code INSERT ... ON
 * CONFLICT} on PostgreSQL, {@code MERGE} on H2). Outside a transaction the increments are written at once.
 */
@Component
public class SummaryCounters {
    private static final int BATCH = 1000;
    private final JdbcTemplate jdbc;
    private final boolean postgres;

    public SummaryCounters(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.postgres = isPostgres(dataSource);
    }

    /** A summary table: its key columns and its counter columns (all BIGINT or INTEGER, NOT NULL DEFAULT 0). */
    public record Table(String name, List<String> keyColumns, List<String> counterColumns) {
        public Table {
            keyColumns = List.copyOf(keyColumns);
            counterColumns = List.copyOf(counterColumns);
        }
    }

    /**
     * Adds {@code increments} (aligned with the table's counter columns; negative to take a count back) to the row
     * {@code key} (aligned with its key columns; no nulls).
     */
    public void add(Table table, List<?> key, long[] increments) {
        if (key.size() != table.keyColumns().size() || increments.length != table.counterColumns().size()) {
            throw new IllegalArgumentException("key " + key + " / " + increments.length + " increments do not fit " + table);
        }
        if (key.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("null in the key " + key + " of " + table.name());
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(table, key, increments);
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.add(table, key, increments);
    }

    /**
     * Inserts whole rows (key values → counters, in the table's column order) into a summary that a build has just
     * emptied, {@value #BATCH} a batch: a build sums its rows in memory and writes them once, without upserts.
     */
    public void insert(Table table, Map<? extends List<?>, long[]> rows) {
        List<String> columns = new ArrayList<>(table.keyColumns());
        columns.addAll(table.counterColumns());
        String sql = "INSERT INTO " + table.name() + " (" + String.join(", ", columns) + ") VALUES (" + marks(columns.size()) + ")";
        List<Object[]> batch = new ArrayList<>();
        for (Map.Entry<? extends List<?>, long[]> row : rows.entrySet()) {
            List<Object> args = new ArrayList<>();
            row.getKey().forEach(k -> args.add(k instanceof LocalDate day ? Date.valueOf(day) : k));
            for (long n : row.getValue()) {
                args.add(n);
            }
            batch.add(args.toArray());
            if (batch.size() == BATCH) {
                jdbc.batchUpdate(sql, batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            jdbc.batchUpdate(sql, batch);
        }
    }

    /** One row's summed increments. */
    private record Row(Table table, List<?> key) {
    }

    /** The increments of one transaction, written in key order before it commits. */
    private final class Pending implements TransactionSynchronization {
        private final Map<Row, long[]> rows = new TreeMap<>(Comparator.comparing((Row r) -> r.table().name())
                .thenComparing(r -> r.key().toString()));

        void add(Table table, List<?> key, long[] increments) {
            long[] sum = rows.computeIfAbsent(new Row(table, List.copyOf(key)), r -> new long[increments.length]);
            for (int i = 0; i < increments.length; i++) {
                sum[i] += increments[i];
            }
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            TransactionSynchronizationManager.unbindResource(SummaryCounters.this);
            rows.forEach((row, sum) -> {
                if (Arrays.stream(sum).anyMatch(n -> n != 0)) {
                    write(row.table(), row.key(), sum);
                }
            });
        }

        /** A transaction started inside this one ({@code REQUIRES_NEW}) keeps its own increments and commits them itself. */
        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(SummaryCounters.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(SummaryCounters.this, this);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(SummaryCounters.this);
        }
    }

    private void write(Table table, List<?> key, long[] increments) {
        List<Object> args = new ArrayList<>(key);
        for (long n : increments) {
            args.add(n);
        }
        String sql = postgres ? upsertPostgres(table) : mergeH2(table);
        try {
            jdbc.update(sql, args.toArray());
        } catch (DuplicateKeyException raced) {
            // H2's MERGE can lose the insert to a concurrent transaction's; the row exists now, so the merge updates it
            jdbc.update(sql, args.toArray());
        }
    }

    private static String upsertPostgres(Table t) {
        List<String> counters = t.counterColumns();
        return "INSERT INTO " + t.name() + " (" + String.join(", ", t.keyColumns()) + ", " + String.join(", ", counters) + ") VALUES ("
                + marks(t.keyColumns().size() + counters.size()) + ") ON CONFLICT (" + String.join(", ", t.keyColumns()) + ") DO UPDATE SET "
                + String.join(", ", counters.stream().map(c -> c + " = " + t.name() + "." + c + " + EXCLUDED." + c).toList());
    }

    private static String mergeH2(Table t) {
        List<String> keys = t.keyColumns();
        List<String> counters = t.counterColumns();
        List<String> all = new ArrayList<>(keys);
        all.addAll(counters);
        return "MERGE INTO " + t.name() + " t USING (VALUES (" + marks(all.size()) + ")) s (" + String.join(", ", all) + ") ON ("
                + String.join(" AND ", keys.stream().map(k -> "t." + k + " = s." + k).toList()) + ") WHEN MATCHED THEN UPDATE SET "
                + String.join(", ", counters.stream().map(c -> c + " = t." + c + " + s." + c).toList())
                + " WHEN NOT MATCHED THEN INSERT (" + String.join(", ", all) + ") VALUES ("
                + String.join(", ", all.stream().map(c -> "s." + c).toList()) + ")";
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static boolean isPostgres(DataSource dataSource) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot tell which database the summary tables are on", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
