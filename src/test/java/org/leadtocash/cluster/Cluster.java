package org.leadtocash.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.leadtocash.LeadToCashApplication;
import org.leadtocash.standin.U8StandIn;
import org.leadtocash.support.ChildNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Two application nodes with their job executors on, sharing one embedded PostgreSQL 17 — Camunda's own cluster model
 * (nodes share the database; each acquires jobs by locking them there for {@code lock-time-in-millis}).
 * <ul>
 * <li><b>Node A</b> runs in this test JVM ({@link SpringApplicationBuilder}, postgres profile, its own process-engine
 * name, webapps off as in {@code PostgresProfileTests}): the tests create data through its beans and read its engine.
 * It is the node that survives.</li>
 * <li><b>Node B</b> is a separate JVM ({@link ChildNode}) on the same class path, so it can be killed for real: SIGKILL
 * takes its threads, its open transactions and its HTTP calls down mid-flight, which no in-JVM context close does
 * (that runs shutdown hooks and lets the job executor finish).</li>
 * </ul>
 * Both nodes get the application's own job-executor settings ({@code application.yaml}: acquire by due date, timers
 * first, bounded idle waits) with a lock time of {@value #LOCK_TIME_MILLIS} ms instead of two minutes, so the jobs of a
 * killed node are taken over within seconds; the notification and U8 claim time-outs are shortened to match.
 * A node's DingTalk, voice-call and U8 URLs name it, so the local stand-ins know which node every call came from.
 * Node B is started after node A has created the schema (the engine's schema update is not safe to run twice at once).
 * Node B's output and each test class's measured figures go to {@code target/cluster-logs/}.
 */
final class Cluster implements AutoCloseable {
    static final String A = "nodeA";
    static final String B = "nodeB";
    static final long LOCK_TIME_MILLIS = 10_000;
    static final String ADMIN_PASSWORD = "Cluster-Admin-Pw-2026!";
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    /** One row of ACT_RU_JOB with the activity of its job definition. */
    record JobRow(String id, String type, int retries, Date due, String lockOwner, Date lockExpires, String exception,
                  String processInstanceId, String activityId, boolean suspended) {
        @Override
        public String toString() {
            return type + " job " + id + " at " + activityId + " of " + processInstanceId + " (retries " + retries + ", due "
                    + due + (suspended ? ", suspended" : "")
                    + (lockOwner == null ? "" : ", locked by " + lockOwner + " until " + lockExpires)
                    + (exception == null ? "" : ", failed: " + exception) + ")";
        }
    }

    /**
     * Loggers of node A turned down while the cluster runs (node B logs to its file): every expected job failure would
     * otherwise print two stack traces, and every notification an INFO line. Failures a test did not expect show up
     * in its assertions (the job log, the incidents).
     */
    private static final Map<String, LogLevel> QUIET = Map.of(
            "org.camunda.bpm.engine.context", LogLevel.OFF,
            "org.camunda.bpm.engine.jobexecutor", LogLevel.ERROR,
            "org.leadtocash", LogLevel.WARN,
            "org.leadtocash.cluster", LogLevel.INFO,
            "io.zonky.test.db.postgres", LogLevel.WARN);

    private final String name;
    private final Map<String, LogLevel> loudLevels = new LinkedHashMap<>();
    private final NotificationPeers peers;
    private final U8StandIn u8;
    private final Map<String, String> overrides;
    private EmbeddedPostgres postgres;
    private ConfigurableApplicationContext nodeA;
    private ChildNode nodeB;
    private int starts;

    private Cluster(String name, NotificationPeers peers, U8StandIn u8, Map<String, String> overrides) {
        this.name = name;
        this.peers = peers;
        this.u8 = u8;
        this.overrides = overrides;
    }

    /**
     * Starts PostgreSQL, node A, then node B, and waits until both are up.
     *
     * @param overrides properties that replace or add to the cluster settings, for both nodes
     */
    static Cluster start(String name, NotificationPeers peers, U8StandIn u8, Map<String, String> overrides) throws IOException {
        Cluster cluster = new Cluster(name, peers, u8, overrides);
        // the fixtures make a fresh customer for every quote
        u8.knowEveryCustomer();
        u8.sellerTaxNumber(Fixtures.TAX_NUMBER);
        // the engine clock is static per JVM: a test class before this one must not have left it moved
        ClockUtil.reset();
        try {
            long t0 = System.nanoTime();
            cluster.postgres = EmbeddedPostgres.builder().start();
            long t1 = System.nanoTime();
            cluster.nodeA = new SpringApplicationBuilder(LeadToCashApplication.class).profiles("postgres")
                    .run(cluster.args(A).toArray(String[]::new));
            cluster.quietLogs();
            // many open leads per rep: the escalation tests assign hundreds of leads to a handful of reps (the owner's
            // capacity in bpmn/lead-policy.dmn, deployed to the shared database before node B starts)
            org.leadtocash.support.LeadPolicyDeployment.deploy(
                    cluster.nodeA.getBean(org.camunda.bpm.engine.RepositoryService.class), 100000, 7);
            long t2 = System.nanoTime();
            cluster.startB();
            long t3 = System.nanoTime();
            log.info("{}: PostgreSQL up in {} ms, node A in {} ms, node B (pid {}) in {} ms", name, (t1 - t0) / 1_000_000,
                    (t2 - t1) / 1_000_000, cluster.nodeB.pid(), (t3 - t2) / 1_000_000);
            return cluster;
        } catch (RuntimeException | IOException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** Starts node B again if it is not running (after a test killed it). */
    void ensureB() throws IOException {
        if (nodeB != null && nodeB.alive()) {
            return;
        }
        if (nodeB != null) {
            nodeB.close();
        }
        long t0 = System.nanoTime();
        startB();
        log.info("{}: node B restarted (pid {}) in {} ms", name, nodeB.pid(), (System.nanoTime() - t0) / 1_000_000);
    }

    private void startB() throws IOException {
        List<String> args = new ArrayList<>(args(B));
        args.add("--spring.profiles.active=postgres");
        nodeB = ChildNode.start(B, args, Path.of("target", "cluster-logs", name + "-" + B + "-" + (++starts) + ".log"));
        nodeB.awaitUp(Duration.ofSeconds(180));
    }

    private void quietLogs() {
        LoggingSystem logging = LoggingSystem.get(Cluster.class.getClassLoader());
        QUIET.forEach((logger, level) -> {
            LoggerConfiguration before = logging.getLoggerConfiguration(logger);
            loudLevels.put(logger, before == null ? null : before.getConfiguredLevel());
            logging.setLogLevel(logger, level);
        });
    }

    private void restoreLogs() {
        LoggingSystem logging = LoggingSystem.get(Cluster.class.getClassLoader());
        loudLevels.forEach(logging::setLogLevel);
        loudLevels.clear();
    }

    /** The command-line properties of a node. */
    List<String> args(String node) {
        Map<String, String> p = new LinkedHashMap<>();
        if (node.equals(A)) {
            p.put("server.port", "0"); // node B gets a free port of its own from ChildNode
        }
        p.put("DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
        p.put("DB_USER", "postgres");
        p.put("DB_PASSWORD", "postgres");
        p.put("camunda.bpm.admin-user.id", "opsadmin");
        p.put("camunda.bpm.admin-user.password", ADMIN_PASSWORD);
        p.put("leadtocash.security.channel-keys.WEBSITE_FORM", "cluster-website-key-0001");
        p.put("leadtocash.security.channel-keys.TRADE_SHOW_QR", "cluster-tradeshow-key-0001");
        p.put("leadtocash.security.channel-keys.PHONE_CALL", "cluster-phone-key-0001");
        p.put("spring.jmx.enabled", "false");
        // its own engine name: closing node A must not unregister the shared test context's "default" engine
        p.put("camunda.bpm.process-engine-name", "cluster" + node);
        // the webapps keep static singletons per JVM (see PostgresProfileTests)
        p.put("camunda.bpm.webapp.enabled", "false");
        p.put("camunda.bpm.job-execution.enabled", "true");
        p.put("camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(LOCK_TIME_MILLIS));
        // the one address users open in front of all nodes: production refuses a robot without it
        p.put("leadtocash.notify.public-base-url", "https://crm.example.cn");
        p.put("leadtocash.notify.dingtalk.webhook-url", peers.dingTalkUrl(node));
        p.put("leadtocash.notify.dingtalk.secret", NotificationPeers.DINGTALK_SECRET);
        p.put("leadtocash.notify.dingtalk.request-timeout", "PT2S");
        p.put("leadtocash.notify.voice.url", peers.voiceUrl(node));
        p.put("leadtocash.notify.voice.api-key", NotificationPeers.VOICE_API_KEY);
        p.put("leadtocash.notify.voice.request-timeout", "PT2S");
        // a dead node's send claim is taken over after 6 s (a live send ends within the 2 s request time-out)
        p.put("leadtocash.notify.claim-timeout", "PT6S");
        p.put("leadtocash.notify.claim-wait", "PT5S");
        p.put("leadtocash.erp.u8.base-url", u8.url(node));
        p.put("leadtocash.erp.u8.from-account", U8StandIn.FROM);
        p.put("leadtocash.erp.u8.to-account", U8StandIn.TO);
        p.put("leadtocash.erp.u8.app-key", U8StandIn.APP_KEY);
        p.put("leadtocash.erp.u8.app-secret", U8StandIn.APP_SECRET);
        p.put("leadtocash.erp.u8.connect-timeout", "PT1S");
        p.put("leadtocash.erp.u8.request-timeout", "PT2S");
        // claim-timeout ≥ 5 × request-timeout, as U8Properties demands
        p.put("leadtocash.erp.u8.claim-timeout", "PT10S");
        p.put("leadtocash.erp.u8.claim-wait", "PT8S");
        p.putAll(overrides);
        return p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).collect(Collectors.toList());
    }

    /** Logs a measured figure and appends it to {@code target/cluster-logs/<test class>-figures.txt}. */
    void figure(String format, Object... args) {
        String line = MessageFormatter.arrayFormat(format, args).getMessage();
        log.info("{}: {}", name, line);
        try {
            Path file = Path.of("target", "cluster-logs", name + "-figures.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, Instant.now() + " " + line + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.warn("could not write the figures file", e);
        }
    }

    // --- access --------------------------------------------------------------------------------------------------

    ProcessEngine engine() {
        return nodeA.getBean(ProcessEngine.class);
    }

    JdbcClient jdbc() {
        return nodeA.getBean(JdbcClient.class);
    }

    <T> T bean(Class<T> type) {
        return nodeA.getBean(type);
    }

    ChildNode nodeB() {
        return nodeB;
    }

    /** The lock owner of node A's job executor. */
    String lockOwnerA() {
        return ((ProcessEngineConfigurationImpl) engine().getProcessEngineConfiguration()).getJobExecutor().getLockOwner();
    }

    /** Kills node B hard (SIGKILL) and returns the lock owners its job executor used. */
    Set<String> killB() {
        nodeB.kill();
        String a = lockOwnerA();
        return jobs().stream().map(JobRow::lockOwner).filter(o -> o != null && !o.equals(a)).collect(Collectors.toSet());
    }

    // --- jobs and incidents ---------------------------------------------------------------------------------------

    List<JobRow> jobs() {
        return jdbc().sql("SELECT j.ID_, j.TYPE_, j.RETRIES_, j.DUEDATE_, j.LOCK_OWNER_, j.LOCK_EXP_TIME_, j.EXCEPTION_MSG_,"
                        + " j.PROCESS_INSTANCE_ID_, d.ACT_ID_, j.SUSPENSION_STATE_"
                        + " FROM ACT_RU_JOB j LEFT JOIN ACT_RU_JOBDEF d ON d.ID_ = j.JOB_DEF_ID_"
                        // the engine's nightly history cleanup job and the timers that start scheduled processes (the daily
                        // follow-up reminder policy) are housekeeping, not work the test produced
                        + " WHERE j.HANDLER_TYPE_ IS NULL OR j.HANDLER_TYPE_ NOT IN ('history-cleanup', 'timer-start-event')")
                .query((rs, i) -> new JobRow(rs.getString(1), rs.getString(2), rs.getInt(3), date(rs.getTimestamp(4)),
                        rs.getString(5), date(rs.getTimestamp(6)), rs.getString(7), rs.getString(8), rs.getString(9),
                        rs.getInt(10) == 2))
                .list();
    }

    /** Jobs that are due now and may run: what the job executors still have to do. */
    List<JobRow> dueJobs() {
        Date now = new Date();
        return jobs().stream().filter(j -> !j.suspended() && j.retries() > 0 && (j.due() == null || !j.due().after(now)))
                .toList();
    }

    /** Failed job executions in the job log (job, activity, message), across both nodes. */
    List<String> failedJobExecutions() {
        return jdbc().sql("SELECT JOB_ID_, ACT_ID_, JOB_EXCEPTION_MSG_ FROM ACT_HI_JOB_LOG WHERE JOB_STATE_ = 1")
                .query((rs, i) -> rs.getString(1) + " at " + rs.getString(2) + ": " + rs.getString(3)).list();
    }

    List<Incident> incidents() {
        return engine().getRuntimeService().createIncidentQuery().list();
    }

    /**
     * Failed jobs wait a minute for their next retry (the diagrams' {@code R5/PT1M}); this makes the ones that are not
     * locked due now instead, as an operator's "retry now" would, so a test need not wait the minutes out. Returns how
     * many it moved.
     */
    int hurryRetries() {
        List<String> ids = jdbc().sql("SELECT ID_ FROM ACT_RU_JOB WHERE RETRIES_ > 0 AND EXCEPTION_MSG_ IS NOT NULL"
                        + " AND DUEDATE_ > ? AND (LOCK_EXP_TIME_ IS NULL OR LOCK_EXP_TIME_ < ?)")
                .params(new Timestamp(System.currentTimeMillis()), new Timestamp(System.currentTimeMillis()))
                .query(String.class).list();
        int moved = 0;
        for (String id : ids) {
            try {
                engine().getManagementService().setJobDuedate(id, new Date());
                moved++;
            } catch (RuntimeException raced) {
                // executed or changed meanwhile
            }
        }
        return moved;
    }

    /**
     * Nothing lost or stuck silently: every job left is a timer due in the future (a later escalation), or has no
     * retries left and an incident in Cockpit; no job is due with retries left (waiting for a node); no job is still
     * locked by a dead node; no job waits for a retry.
     */
    List<String> stuck(Collection<String> deadLockOwners) {
        Date now = new Date();
        Set<String> withIncident = incidents().stream().map(Incident::getConfiguration).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (JobRow j : jobs()) {
            if (j.suspended()) {
                problems.add("suspended: " + j);
            }
            if (j.lockOwner() != null && deadLockOwners.contains(j.lockOwner())) {
                problems.add("still locked by a dead node: " + j);
            }
            if (j.retries() > 0) {
                if (j.due() == null || !j.due().after(now)) {
                    problems.add("due and not executed: " + j);
                } else if (j.exception() != null) {
                    problems.add("waiting for a retry: " + j);
                } else if (!"timer".equals(j.type())) {
                    problems.add("not a timer, yet due later: " + j);
                }
            } else if (!withIncident.contains(j.id())) {
                problems.add("no retries left and no incident: " + j);
            }
        }
        return problems;
    }

    private static Date date(Timestamp t) {
        return t == null ? null : new Date(t.getTime());
    }

    /** Closes the nodes, then the local HTTP peers, whichever of them were started (for a test class's @AfterAll). */
    static void stop(Cluster cluster, NotificationPeers peers, U8StandIn u8) {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (peers != null) {
                peers.close();
            }
            if (u8 != null) {
                u8.close();
            }
        }
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        if (nodeB != null) {
            try {
                nodeB.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (nodeA != null) {
            try {
                nodeA.close();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException | RuntimeException e) {
                log.warn("closing the embedded PostgreSQL failed", e);
            }
        }
        restoreLogs();
        ClockUtil.reset();
        if (failure != null) {
            throw failure;
        }
    }
}
