package org.leadtocash.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;


import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The Lead-to-Cash benchmark ({@code mvn -Pbenchmark verify}). Measures, in one run and side by side on H2 (file) and
 * embedded PostgreSQL 17, the bare Camunda engine as yardstick and the application against it, and prints one table
 * (also written to {@code target/benchmark-results.md}). Performance claims live here, never in the tests.
 *
 * <p>Every loop is bounded in count and time; all traffic goes to 127.0.0.1.
 */
public final class LeadToCashBenchmark {
    /** {@code -Dbench.scale=0.1} for a quick trial run; the published figures use 1. */
    static final double SCALE = Double.parseDouble(System.getProperty("bench.scale", "1"));
    static final int THREADS = 4;
    static final int BARE_WARMUP = scaled(300);
    static final int BARE_N = scaled(2_000);
    static final int INTAKE_WARMUP = scaled(200);
    static final int INTAKE_N = scaled(2_000);
    /** Leads per SQL statement count (rows 2c/2d), posted one by one. */
    static final int SQL_LEADS = Math.max(20, scaled(100));
    static final int ASSIGN_WARMUP = scaled(100);
    static final int ASSIGN_N = scaled(500);
    static final int SMALL_REPS = 5;
    static final int SMALL_OPEN = 200;
    static final int LARGE_REPS = 500;
    static final int LARGE_OPEN = scaled(20_000);
    static final int TIMERS = Integer.getInteger("bench.timers", scaled(10_000));
    static final int BARE_TIMERS = scaled(3_000);
    static final int LATE_N = Math.max(5, scaled(30));
    static final long LATE_IDLE_MS = 10_000;
    static final long LATE_FIRST_MS = 5_000;
    static final long LATE_LAST_MS = SCALE < 1 ? 15_000 : 40_000;
    /** {@code -Dbench.rows=2,3} runs only those rows of the table (for trying a change); the published figures run all. */
    static final java.util.Set<String> ROWS = java.util.Set.of(System.getProperty("bench.rows", "1,2,3,4,5,6,7").split("\\s*,\\s*"));
    /** Time caps (the counts above are maxima: a slow or shared machine does fewer, and the table says how many). */
    static final long CAP_MS = Long.getLong("bench.capMillis", 60_000);

    /** Extra arguments for both apps under test, e.g. {@code -Dbench.app.args="--spring.datasource.hikari.maximum-pool-size=30"}. */
    static final String APP_ARGS = System.getProperty("bench.app.args", "").trim();
    static final double ISSUE_BARE_H2 = 650;
    static final double ISSUE_BARE_PG = 450;
    static final double ISSUE_DRAIN_H2 = 440;
    static final double ISSUE_DRAIN_PG = 250;

    private LeadToCashBenchmark() {
    }

    private static int scaled(int n) {
        return (int) Math.max(1, Math.round(n * SCALE));
    }

    /** Per-database results. */
    static final class Side {
        final String db;
        double bare = Double.NaN;
        double bare1 = Double.NaN;
        double bare4 = Double.NaN;
        H2Statements.PerUnit statementsBare;
        H2Statements.PerUnit statementsLead;
        java.util.Map<String, Double> profileSmall = java.util.Map.of();
        java.util.Map<String, Double> profileLarge = java.util.Map.of();
        BareEngine.Drain bareDrain;
        AppUnderTest.Intake intake;
        AppUnderTest.Intake intake4;
        AppUnderTest.Intake intake1;
        /** Row 2c/2d: the shipped lead-routing model on the bare engine (best of THREADS clients and 1), SQL per lead. */
        AppUnderTest.Intake bareModel;
        AppUnderTest.Intake bareModel4;
        AppUnderTest.Intake bareModel1;
        JdbcStatements.PerUnit sqlBareModel;
        JdbcStatements.PerUnit sqlApp;
        AppUnderTest.AssignCost small;
        AppUnderTest.AssignCost large;
        AppUnderTest.Drain drain;
        AppUnderTest.Lateness lateness;
        Probe app;
        Probe bareProbe;
        double appStartInProcess = Double.NaN;

        Side(String db) {
            this.db = db;
        }
    }

    /** Thrown when no row needs the apps of rows 2–5. */
    private static final class SkipApps extends RuntimeException {
        SkipApps() {
            super(null, null, false, false);
        }
    }

    record Probe(double startupMillis, double heapMib, double rssMib) {
    }

    public static void main(String[] args) throws Exception {
        // stdout carries the table only; everything the app and libraries log goes to stderr
        java.io.PrintStream stdout = System.out;
        System.setOut(System.err);
        quietLogging();
        long t0 = System.nanoTime();
        ZonedDateTime started = ZonedDateTime.now();
        String machine = Machine.describe();
        double loadStart = Machine.loadAverage();
        Path work = Path.of("target", "bench").toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        Side h2 = new Side("H2");
        Side pg = new Side("PG");
        String pgVersion;
        String pgDurability;
        log("machine: " + machine + "; load average " + loadStart);

        // production durability (zonky's default is synchronous_commit=off): every commit waits for its WAL flush
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on").start()) {
            pgVersion = createDatabases(postgres, "bare", "bare_model", "app", "probe_app", "probe_bare");
            pgDurability = durability(postgres);
            log(pgVersion);

            // 6. start-up and memory, each in a JVM of its own, first while the machine is quiet
            if (ROWS.contains("6")) {
                h2.app = probe("app", "h2", work.resolve("h2-probe-app").toString());
                pg.app = probe("app", "pg", postgres.getJdbcUrl("postgres", "probe_app"));
                h2.bareProbe = probe("bare", "h2", work.resolve("h2-probe-bare").toString());
                pg.bareProbe = probe("bare", "pg", postgres.getJdbcUrl("postgres", "probe_bare"));
            }

            // 1. and 4. (yardstick): the bare engine
            bare(h2, "jdbc:h2:file:" + work.resolve("h2-bare").resolve("bare") + ";AUTO_SERVER=FALSE;NON_KEYWORDS=VALUE", "sa", "");
            bare(pg, postgres.getJdbcUrl("postgres", "bare"), "postgres", "postgres");
            // 2c/2d (yardstick): the shipped lead-routing model on the bare engine
            bareModel(h2, "jdbc:h2:file:" + work.resolve("h2-bare-model").resolve("bare") + ";AUTO_SERVER=FALSE;NON_KEYWORDS=VALUE", "sa", "");
            bareModel(pg, postgres.getJdbcUrl("postgres", "bare_model"), "postgres", "postgres");

            // 2.–4. the application, one database after the other; 5. on both at once (they are idle)
            AppUnderTest appH2 = null;
            AppUnderTest appPg = null;
            try {
                if (!ROWS.contains("2") && !ROWS.contains("3") && !ROWS.contains("4") && !ROWS.contains("5")) {
                    throw new SkipApps();
                }
                appH2 = attempt("start app on H2", () -> AppUnderTest.start("H2", null, work.resolve("h2-app"), "benchH2",
                        appArgs()));
                String repH2 = appH2 == null ? null : app(h2, appH2);
                appPg = attempt("start app on PostgreSQL", () -> AppUnderTest.start("PG", postgres.getJdbcUrl("postgres", "app"),
                        null, "benchPg", appArgs()));
                String repPg = appPg == null ? null : app(pg, appPg);
                if (ROWS.contains("5")) {
                    lateness(h2, appH2, repH2, pg, appPg, repPg);
                }
            } catch (SkipApps skip) {
                log("rows 2–5 not selected: the apps for them are not started");
            } finally {
                for (AppUnderTest a : new AppUnderTest[] {appH2, appPg}) {
                    if (a != null) {
                        try {
                            a.close();
                        } catch (RuntimeException e) {
                            log("closing the " + a.db + " app: " + e);
                        }
                    }
                }
            }
        }

        // 7. a busy year on PostgreSQL with production durability, after everything else (it loads millions of rows)
        List<YearOfData.Size> year = ROWS.contains("7") ? yearOfData(work) : List.of();

        double minutes = (System.nanoTime() - t0) / 60e9;
        String table = table(started, machine, pgVersion + " (" + pgDurability + ")", h2, pg, loadStart, Machine.loadAverage(), minutes)
                + (year.isEmpty() ? "" : "\n\n" + yearTable(year));
        stdout.println();
        stdout.println(table);
        stdout.flush();
        Path results = Path.of("target", "benchmark-results.md");
        Files.writeString(results, table + "\n", StandardCharsets.UTF_8);
        log("written to " + results.toAbsolutePath());
        System.exit(0);
    }

    // ------------------------------------------------------------------------------------------------ steps

    private static void bare(Side side, String url, String user, String password) {
        if (!ROWS.contains("1") && !ROWS.contains("2") && !ROWS.contains("4")) {
            return;
        }
        log("bare engine on " + side.db);
        try (BareEngine bare = BareEngine.boot("bench-bare-" + side.db, url, user, password)) {
            side.bare4 = bare.throughput(BARE_WARMUP, BARE_N, THREADS, CAP_MS);
            side.bare1 = bare.throughput(BARE_WARMUP / 2, BARE_N, 1, CAP_MS);
            side.bare = Math.max(side.bare1, side.bare4);
            if ("H2".equals(side.db)) {
                side.statementsBare = attempt("statements per instance, bare engine", () -> bare.statementsPerInstance(200));
            }
            log(String.format(Locale.ROOT, "  %s bare engine: %.0f PI/s (%d threads), %.0f PI/s (1 thread)", side.db, side.bare4,
                    THREADS, side.bare1));
            if (!ROWS.contains("4")) {
                return;
            }
            side.bareDrain = bare.drainTimers(BARE_TIMERS, THREADS, CAP_MS, 3 * CAP_MS);
            log(String.format(Locale.ROOT, "  %s bare engine: %d timers drained in %.1f s (%.0f/s)", side.db, side.bareDrain.timers(),
                    side.bareDrain.seconds(), side.bareDrain.perSecond()));
        } catch (RuntimeException e) {
            fail("bare engine on " + side.db, e);
        }
    }

    /**
     * Rows 2c/2d, yardstick: the shipped lead-routing diagram and its decisions on a bare engine with no-op delegates,
     * started from THREADS clients and from 1 (the better counts, as for the app), then SQL statements per lead.
     */
    private static void bareModel(Side side, String url, String user, String password) {
        if (!ROWS.contains("2")) {
            return;
        }
        log("shipped lead-routing model on the bare engine, " + side.db);
        try (BareLeadRouting bare = BareLeadRouting.boot("bench-bare-model-" + side.db, url, user, password)) {
            side.bareModel4 = attempt("bare model, " + THREADS + " clients", () -> bare.intake(INTAKE_WARMUP, INTAKE_N, THREADS, CAP_MS,
                    2 * CAP_MS));
            side.bareModel1 = attempt("bare model, 1 client", () -> bare.intake(INTAKE_WARMUP / 2, INTAKE_N, 1, CAP_MS, 2 * CAP_MS));
            side.bareModel = side.bareModel1 == null || (side.bareModel4 != null
                    && side.bareModel4.routedPerSecond() >= side.bareModel1.routedPerSecond()) ? side.bareModel4 : side.bareModel1;
            side.sqlBareModel = attempt("bare model statements per lead", () -> bare.statementsPerLead(SQL_LEADS, 2 * CAP_MS));
            for (AppUnderTest.Intake in : java.util.Arrays.asList(side.bareModel4, side.bareModel1)) {
                if (in != null) {
                    log(String.format(Locale.ROOT, "  %s bare model, %d client(s): started %.0f/s, routed %.0f/s%s", side.db, in.clients(),
                            in.acceptedPerSecond(), in.routedPerSecond(), in.timedOut() ? " (NOT ALL ROUTED)" : ""));
                }
            }
            if (side.sqlBareModel != null) {
                log("  " + side.db + " bare model SQL per lead: " + side.sqlBareModel.text());
                dump(side.sqlBareModel, side.db + "-bare-model");
            }
        } catch (RuntimeException e) {
            fail("bare model on " + side.db, e);
        }
    }

    /** {@code -Dbench.sqlDump=/tmp/sql}: every statement the JDBC wrapper counted, per lead, to /tmp/sql-jdbc-(what).tsv. */
    private static void dump(JdbcStatements.PerUnit per, String what) {
        String dump = System.getProperty("bench.sqlDump", "");
        if (dump.isBlank()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        per.top().forEach(e -> out.append(String.format(Locale.ROOT, "%.2f", e.getValue())).append('\t').append(e.getKey()).append('\n'));
        try {
            Files.writeString(Path.of(dump + "-jdbc-" + what + ".tsv"), out);
        } catch (IOException e) {
            log("sql dump: " + e);
        }
    }

    /** Rows 2–4 on one app; returns a rep id for row 5. */
    private static String app(Side side, AppUnderTest app) {
        side.appStartInProcess = app.startSeconds;
        List<String> roster = new ArrayList<>();
        for (String region : new String[] {"EAST", "SOUTH", "NORTH"}) {
            roster.addAll(app.addReps("r-" + region.toLowerCase(Locale.ROOT) + "-", 10, region));
        }
        app.addManager("bench-manager");
        log("app on " + side.db + " up in " + String.format(Locale.ROOT, "%.1f s", app.startSeconds));
        if (ROWS.contains("2")) {
            intake(side, app);
        }
        if (ROWS.contains("3")) {
            assignment(side, app);
        }
        if (ROWS.contains("4")) {
            drain(side, app, roster.get(0));
        }
        return roster.get(0);
    }

    private static void intake(Side side, AppUnderTest app) {
        log("intake on " + side.db);
        // like row 1, the better of THREADS clients and one client (on 2 cores, more clients mostly add contention)
        side.intake4 = attempt("intake on " + side.db, () -> app.intake(INTAKE_WARMUP, INTAKE_N, THREADS, CAP_MS, 2 * CAP_MS));
        side.intake1 = attempt("intake on " + side.db + ", one client", () -> app.intake(INTAKE_WARMUP / 2, INTAKE_N, 1, CAP_MS, 2 * CAP_MS));
        side.intake = side.intake1 == null || (side.intake4 != null && side.intake4.routedPerSecond() >= side.intake1.routedPerSecond())
                ? side.intake4 : side.intake1;
        for (AppUnderTest.Intake in : java.util.Arrays.asList(side.intake4, side.intake1)) {
            if (in != null) {
                log(String.format(Locale.ROOT, "  %s intake, %d client(s): accepted %.0f/s, routed %.0f/s", side.db, in.clients(),
                        in.acceptedPerSecond(), in.routedPerSecond()));
            }
        }
        side.sqlApp = attempt("JDBC statements per lead on " + side.db, () -> app.jdbcStatementsPerLead(SQL_LEADS, 2 * CAP_MS));
        if (side.sqlApp != null) {
            log("  " + side.db + " app SQL per lead: " + side.sqlApp.text());
            dump(side.sqlApp, side.db + "-app");
        }
        if ("H2".equals(side.db)) {
            side.statementsLead = attempt("statements per lead", () -> app.statementsPerLead(100, 2 * CAP_MS));
            if (side.statementsLead != null && side.statementsBare != null) {
                log("  H2 statements per lead: " + side.statementsLead.text() + "; per bare instance: " + side.statementsBare.text());
            }
        }
    }

    private static void assignment(Side side, AppUnderTest app) {
        log("assignment cost on " + side.db);
        app.jdbc.update("UPDATE sales_staff SET active = FALSE WHERE role = 'REP'");
        // both teams side by side (East: 5 reps, South: 500), measured in alternating rounds after warming up on both, so
        // neither gains from running second on a warmer JIT or cache
        AppUnderTest.AssignCost[] costs = attempt("assignment, 5 vs 500 reps, " + side.db, () -> {
            List<String> small = app.addReps("a-", SMALL_REPS, "EAST");
            app.addLeads("ao-", SMALL_OPEN, small, "EAST");
            List<String> smallTargets = app.addLeads("at-", ASSIGN_WARMUP + ASSIGN_N, null, "EAST");
            List<String> large = app.addReps("b-", LARGE_REPS, "SOUTH");
            app.addLeads("bo-", LARGE_OPEN, large, "SOUTH");
            List<String> largeTargets = app.addLeads("bt-", ASSIGN_WARMUP + ASSIGN_N, null, "SOUTH");
            app.analyze();
            AppUnderTest.AssignCost[] both = app.assignCost(smallTargets, "EAST", largeTargets, "SOUTH", ASSIGN_WARMUP, 5);
            side.profileSmall = app.assignProfile(small, "EAST", 200);
            side.profileLarge = app.assignProfile(large, "SOUTH", 200);
            return both;
        });
        if (costs != null) {
            side.small = costs[0];
            side.large = costs[1];
        }
        app.jdbc.update("UPDATE sales_staff SET active = (user_id LIKE 'r-%') WHERE role = 'REP'");
        if (side.small != null && side.large != null) {
            log(String.format(Locale.ROOT, "  %s assign: %.2f ms (%d reps) vs %.2f ms (%d reps)", side.db, side.small.meanMillis(),
                    SMALL_REPS, side.large.meanMillis(), LARGE_REPS));
        }
    }

    private static void drain(Side side, AppUnderTest app, String rep) {
        log("escalation drain on " + side.db);
        side.drain = attempt("escalation drain on " + side.db, () -> app.escalationDrain(TIMERS, THREADS, rep, 2 * CAP_MS,
                3 * CAP_MS, CAP_MS / 2));
        if (side.drain != null) {
            log(String.format(Locale.ROOT, "  %s drain: %d in %.1f s (%.0f/s), duplicates %d", side.db, side.drain.delivered(),
                    side.drain.seconds(), side.drain.perSecond(), side.drain.duplicates()));
        }
    }

    private static void lateness(Side h2, AppUnderTest appH2, String repH2, Side pg, AppUnderTest appPg, String repPg) throws Exception {
        log("lateness after idle, both apps at once");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<AppUnderTest.Lateness> lh = appH2 == null ? null
                    : two.submit(() -> appH2.lateness(LATE_N, LATE_IDLE_MS, LATE_FIRST_MS, LATE_LAST_MS, repH2));
            Future<AppUnderTest.Lateness> lp = appPg == null ? null
                    : two.submit(() -> appPg.lateness(LATE_N, LATE_IDLE_MS, LATE_FIRST_MS, LATE_LAST_MS, repPg));
            h2.lateness = lh == null ? null : attempt("lateness on H2", () -> get(lh));
            pg.lateness = lp == null ? null : attempt("lateness on PG", () -> get(lp));
        } finally {
            two.shutdownNow();
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            throw new IllegalStateException(e.getCause() == null ? e : e.getCause());
        }
    }

    /** Runs a {@link StartupProbe} in a JVM of its own with this JVM's class path. */
    private static Probe probe(String mode, String db, String where) {
        log("start-up probe: " + mode + " on " + db);
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StartupProbe.class.getName(), mode, db, where).redirectErrorStream(true);
        List<String> output = new ArrayList<>();
        try {
            Process process = builder.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        synchronized (output) {
                            output.add(line);
                        }
                    }
                } catch (IOException e) {
                    // process gone
                }
            });
            reader.start();
            if (!process.waitFor(240, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("probe did not finish within 240 s");
            }
            reader.join(5_000);
            synchronized (output) {
                for (String line : output) {
                    if (line.startsWith("PROBE ")) {
                        return new Probe(value(line, "startupMillis"), value(line, "heapMib"), value(line, "rssMib"));
                    }
                }
                throw new IllegalStateException("probe printed no result; last lines:\n"
                        + String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size())));
            }
        } catch (Exception e) {
            fail("start-up probe " + mode + " on " + db, e);
            return null;
        }
    }

    private static double value(String line, String key) {
        for (String part : line.split("\\s+")) {
            if (part.startsWith(key + "=")) {
                return Double.parseDouble(part.substring(key.length() + 1));
            }
        }
        return Double.NaN;
    }

    /** The server's durability settings as it reports them (SHOW), for the table. */
    private static String durability(EmbeddedPostgres postgres) throws Exception {
        List<String> settings = new ArrayList<>();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String name : List.of("synchronous_commit", "fsync", "full_page_writes")) {
                try (ResultSet rs = s.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.add(name + "=" + rs.getString(1));
                }
            }
        }
        return String.join(", ", settings);
    }

    private static String createDatabases(EmbeddedPostgres postgres, String... names) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("CREATE DATABASE " + name);
            }
            try (ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                String version = rs.getString(1);
                int comma = version.indexOf(',');
                return comma < 0 ? version : version.substring(0, comma);
            }
        }
    }

    /**
     * Row 7: its own PostgreSQL with production durability (fsync, synchronous_commit and full-page writes on; the
     * embedded default switches them off), the app with its webapps, a tenth of a busy year and then all of it.
     */
    private static List<YearOfData.Size> yearOfData(Path work) {
        List<YearOfData.Size> sizes = new ArrayList<>();
        log("year of data on PostgreSQL (synchronous_commit = on)");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").setServerConfig("full_page_writes", "on")
                .setServerConfig("shared_buffers", "256MB").setServerConfig("work_mem", "16MB").start()) {
            createDatabases(postgres, "year");
            AppUnderTest app = AppUnderTest.start("PG", postgres.getJdbcUrl("postgres", "year"), null, "default", true, appArgs());
            try {
                YearOfData year = new YearOfData(app, SCALE);
                int samples = Math.max(5, (int) Math.round(40 * Math.min(1, SCALE * 4)));
                sizes.add(year.measureAt(0.1, "a tenth", samples));
                sizes.add(year.measureAt(1.0, "a year", samples));
            } finally {
                app.close();
            }
        } catch (Exception e) {
            fail("year of data", e);
        }
        return sizes;
    }

    static String yearTable(List<YearOfData.Size> sizes) {
        StringBuilder out = new StringBuilder("### 7. A busy year on PostgreSQL (synchronous_commit = on), p50 / p95 in ms over HTTP\n\n");
        YearOfData.Size small = sizes.get(0);
        YearOfData.Size large = sizes.size() > 1 ? sizes.get(1) : null;
        out.append("Rows: ").append(small.label()).append(" ").append(small.rows());
        if (large != null) {
            out.append("; ").append(large.label()).append(" ").append(large.rows());
        }
        out.append("\n\n| what | ").append(small.label()).append(" | ").append(large == null ? "—" : large.label())
                .append(" | goal: p95 ≤ ").append(n(YearOfData.GOAL_P95_MS)).append(" ms | p95 growth (goal ≤ 2×) |\n|---|---|---|---|---|\n");
        for (int i = 0; i < small.timings().size(); i++) {
            YearOfData.Timing a = small.timings().get(i);
            YearOfData.Timing b = large == null || large.timings().size() <= i ? null : large.timings().get(i);
            double p95 = b == null ? a.p95() : b.p95();
            out.append("| ").append(a.what()).append(" | ").append(n(a.p50())).append(" / ").append(n(a.p95())).append(" | ")
                    .append(b == null ? "not run" : n(b.p50()) + " / " + n(b.p95())).append(" | ")
                    .append(p95 <= YearOfData.GOAL_P95_MS ? "met" : "**missed**").append(" | ")
                    .append(b == null ? "—" : String.format(Locale.ROOT, "%.1f× %s", b.p95() / a.p95(), b.p95() / a.p95() <= 2 ? "met" : "**missed**"))
                    .append(" |\n");
        }
        out.append("\nSet-up (not measured): ").append(small.label()).append(String.format(Locale.ROOT, " loaded in %.0f s", small.loadSeconds()));
        if (large != null) {
            out.append(", grown to ").append(large.label()).append(String.format(Locale.ROOT, " in %.0f s", large.loadSeconds()));
        }
        out.append(". Closed items bulk-loaded with SQL (app tables and ACT_HI_PROCINST/ACT_HI_ACTINST); open payment journeys and ")
                .append("open leads created through the application.");
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------------ table

    static String table(ZonedDateTime started, String machine, String pgVersion, Side h2, Side pg, double loadStart,
                        double loadEnd, double minutes) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"1", "Bare engine (StandaloneProcessEngineConfiguration, no Spring, history full): start → no-op "
                + "service task → user task + boundary timer; " + n(BARE_N) + " PI (≤ " + CAP_MS / 1000 + " s) after warm-up, best of "
                + THREADS + " threads and 1 thread",
                bareCell(h2), bareCell(pg),
                "issue: " + n(ISSUE_BARE_H2) + " / " + n(ISSUE_BARE_PG) + " PI/s",
                ratios(h2.bare / ISSUE_BARE_H2, pg.bare / ISSUE_BARE_PG), "— (yardstick)", "—"});

        Function<Side, Double> accepted = s -> s.intake == null ? Double.NaN : s.intake.acceptedPerSecond();
        Function<Side, Double> routed = s -> s.intake == null ? Double.NaN : s.intake.routedPerSecond();
        String row1 = "row 1: " + n(h2.bare) + " / " + n(pg.bare) + " PI/s";
        rows.add(new String[] {"2a", "Lead intake, accepted: POST /api/leads over HTTP → 201 (validation, lead + customer rows, "
                + "instance up to its async routing job); " + n(INTAKE_N) + " leads (≤ " + CAP_MS / 1000 + " s) after "
                + n(INTAKE_WARMUP) + " warm-up, best (end to end) of " + THREADS + " java.net.http clients and 1, job executor "
                + "routing at the same time",
                num(accepted.apply(h2), "PI/s"), num(accepted.apply(pg), "PI/s"), row1,
                ratios(accepted.apply(h2) / h2.bare, accepted.apply(pg) / pg.bare), "≥ 0.70",
                met(accepted.apply(h2) / h2.bare >= 0.70, accepted.apply(pg) / pg.bare >= 0.70, h2.intake, pg.intake)});
        rows.add(new String[] {"2b", "Lead intake, end to end: first POST → last lead routed (async job: DMN, load-aware "
                + "assignment, first-contact task, 2 boundary timers), same run as 2a",
                num(routed.apply(h2), "PI/s"), num(routed.apply(pg), "PI/s"), row1,
                ratios(routed.apply(h2) / h2.bare, routed.apply(pg) / pg.bare), "≥ 0.70",
                met(routed.apply(h2) / h2.bare >= 0.70, routed.apply(pg) / pg.bare >= 0.70, h2.intake, pg.intake)});

        Function<Side, Double> bareModel = s -> s.bareModel == null ? Double.NaN : s.bareModel.routedPerSecond();
        rows.add(new String[] {"2c", "Lead intake end to end (row 2b: POST /api/leads → routed and assigned) against the SHIPPED "
                + "lead-routing.bpmn + lead-routing.dmn + lead-policy.dmn (+ its forms) on the bare engine with no-op delegates "
                + "(they only set the variables the diagram reads), instances started with the intake's variables, job executor on; "
                + "same counts and clients as row 2",
                num(routed.apply(h2), "leads/s"), num(routed.apply(pg), "leads/s"),
                "bare engine, shipped model: " + bareModelCell(h2) + " / " + bareModelCell(pg),
                ratios(routed.apply(h2) / bareModel.apply(h2), routed.apply(pg) / bareModel.apply(pg)), "≥ 0.70",
                met(routed.apply(h2) / bareModel.apply(h2) >= 0.70, routed.apply(pg) / bareModel.apply(pg) >= 0.70, h2.bareModel,
                        pg.bareModel)});
        Function<Side, Double> sqlApp = s -> s.sqlApp == null ? Double.NaN : s.sqlApp.total();
        Function<Side, Double> sqlBare = s -> s.sqlBareModel == null ? Double.NaN : s.sqlBareModel.total();
        rows.add(new String[] {"2d", "… SQL statements per lead (every JDBC execute and batched statement, counted by a DataSource "
                + "wrapper on both databases; " + SQL_LEADS + " leads posted one by one, then all routed; job acquisition included, "
                + "the benchmark's polling left out); commits in the notes",
                sqlCell(h2.sqlApp), sqlCell(pg.sqlApp),
                "bare engine, shipped model: " + sqlCell(h2.sqlBareModel) + " / " + sqlCell(pg.sqlBareModel),
                ratios(sqlApp.apply(h2) / sqlBare.apply(h2), sqlApp.apply(pg) / sqlBare.apply(pg)), "—", "—"});

        Function<Side, Double> large = s -> s.large == null ? Double.NaN : s.large.meanMillis();
        Function<Side, Double> small = s -> s.small == null ? Double.NaN : s.small.meanMillis();
        rows.add(new String[] {"3", "LeadAssignment.assign() with " + LARGE_REPS + " reps / " + n(LARGE_OPEN) + " open leads: mean "
                + "per call (p50), " + n(ASSIGN_N) + " calls after " + ASSIGN_WARMUP + " warm-up, 1 thread; both teams in one "
                + "database, measured in 5 alternating rounds",
                ms(h2.large), ms(pg.large),
                SMALL_REPS + " reps / " + SMALL_OPEN + " open leads: " + ms(small.apply(h2)) + " / " + ms(small.apply(pg)),
                ratios(large.apply(h2) / small.apply(h2), large.apply(pg) / small.apply(pg)), "≤ 1.5×",
                met(large.apply(h2) / small.apply(h2) <= 1.5, large.apply(pg) / small.apply(pg) <= 1.5, h2.large, pg.large)});

        Function<Side, Double> drain = s -> s.drain == null ? Double.NaN : s.drain.perSecond();
        Function<Side, Double> bareDrain = s -> s.bareDrain == null ? Double.NaN : s.bareDrain.perSecond();
        rows.add(new String[] {"4a", n(TIMERS) + " first-contact escalation timers due at once (as many as are created in "
                + 2 * CAP_MS / 1000 + " s): drain rate up to the last delivery (timer job → async voice-call job → delivery log), "
                + "job executor as in application.yaml",
                drainCell(h2.drain), drainCell(pg.drain),
                "bare engine (" + n(BARE_TIMERS) + " timers), same settings, this run: " + n(bareDrain.apply(h2)) + " / "
                        + n(bareDrain.apply(pg)) + " timers/s (issue: " + n(ISSUE_DRAIN_H2) + " / " + n(ISSUE_DRAIN_PG) + ")",
                ratios(drain.apply(h2) / bareDrain.apply(h2), drain.apply(pg) / bareDrain.apply(pg)), "—", "—"});
        rows.add(new String[] {"4b", "… duplicate escalations in the delivery log (same lead notified twice); missing",
                dupCell(h2.drain), dupCell(pg.drain),
                "bare engine duplicate fires: " + (h2.bareDrain == null ? "n/a" : h2.bareDrain.duplicates()) + " / "
                        + (pg.bareDrain == null ? "n/a" : pg.bareDrain.duplicates()),
                "—", "0 duplicates, 0 missing",
                met(clean(h2.drain), clean(pg.drain), h2.drain, pg.drain)});

        rows.add(new String[] {"5", "Escalation lateness after ≥ " + LATE_IDLE_MS / 1000 + " s idle: " + LATE_N
                + " reminders due one by one " + LATE_FIRST_MS / 1000 + "–" + LATE_LAST_MS / 1000
                + " s ahead; delivery log attempted_at − due, p50 / p99 / max",
                lateCell(h2.lateness), lateCell(pg.lateness), "due time", "—", "max ≤ 5 s",
                met(h2.lateness != null && h2.lateness.missing() == 0 && h2.lateness.max() <= 5,
                        pg.lateness != null && pg.lateness.missing() == 0 && pg.lateness.max() <= 5, h2.lateness, pg.lateness)});

        Function<Probe, Double> startup = p -> p == null ? Double.NaN : p.startupMillis() / 1000;
        Function<Probe, Double> heap = p -> p == null ? Double.NaN : p.heapMib();
        Function<Probe, Double> rss = p -> p == null ? Double.NaN : p.rssMib();
        rows.add(new String[] {"6a", "Start-up: SpringApplication.run → ApplicationReadyEvent, fresh database (Flyway + engine "
                + "schema + deployment), webapps on, JVM of its own",
                num(startup.apply(h2.app), "s", 1), num(startup.apply(pg.app), "s", 1),
                "bare engine boot (schema + deploy): " + num(startup.apply(h2.bareProbe), "s", 1) + " / "
                        + num(startup.apply(pg.bareProbe), "s", 1),
                ratios(startup.apply(h2.app) / startup.apply(h2.bareProbe), startup.apply(pg.app) / startup.apply(pg.bareProbe)),
                "—", "—"});
        rows.add(new String[] {"6b", "Heap used after GC, at ready (default JVM flags)",
                num(heap.apply(h2.app), "MiB"), num(heap.apply(pg.app), "MiB"),
                "bare engine: " + num(heap.apply(h2.bareProbe), "MiB") + " / " + num(heap.apply(pg.bareProbe), "MiB"),
                ratios(heap.apply(h2.app) / heap.apply(h2.bareProbe), heap.apply(pg.app) / heap.apply(pg.bareProbe)), "—", "—"});
        rows.add(new String[] {"6c", "Resident memory (VmRSS from /proc/self/status), at ready",
                num(rss.apply(h2.app), "MiB"), num(rss.apply(pg.app), "MiB"),
                "bare engine: " + num(rss.apply(h2.bareProbe), "MiB") + " / " + num(rss.apply(pg.bareProbe), "MiB"),
                ratios(rss.apply(h2.app) / rss.apply(h2.bareProbe), rss.apply(pg.app) / rss.apply(pg.bareProbe)), "—", "—"});

        for (String[] r : rows) {
            if (!ROWS.contains(r[0].replaceAll("[a-z]", ""))) {
                r[2] = "not run";
                r[3] = "not run";
                r[5] = "—";
                r[7] = "—";
            }
        }

        StringBuilder out = new StringBuilder();
        out.append("Lead-to-Cash benchmark — ").append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
                .append(" — ").append(machine).append("\n\n");
        out.append("| # | measurement | H2 | PG | yardstick | ratio | goal | met? |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (String[] r : rows) {
            out.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        out.append("\n");
        out.append("H2 = H2 2.x file database; PG = ").append(pgVersion)
                .append(" embedded, with production durability for every PG row. Cells with two figures are H2 / PG. ")
                .append("Ratio = figure ÷ yardstick (row 3: large team ÷ small team).\n");
        out.append(notes(h2, pg));
        out.append(String.format(Locale.ROOT, "Load average %.2f at start, %.2f at end (other work on this machine skews every figure). "
                + "Run took %.1f min.%n", loadStart, loadEnd, minutes));
        return out.toString();
    }

    private static String notes(Side h2, Side pg) {
        StringBuilder n = new StringBuilder();
        n.append("App under test: main code only, in the benchmark JVM (-Xmx3g), job executor on with application.yaml's settings "
                + "(acquire by due date, prefer timers, wait 500 ms, max wait 1000 ms); webapps off except row 6; benchmark settings "
                + "capacity 1000000 in a deployed lead-policy.dmn (every lead is assigned, none waits for a manager) and 10 reps per region"
                + (APP_ARGS.isEmpty() ? "" : "; EXTRA APP ARGUMENTS: " + APP_ARGS) + ".\n");
        for (Side s : List.of(h2, pg)) {
            StringBuilder d = new StringBuilder(s.db).append(":");
            for (AppUnderTest.Intake in : java.util.Arrays.asList(s.intake4, s.intake1)) {
                if (in != null) {
                    d.append(String.format(Locale.ROOT, " intake with %d client(s) %s accepted in %.1f s (%.0f/s), all routed after %.1f s "
                                    + "(%.0f/s), %d non-201, %d incidents%s;", in.clients(), n(in.leads()), in.acceptSeconds(),
                            in.acceptedPerSecond(), in.routedSeconds(), in.routedPerSecond(), in.non201(), in.incidents(),
                            in.timedOut() ? " (TIMED OUT)" : ""));
                }
            }
            if (s.statementsLead != null && s.statementsBare != null) {
                d.append(" SQL per lead (intake + routing, counted by H2): ").append(s.statementsLead.text())
                        .append("; per yardstick instance: ").append(s.statementsBare.text()).append(';');
            }
            for (var sql : java.util.Arrays.asList(s.sqlApp, s.sqlBareModel)) {
                if (sql != null) {
                    d.append(sql == s.sqlApp ? " app" : " bare engine, shipped model").append(" per lead: ").append(sql.text())
                            .append(", writes by table: ").append(sql.tables(sql.writesPerTable(), 10))
                            .append(", reads by table: ").append(sql.tables(sql.readsPerTable(), 10)).append(';');
                }
            }
            for (AppUnderTest.Intake in : java.util.Arrays.asList(s.bareModel4, s.bareModel1)) {
                if (in != null) {
                    d.append(String.format(Locale.ROOT, " bare shipped model with %d client(s) %s started in %.1f s (%.0f/s), routed "
                                    + "after %.1f s (%.0f/s), %d incidents%s;", in.clients(), n(in.leads()), in.acceptSeconds(),
                            in.acceptedPerSecond(), in.routedSeconds(), in.routedPerSecond(), in.incidents(),
                            in.timedOut() ? " (NOT ALL ROUTED)" : ""));
                }
            }
            if (s.small != null && s.large != null) {
                d.append(String.format(Locale.ROOT, " assign p99 %.2f ms (%d reps) / %.2f ms (%d reps)", s.small.p99Millis(), SMALL_REPS,
                        s.large.p99Millis(), LARGE_REPS));
                if (!s.profileLarge.isEmpty()) {
                    d.append(", its workload queries ").append(SMALL_REPS).append(" → ").append(LARGE_REPS).append(" reps:");
                    s.profileLarge.forEach((query, ms) -> d.append(String.format(Locale.ROOT, " %s %.2f → %.2f ms,", query,
                            s.profileSmall.getOrDefault(query, Double.NaN), ms)));
                    d.setLength(d.length() - 1);
                }
                d.append(";");
            }
            if (s.drain != null) {
                d.append(String.format(Locale.ROOT, " drain %s delivered by %.1f s (instances created in %.1f s, %d FAILED deliveries, %d failed job "
                                + "executions, %d incidents, up to %d threads waiting for one of the %d pooled connections%s);",
                        n(s.drain.delivered()), s.drain.seconds(), s.drain.createSeconds(), s.drain.failed(), s.drain.jobFailures(),
                        s.drain.incidents(), s.drain.maxAwaitingConnection(), s.drain.poolSize(), s.drain.timedOut() ? ", TIMED OUT" : ""));
            }
            if (s.bareDrain != null) {
                d.append(String.format(Locale.ROOT, " bare drain %s in %.1f s;", n(s.bareDrain.timers()), s.bareDrain.seconds()));
            }
            if (s.lateness != null) {
                d.append(String.format(Locale.ROOT, " boundary timer itself fired p50 %.2f s / max %.2f s after due, %d reminders missing;",
                        s.lateness.timerP50(), s.lateness.timerMax(), s.lateness.missing()));
            }
            if (!Double.isNaN(s.appStartInProcess)) {
                d.append(String.format(Locale.ROOT, " in-process app start %.1f s.", s.appStartInProcess));
            }
            n.append(d).append("\n");
        }
        return n.toString();
    }

    private static String bareCell(Side s) {
        return Double.isNaN(s.bare) ? "failed" : String.format(Locale.ROOT, "%s PI/s (%d thr %s, 1 thr %s)", n(s.bare), THREADS,
                n(s.bare4), n(s.bare1));
    }

    private static String bareModelCell(Side s) {
        return s.bareModel == null ? "failed" : n(s.bareModel.routedPerSecond()) + " leads/s";
    }

    private static String sqlCell(JdbcStatements.PerUnit p) {
        return p == null ? "failed" : String.format(Locale.ROOT, "%.1f (%.1f sel, %.1f ins, %.1f upd, %.1f del)", p.total(), p.selects(),
                p.inserts(), p.updates(), p.deletes());
    }

    private static boolean clean(AppUnderTest.Drain d) {
        return d != null && d.duplicates() == 0 && d.delivered() == d.timers() && !d.timedOut();
    }

    private static String drainCell(AppUnderTest.Drain d) {
        return d == null ? "failed" : String.format(Locale.ROOT, "%s timers/s (%s of %s in %.1f s)%s", n(d.perSecond()),
                n(d.delivered()), n(d.timers()), d.seconds(), d.timedOut() ? ", **stalled**" : "");
    }

    private static String dupCell(AppUnderTest.Drain d) {
        return d == null ? "failed" : d.duplicates() + " duplicates, " + (d.timers() - d.delivered()) + " missing";
    }

    private static String lateCell(AppUnderTest.Lateness l) {
        return l == null ? "failed" : String.format(Locale.ROOT, "%.2f / %.2f / %.2f s%s", l.p50(), l.p99(), l.max(),
                l.missing() == 0 ? "" : " (" + l.missing() + " missing)");
    }

    private static String ms(AppUnderTest.AssignCost c) {
        return c == null ? "failed" : String.format(Locale.ROOT, "%.2f ms (%.2f)", c.meanMillis(), c.p50Millis());
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", v);
    }

    private static String met(boolean h2, boolean pg, Object h2Result, Object pgResult) {
        return "H2 " + (h2Result == null ? "n/a" : h2 ? "yes" : "**no**") + " · PG " + (pgResult == null ? "n/a" : pg ? "yes" : "**no**");
    }

    private static String ratios(double h2, double pg) {
        return ratio(h2) + " / " + ratio(pg);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String num(double v, String unit) {
        return Double.isNaN(v) ? "failed" : n(v) + " " + unit;
    }

    private static String num(double v, String unit, int decimals) {
        return Double.isNaN(v) ? "failed" : String.format(Locale.ROOT, "%." + decimals + "f %s", v, unit);
    }

    private static String n(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private static <T> T attempt(String what, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            fail(what, e);
            return null;
        }
    }

    private static void fail(String what, Exception e) {
        log("FAILED: " + what + ": " + e);
        e.printStackTrace();
    }

    private static String[] appArgs() {
        List<String> args = new ArrayList<>();
        if (!APP_ARGS.isEmpty()) {
            args.addAll(List.of(APP_ARGS.split("\\s+")));
        }
        return args.toArray(String[]::new);
    }

    private static void quietLogging() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    static void log(String message) {
        System.err.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
