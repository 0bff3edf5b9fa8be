package org.leadtocash.bench;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.leadtocash.LeadToCashApplication;
import org.leadtocash.lead.CreditCode;
import org.leadtocash.lead.LeadAssignment;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.RoutingDecision;
import org.leadtocash.lead.SalesTeam;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The real application (main code only) on H2 or PostgreSQL, in this JVM, and the measurements that drive it. */
final class AppUnderTest implements AutoCloseable {
    static final String CHANNEL_KEY = "bench-website-channel-key-0001";
    private static final AtomicInteger SEQ = new AtomicInteger();

    final String db;
    final ConfigurableApplicationContext context;
    final ProcessEngine engine;
    final JdbcTemplate jdbc;
    final String base;
    final double startSeconds;
    /** Every statement the app sends to its database (its DataSource bean is wrapped), for SQL per lead on H2 and PG. */
    final JdbcStatements statements;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private AppUnderTest(String db, ConfigurableApplicationContext context, double startSeconds, JdbcStatements statements) {
        this.db = db;
        this.statements = statements;
        this.context = context;
        this.engine = context.getBean(ProcessEngine.class);
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        this.startSeconds = startSeconds;
    }

    /**
     * Arguments for the app on H2 ({@code pgUrl == null}, file database under {@code h2Dir}) or on the {@code postgres}
     * profile: strong admin credentials, a non-demo channel key, its own engine name, loopback only.
     */
    static List<String> arguments(String pgUrl, Path h2Dir, String engineName, boolean webapps) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--spring.jmx.enabled=false",
                "--logging.level.root=WARN",
                "--leadtocash.security.channel-keys.WEBSITE_FORM=" + CHANNEL_KEY,
                "--camunda.bpm.admin-user.id=benchadmin", "--camunda.bpm.admin-user.password=Bench-Admin-Pw-2026",
                "--camunda.bpm.process-engine-name=" + engineName,
                "--camunda.bpm.webapp.enabled=" + webapps));
        if (pgUrl == null) {
            args.add("--spring.datasource.url=jdbc:h2:file:" + h2Dir.resolve("leadtocash").toAbsolutePath()
                    + ";AUTO_SERVER=FALSE;NON_KEYWORDS=VALUE;QUERY_CACHE_SIZE=256"); // as application.yaml
        } else {
            args.addAll(List.of("--DB_URL=" + pgUrl, "--DB_USER=postgres", "--DB_PASSWORD=postgres"));
        }
        return args;
    }

    static SpringApplicationBuilder builder(boolean postgres) {
        SpringApplicationBuilder builder = new SpringApplicationBuilder(LeadToCashApplication.class).initializers(new MainClassesOnly());
        return postgres ? builder.profiles("postgres") : builder;
    }

    static AppUnderTest start(String db, String pgUrl, Path h2Dir, String engineName, String... extra) {
        return start(db, pgUrl, h2Dir, engineName, false, extra);
    }

    /** As above; {@code webapps} also starts Cockpit, Tasklist and their APIs (row 7 measures what they call). */
    static AppUnderTest start(String db, String pgUrl, Path h2Dir, String engineName, boolean webapps, String... extra) {
        List<String> args = arguments(pgUrl, h2Dir, engineName, webapps);
        args.addAll(Arrays.asList(extra));
        long start = System.nanoTime();
        JdbcStatements statements = new JdbcStatements();
        ConfigurableApplicationContext context = builder(pgUrl != null).initializers(statements.initializer())
                .run(args.toArray(String[]::new));
        AppUnderTest app = new AppUnderTest(db, context, Parallel.seconds(System.nanoTime() - start), statements);
        app.unlimitedCapacity();
        return app;
    }

    /** Every lead is assigned, none waits for a manager: the owner's capacity (bpmn/lead-policy.dmn) deployed as 1,000,000. */
    void unlimitedCapacity() {
        try (java.io.InputStream in = AppUnderTest.class.getResourceAsStream("/bpmn/lead-policy.dmn")) {
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceFirst("(<outputEntry id=\"LiteralExpression_AllRegions_MaxOpenLeads\">\\s*<text>)\\d+(</text>)", "$11000000$2");
            engine.getRepositoryService().createDeployment().name("bench lead-policy")
                    .addString("lead-policy.dmn", xml).deploy();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    JobExecutor jobExecutor() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
    }

    // ---------------------------------------------------------------- fixtures (plain JDBC batches)

    static String creditCode() {
        String first17 = String.format("91310000MA%07d", SEQ.incrementAndGet());
        return first17 + CreditCode.checkCharacter(first17);
    }

    /** Active reps {@code prefix-0001…}, in the region, and one manager. */
    List<String> addReps(String prefix, int count, String region) {
        List<String> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String id = String.format("%s%04d", prefix, i);
            ids.add(id);
            rows.add(new Object[] {id, "基准销售" + i, "REP", region, String.format("139%08d", i)});
        }
        jdbc.batchUpdate("INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active) VALUES (?, ?, ?, ?, ?, TRUE)", rows);
        return ids;
    }

    void addManager(String id) {
        jdbc.update("INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active) VALUES (?, '基准主管', 'MANAGER', NULL, '13800009999', TRUE)", id);
    }

    /**
     * {@code count} leads with their own customers; {@code assignees == null} → status NEW (not yet routed), otherwise
     * ASSIGNED round-robin to the assignees. Returns the lead ids.
     */
    List<String> addLeads(String prefix, int count, List<String> assignees, String region) {
        List<String> ids = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        int batch = 1000;
        for (int from = 0; from < count; from += batch) {
            List<Object[]> customers = new ArrayList<>();
            List<Object[]> leads = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + batch); i++) {
                String id = prefix + i;
                String customer = "c-" + id;
                String code = creditCode();
                ids.add(id);
                customers.add(new Object[] {customer, code, "基准客户" + id, now});
                String assignee = assignees == null ? null : assignees.get(i % assignees.size());
                leads.add(new Object[] {id, "e-" + id, customer, "基准客户" + id, code, region,
                        assignee == null ? "NEW" : "ASSIGNED", assignee, assignee == null ? null : now, now});
            }
            jdbc.batchUpdate("INSERT INTO customer (id, credit_code, company_name, created_at) VALUES (?, ?, ?, ?)", customers);
            jdbc.batchUpdate("INSERT INTO sales_lead (id, source, external_id, customer_id, company_name, credit_code, contact_name, "
                    + "contact_phone, region, budget_cny, status, assignee, assigned_at, created_at) "
                    + "VALUES (?, 'WEBSITE_FORM', ?, ?, ?, ?, '张三', '13912345678', ?, 120000, ?, ?, ?, ?)", leads);
        }
        if (assignees != null) {
            // a bulk load bypasses the app's bookkeeping: the reps' workload figures are recounted, as after any bulk import
            context.getBean(SalesTeam.class).recountWorkload();
        }
        return ids;
    }

    /** Fresh planner statistics after a bulk insert, as a database in steady state has. */
    void analyze() {
        jdbc.execute("ANALYZE");
    }

    // ---------------------------------------------------------------- 2. intake over HTTP

    record Intake(int clients, int leads, double acceptedPerSecond, double routedPerSecond, double acceptSeconds, double routedSeconds,
                  int non201, long incidents, boolean timedOut) {
    }

    Intake intake(int warmup, int max, int threads, long capMillis, long timeoutMillis) {
        post("w" + SEQ.incrementAndGet() + "-", warmup, threads, capMillis / 3);
        String warmPrefix = "bench-";
        Parallel.await(() -> count("SELECT COUNT(*) FROM sales_lead WHERE status = 'NEW' AND external_id LIKE ?", warmPrefix + "%") == 0,
                timeoutMillis, 100);
        String prefix = "m" + SEQ.incrementAndGet() + "-";
        long start = System.nanoTime();
        int[] posted = new int[1];
        int non201 = post(prefix, max, threads, capMillis, posted);
        int n = posted[0];
        long accepted = System.nanoTime() - start;
        long routedAt = Parallel.await(() -> count("SELECT COUNT(*) FROM sales_lead WHERE status <> 'NEW' AND external_id LIKE ?",
                "bench-" + prefix + "%") >= n - non201, timeoutMillis, 50);
        long routed = (routedAt < 0 ? System.nanoTime() : routedAt) - start;
        long incidents = engine.getRuntimeService().createIncidentQuery().count();
        return new Intake(threads, n, n / Parallel.seconds(accepted), (n - non201) / Parallel.seconds(routed), Parallel.seconds(accepted),
                Parallel.seconds(routed), non201, incidents, routedAt < 0);
    }

    /** POSTs {@code n} valid leads (external ids {@code bench-<prefix><i>}); returns how many were not answered 201. */
    int postLeads(String prefix, int n, int threads, long capMillis) {
        return post(prefix, n, threads, capMillis);
    }

    /** POSTs {@code n} valid leads from {@code threads} clients; returns how many were not answered 201. */
    private int post(String prefix, int n, int threads, long capMillis) {
        return post(prefix, n, threads, capMillis, new int[1]);
    }

    private int post(String prefix, int n, int threads, long capMillis, int[] posted) {
        AtomicInteger bad = new AtomicInteger();
        String[] regions = {"EAST", "SOUTH", "NORTH"};
        posted[0] = Parallel.run(n, threads, capMillis, i -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("externalId", "bench-" + prefix + i);
            body.put("source", "WEBSITE_FORM");
            body.put("companyName", "上海基准测试科技有限公司" + prefix + i);
            body.put("creditCode", creditCode());
            body.put("contactName", "张三");
            body.put("contactPhone", "13912345678");
            body.put("region", regions[i % regions.length]);
            body.put("budgetCny", new BigDecimal("120000"));
            body.put("productInterest", "智能网关");
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/leads"))
                    .header("Content-Type", "application/json").header("X-Api-Key", CHANNEL_KEY)
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                if (bad.incrementAndGet() <= 3) {
                    System.err.println("[bench] intake answered " + response.statusCode() + ": " + response.body());
                }
            }
        }).count();
        return bad.get();
    }

    /**
     * H2 only: SQL statements per lead, {@code n} leads posted one by one and each routed before the next (job
     * acquisition and execution included; the benchmark's own polling left out).
     */
    H2Statements.PerUnit statementsPerLead(int n, long timeoutMillis) {
        H2Statements statements = new H2Statements(context.getBean(javax.sql.DataSource.class), "external_id LIKE");
        String prefix = "s" + SEQ.incrementAndGet() + "-";
        statements.start();
        post(prefix, n, 1, timeoutMillis);
        Parallel.await(() -> count("SELECT COUNT(*) FROM sales_lead WHERE status <> 'NEW' AND external_id LIKE ?", "bench-" + prefix + "%") >= n,
                timeoutMillis, 50);
        return statements.per(n);
    }

    /**
     * Any database: SQL statements (and commits) per lead seen by the JDBC wrapper, {@code n} leads posted one by one,
     * then every one routed (job acquisition and execution included; the benchmark's own polling left out).
     */
    JdbcStatements.PerUnit jdbcStatementsPerLead(int n, long timeoutMillis) {
        Parallel.await(() -> count("SELECT COUNT(*) FROM sales_lead WHERE status = 'NEW'") == 0, timeoutMillis, 50);
        String prefix = "j" + SEQ.incrementAndGet() + "-";
        statements.start();
        post(prefix, n, 1, timeoutMillis);
        Parallel.await(() -> count("SELECT COUNT(*) FROM sales_lead WHERE status <> 'NEW' AND external_id LIKE ?", "bench-" + prefix + "%") >= n,
                timeoutMillis, 50);
        return statements.stop(n);
    }

    // ---------------------------------------------------------------- 3. assignment cost

    record AssignCost(double meanMillis, double p50Millis, double p99Millis, int calls) {
    }

    /**
     * Times {@link LeadAssignment#assign} on the leads of two teams (single thread): {@code warmup} calls on each, then
     * {@code rounds} alternating rounds, each assigning the next share of team A's leads, then of team B's.
     */
    AssignCost[] assignCost(List<String> leadsA, String teamA, List<String> leadsB, String teamB, int warmup, int rounds) {
        LeadAssignment assignment = context.getBean(LeadAssignment.class);
        RoutingDecision routingA = new RoutingDecision("基准 benchmark", teamA, List.of());
        RoutingDecision routingB = new RoutingDecision("基准 benchmark", teamB, List.of());
        for (int i = 0; i < warmup; i++) {
            assignTimed(assignment, leadsA.get(i), routingA);
            assignTimed(assignment, leadsB.get(i), routingB);
        }
        int n = Math.min(leadsA.size(), leadsB.size()) - warmup;
        double[] millisA = new double[n];
        double[] millisB = new double[n];
        int per = Math.max(1, n / rounds);
        for (int from = 0; from < n; from += per) {
            int to = Math.min(n, from + per);
            for (int i = from; i < to; i++) {
                millisA[i] = assignTimed(assignment, leadsA.get(warmup + i), routingA);
            }
            for (int i = from; i < to; i++) {
                millisB[i] = assignTimed(assignment, leadsB.get(warmup + i), routingB);
            }
        }
        return new AssignCost[] {cost(millisA), cost(millisB)};
    }

    private static double assignTimed(LeadAssignment assignment, String lead, RoutingDecision routing) {
        long t = System.nanoTime();
        var result = assignment.assign(lead, routing);
        long d = System.nanoTime() - t;
        if (!result.assigned()) {
            throw new IllegalStateException("benchmark lead " + lead + " was not assigned: " + result.text());
        }
        return d / 1e6;
    }

    private static AssignCost cost(double[] millis) {
        Arrays.sort(millis);
        return new AssignCost(Arrays.stream(millis).average().orElse(Double.NaN), Parallel.quantile(millis, 0.5),
                Parallel.quantile(millis, 0.99), millis.length);
    }

    /**
     * Where an assignment's time goes: mean milliseconds of each workload query of the app's own StaffRepository (called
     * by reflection, as assign() calls it) for the given reps, and of assign() itself. Empty if the repository changed shape.
     */
    Map<String, Double> assignProfile(List<String> reps, String team, int iterations) {
        Map<String, Double> profile = new LinkedHashMap<>();
        try {
            Class<?> type = Class.forName("org.leadtocash.lead.StaffRepository");
            Object staff = context.getBean(type);
            java.lang.reflect.Method ranked = type.getDeclaredMethod("ranked", String.class, int.class, java.time.LocalDate.class, int.class);
            java.lang.reflect.Method travelling = type.getDeclaredMethod("travelling", String.class, java.time.LocalDate.class, int.class);
            java.lang.reflect.Method overloaded = type.getDeclaredMethod("overloaded", String.class, int.class, java.time.LocalDate.class,
                    int.class);
            java.lang.reflect.Method retire = type.getDeclaredMethod("retireDealsBefore", Instant.class);
            for (java.lang.reflect.Method m : List.of(ranked, travelling, overloaded, retire)) {
                m.setAccessible(true);
            }
            Instant since = Instant.now().minus(Duration.ofDays(7));
            int shown = 10;
            int max = 8;
            // H2 reuses a query's last result while its tables are unchanged; assign() writes between its reads, so do we
            String someLead = jdbc.queryForObject("SELECT MIN(id) FROM sales_lead", String.class);
            String someRep = reps.get(0);
            Runnable touch = () -> {
                jdbc.update("UPDATE sales_lead SET contact_attempts = contact_attempts WHERE id = ?", someLead);
                jdbc.update("UPDATE sales_staff SET mobile = mobile WHERE user_id = ?", someRep);
            };
            java.time.LocalDate today = java.time.LocalDate.now();
            profile.put("ranked", time(iterations, touch, i -> ranked.invoke(staff, team, max, today, shown)));
            profile.put("travelling", time(iterations, touch, i -> travelling.invoke(staff, team, today, shown)));
            profile.put("overloaded", time(iterations, touch, i -> overloaded.invoke(staff, team, max, today, shown)));
            profile.put("retireDealsBefore", time(iterations, touch, i -> retire.invoke(staff, since)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("[bench] assignment profile unavailable: " + e);
            profile.clear();
        }
        return profile;
    }

    private static double time(int iterations, Runnable touch, Parallel.Task call) {
        try {
            for (int i = 0; i < Math.max(5, iterations / 5); i++) {
                touch.run();
                call.run(i);
            }
            long total = 0;
            for (int i = 0; i < iterations; i++) {
                touch.run();
                long start = System.nanoTime();
                call.run(i);
                total += System.nanoTime() - start;
            }
            return total / 1e6 / iterations;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- 4. many escalation timers due at once

    record Drain(int timers, double seconds, double perSecond, long delivered, long duplicates, long failed,
                 long incidents, double createSeconds, boolean timedOut, int maxAwaitingConnection, int poolSize,
                 long jobFailures) {
    }

    /**
     * {@code n} leads waiting for first contact whose 4 h timer is due already: instances started at the first-contact
     * sub-process with the job executor stopped, then the job executor started; time until the voice-call reminder of
     * every lead is in the delivery log.
     */
    Drain escalationDrain(int max, int threads, String assignee, long createCapMillis, long timeoutMillis, long stallMillis) {
        JobExecutor jobExecutor = jobExecutor();
        jobExecutor.shutdown();
        String prefix = "TMR" + SEQ.incrementAndGet() + "-";
        List<String> leads = addLeads(prefix, max, List.of(assignee), "EAST");
        Date due = new Date();
        Parallel.Done created = Parallel.run(max, threads, createCapMillis, i -> waitingForContact(leads.get(i), assignee, due));
        int n = created.count();
        long create = created.nanos();
        String delivered = "SELECT COUNT(DISTINCT business_key) FROM notification_delivery WHERE channel = 'VOICE_CALL' "
                + "AND status <> 'FAILED' AND business_key LIKE ?";
        com.zaxxer.hikari.HikariPoolMXBean pool = hikariPool();
        int[] maxAwaiting = {0};
        long failuresBefore = engine.getHistoryService().createHistoricJobLogQuery().failureLog().count();
        long start = System.nanoTime();
        long[] progress = {0, start};
        jobExecutor.start();
        long end = Parallel.await(() -> {
            if (pool != null) {
                maxAwaiting[0] = Math.max(maxAwaiting[0], pool.getThreadsAwaitingConnection());
            }
            long c = count(delivered, prefix + "%");
            long now = System.nanoTime();
            if (c > progress[0]) {
                progress[0] = c;
                progress[1] = now;
            }
            // done, or stalled: nothing delivered for stallMillis (failed jobs wait for their retry)
            return c >= n || now - progress[1] > stallMillis * 1_000_000L;
        }, timeoutMillis, 200);
        // the rate counts up to the last delivery seen
        double seconds = Parallel.seconds(progress[1] - start);
        long distinct = count(delivered, prefix + "%");
        long rows = count("SELECT COUNT(*) FROM notification_delivery WHERE channel = 'VOICE_CALL' AND status <> 'FAILED' "
                + "AND business_key LIKE ?", prefix + "%");
        long failed = count("SELECT COUNT(*) FROM notification_delivery WHERE status = 'FAILED' AND business_key LIKE ?", prefix + "%");
        long incidents = engine.getRuntimeService().createIncidentQuery().count();
        long jobFailures = engine.getHistoryService().createHistoricJobLogQuery().failureLog().count() - failuresBefore;
        return new Drain(n, seconds, distinct / seconds, distinct, rows - distinct, failed, incidents, Parallel.seconds(create),
                end < 0 || distinct < n,
                maxAwaiting[0], poolSize(), jobFailures);
    }

    private com.zaxxer.hikari.HikariPoolMXBean hikariPool() {
        try {
            return context.getBean(javax.sql.DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class).getHikariPoolMXBean();
        } catch (java.sql.SQLException | RuntimeException e) {
            return null;
        }
    }

    private int poolSize() {
        try {
            return context.getBean(javax.sql.DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class).getMaximumPoolSize();
        } catch (java.sql.SQLException | RuntimeException e) {
            return -1;
        }
    }

    /** A lead's instance at the first-contact sub-process (as after routing), its 4 h reminder due at {@code due}. */
    private String waitingForContact(String leadId, String assignee, Date due) {
        Instant created = due.toInstant().minus(Duration.ofHours(4));
        Map<String, Object> vars = new HashMap<>();
        vars.put(LeadRoutingProcess.Vars.LEAD_ID, leadId);
        vars.put(LeadRoutingProcess.Vars.SOURCE, "WEBSITE_FORM");
        vars.put(LeadRoutingProcess.Vars.COMPANY_NAME, "基准客户" + leadId);
        vars.put(LeadRoutingProcess.Vars.CONTACT_NAME, "张三");
        vars.put(LeadRoutingProcess.Vars.CONTACT_PHONE, "13912345678");
        vars.put(LeadRoutingProcess.Vars.REGION, "EAST");
        vars.put(LeadRoutingProcess.Vars.BUDGET_CNY, 120000.0);
        vars.put(LeadRoutingProcess.Vars.UNASSIGNED_ESCALATION_AT, Date.from(created.plus(Duration.ofHours(2))));
        vars.put(LeadRoutingProcess.Vars.FIRST_CONTACT_ESCALATION_AT, due);
        vars.put(LeadRoutingProcess.Vars.CONTACT_ATTEMPTS, 0);
        vars.put(LeadRoutingProcess.Vars.ASSIGNEE, assignee);
        vars.put(LeadRoutingProcess.Vars.LEAD_ASSIGNED, true);
        vars.put(LeadRoutingProcess.Vars.ROUTING_EXPLANATION, "基准 benchmark");
        String pi = engine.getRuntimeService().createProcessInstanceByKey(LeadRoutingProcess.KEY).businessKey(leadId)
                .setVariables(vars).startBeforeActivity(LeadRoutingProcess.SubProcess.FIRST_CONTACT).execute().getId();
        // the drawn reminder counts from the instance's start (now): move it to the due time this lead is meant to have
        var reminder = engine.getManagementService().createJobQuery().processInstanceId(pi).timers()
                .activityId(LeadRoutingProcess.Event.FOUR_HOURS_NO_CONTACT).singleResult();
        engine.getManagementService().setJobDuedate(reminder.getId(), due);
        jdbc.update("UPDATE sales_lead SET process_instance_id = ? WHERE id = ?", pi, leadId);
        return pi;
    }

    // ---------------------------------------------------------------- 5. lateness after idle

    record Lateness(int timers, double p50, double p99, double max, double timerP50, double timerMax, int missing) {
    }

    /**
     * Waits until the job executor has nothing due, stays idle {@code idleMillis}, then creates {@code n} leads whose
     * 4 h reminders come due one by one between {@code firstMillis} and {@code lastMillis} from now. Lateness = the
     * delivery log's attempted_at (the reminder recorded) − due; also the boundary timer's own firing (history) − due.
     */
    Lateness lateness(int n, long idleMillis, long firstMillis, long lastMillis, String assignee) {
        var management = engine.getManagementService();
        Parallel.await(() -> management.createJobQuery().executable().count() == 0, 120_000, 250);
        Parallel.sleep(idleMillis);
        String prefix = "LAT" + SEQ.incrementAndGet() + "-";
        List<String> leads = addLeads(prefix, n, List.of(assignee), "EAST");
        Instant base = Instant.now();
        Map<String, Instant> due = new ConcurrentHashMap<>();
        Map<String, String> pis = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Instant at = base.plusMillis(firstMillis + (lastMillis - firstMillis) * i / Math.max(1, n - 1));
            due.put(leads.get(i), at);
            pis.put(leads.get(i), waitingForContact(leads.get(i), assignee, Date.from(at)));
        }
        Parallel.await(() -> count("SELECT COUNT(DISTINCT business_key) FROM notification_delivery WHERE channel = 'VOICE_CALL' "
                + "AND status <> 'FAILED' AND business_key LIKE ?", prefix + "%") >= n, lastMillis + 60_000, 200);
        Map<String, Instant> sent = new HashMap<>();
        jdbc.query("SELECT business_key, attempted_at FROM notification_delivery WHERE channel = 'VOICE_CALL' AND status <> 'FAILED' "
                + "AND business_key LIKE ?", rs -> {
                    sent.merge(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(), (a, b) -> a.isBefore(b) ? a : b);
                }, prefix + "%");
        List<Double> late = new ArrayList<>();
        List<Double> timerLate = new ArrayList<>();
        for (String lead : leads) {
            Instant at = sent.get(lead);
            if (at != null) {
                late.add(Duration.between(due.get(lead), at).toMillis() / 1000.0);
            }
            var fired = engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(pis.get(lead))
                    .activityId(LeadRoutingProcess.Event.FOUR_HOURS_NO_CONTACT).list();
            if (!fired.isEmpty()) {
                timerLate.add(Duration.between(due.get(lead), fired.get(0).getStartTime().toInstant()).toMillis() / 1000.0);
            }
        }
        double[] l = late.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] t = timerLate.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Lateness(n, Parallel.quantile(l, 0.5), Parallel.quantile(l, 0.99), l.length == 0 ? Double.NaN : l[l.length - 1],
                Parallel.quantile(t, 0.5), t.length == 0 ? Double.NaN : t[t.length - 1], n - l.length);
    }

    /** The benchmark's own queries: never counted as the app's statements. */
    long count(String sql, Object... args) {
        Long c = JdbcStatements.ignoring(() -> jdbc.queryForObject(sql, Long.class, args));
        return c == null ? 0 : c;
    }

    @Override
    public void close() {
        context.close();
    }
}
