package org.leadtocash.bench;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Date;
import java.util.Map;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.CallerRunsRejectedJobsHandler;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The yardstick: a plain {@link StandaloneProcessEngineConfiguration} (no Spring, no application code) on the same
 * database, with the application's engine settings where they are engine settings: history full, UUID ids, a pool of
 * 10 connections, the job executor acquiring by due date and preferring timers, waits 500 ms / 1000 ms, the same pool
 * sizes as the Spring Boot starter (3 core, 10 max, queue 3, 3 jobs per acquisition), the same due-date index; rejected
 * job batches run in the acquisition thread ({@code -Dbench.bare.rejectedJobs=notify} for Camunda's default handler).
 */
final class BareEngine implements AutoCloseable {
    static final String YARDSTICK = "benchYardstick";
    static final String TIMER = "benchTimer";

    final ProcessEngine engine;
    final long bootNanos;
    private final ProcessEngineConfigurationImpl configuration;
    private final HikariDataSource dataSource;

    private BareEngine(ProcessEngine engine, ProcessEngineConfigurationImpl configuration, HikariDataSource dataSource, long bootNanos) {
        this.engine = engine;
        this.configuration = configuration;
        this.dataSource = dataSource;
        this.bootNanos = bootNanos;
    }

    static BareEngine boot(String name, String jdbcUrl, String user, String password) {
        long start = System.nanoTime();
        HikariDataSource dataSource = pool(name, jdbcUrl, user, password);

        StandaloneProcessEngineConfiguration c = configuration(name, dataSource);
        ProcessEngine engine = c.buildProcessEngine();
        dueDateIndex(dataSource);
        engine.getRepositoryService().createDeployment().name("bench")
                .addModelInstance(YARDSTICK + ".bpmn", yardstickProcess())
                .addModelInstance(TIMER + ".bpmn", timerProcess())
                .deploy();
        return new BareEngine(engine, c, dataSource, System.nanoTime() - start);
    }

    /** The engine settings described above, on this data source (the caller builds the engine). */
    static StandaloneProcessEngineConfiguration configuration(String name, DataSource dataSource) {
        StandaloneProcessEngineConfiguration c = new StandaloneProcessEngineConfiguration();
        c.setProcessEngineName(name);
        c.setDataSource(dataSource);
        c.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        c.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        c.setIdGenerator(new StrongUuidGenerator());
        c.setJobExecutorActivate(false);
        c.setJobExecutorAcquireByDueDate(true);
        c.setJobExecutorPreferTimerJobs(true);
        c.setEnsureJobDueDateNotNull(true);
        DefaultJobExecutor jobExecutor = new DefaultJobExecutor();
        jobExecutor.setWaitTimeInMillis(500);
        jobExecutor.setMaxWait(1000);
        jobExecutor.setLockTimeInMillis(120_000);
        jobExecutor.setCorePoolSize(3);
        jobExecutor.setMaxPoolSize(10);
        jobExecutor.setQueueSize(3);
        jobExecutor.setMaxJobsPerAcquisition(3);
        if (!"notify".equals(System.getProperty("bench.bare.rejectedJobs"))) {
            // Camunda's default (NotifyAcquisitionRejectedJobsHandler) resubmits rejected batches; on this 2-core machine,
            // saturated, that loop resubmitted finished jobs millions of times (≈2 timers/s). Caller-runs is the
            // engine's other stock handler: the acquisition thread runs a rejected batch itself (back-pressure).
            jobExecutor.setRejectedJobsHandler(new CallerRunsRejectedJobsHandler());
        }
        c.setJobExecutor(jobExecutor);
        return c;
    }

    /** A Hikari pool of 10 connections, as the app's. */
    static HikariDataSource pool(String name, String jdbcUrl, String user, String password) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(jdbcUrl);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(10);
        hikari.setPoolName(name);
        return new HikariDataSource(hikari);
    }

    /** start → no-op service task → user task with a (4 h, non-interrupting) boundary timer. */
    static BpmnModelInstance yardstickProcess() {
        return Bpmn.createExecutableProcess(YARDSTICK).camundaHistoryTimeToLive(180)
                .startEvent("start")
                .serviceTask("noop").camundaClass(NoOpDelegate.class.getName())
                .userTask("work").camundaAssignee("someone")
                .boundaryEvent("sla").cancelActivity(false).timerWithDuration("PT4H")
                .endEvent("slaEnd")
                .moveToActivity("work").endEvent("end")
                .done();
    }

    /** start → user task with a non-interrupting boundary timer due at ${dueAt} → no-op service task → end. */
    static BpmnModelInstance timerProcess() {
        return Bpmn.createExecutableProcess(TIMER).camundaHistoryTimeToLive(180)
                .startEvent("start")
                .userTask("wait").camundaAssignee("someone")
                .boundaryEvent("due").cancelActivity(false).timerWithDate("${dueAt}")
                .serviceTask("escalate").camundaClass(NoOpDelegate.class.getName())
                .endEvent("escalated")
                .moveToActivity("wait").endEvent("end")
                .done();
    }

    static void dueDateIndex(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE INDEX IF NOT EXISTS L2C_IDX_JOB_DUEDATE ON ACT_RU_JOB (DUEDATE_)");
        } catch (Exception e) {
            throw new IllegalStateException("due-date index", e);
        }
    }

    /** Starts the yardstick process: warm-up, then {@code n} measured starts on {@code threads} threads; PI/s. */
    double throughput(int warmup, int n, int threads, long capMillis) {
        var runtime = engine.getRuntimeService();
        String run = "r" + System.nanoTime() + "-";
        Parallel.run(warmup, threads, capMillis, i -> runtime.startProcessInstanceByKey(YARDSTICK, run + "warm-" + i));
        Parallel.Done done = Parallel.run(n, threads, capMillis, i -> runtime.startProcessInstanceByKey(YARDSTICK, run + i));
        return done.count() / Parallel.seconds(done.nanos());
    }

    /** H2 only: SQL statements per yardstick instance, {@code n} started on one thread. */
    H2Statements.PerUnit statementsPerInstance(int n) {
        H2Statements statements = new H2Statements(dataSource, null);
        statements.start();
        var runtime = engine.getRuntimeService();
        for (int i = 0; i < n; i++) {
            runtime.startProcessInstanceByKey(YARDSTICK, "stmt-" + System.nanoTime() + "-" + i);
        }
        return statements.per(n);
    }

    record Drain(int timers, double seconds, double perSecond, long fired, long duplicates, double createSeconds) {
    }

    /** {@code n} timers all due before the job executor starts; time until every one has fired. */
    Drain drainTimers(int max, int threads, long createCapMillis, long timeoutMillis) {
        var runtime = engine.getRuntimeService();
        Date due = new Date();
        Parallel.Done created = Parallel.run(max, threads, createCapMillis,
                i -> runtime.startProcessInstanceByKey(TIMER, "t-" + i, Map.of("dueAt", due)));
        int n = created.count();
        long create = created.nanos();
        var management = engine.getManagementService();
        JobExecutor jobExecutor = configuration.getJobExecutor();
        jobExecutor.registerProcessEngine((ProcessEngineImpl) engine);
        long start = System.nanoTime();
        jobExecutor.start();
        long end = Parallel.await(() -> management.createJobQuery().processDefinitionKey(TIMER).timers().count() == 0,
                timeoutMillis, 100);
        long drained = (end < 0 ? System.nanoTime() : end) - start;
        jobExecutor.shutdown();
        long fired = engine.getHistoryService().createHistoricActivityInstanceQuery().activityId("escalate").count();
        double seconds = Parallel.seconds(drained);
        return new Drain(n, seconds, Math.min(fired, n) / seconds, fired, Math.max(0, fired - n), Parallel.seconds(create));
    }

    @Override
    public void close() {
        JobExecutor jobExecutor = configuration.getJobExecutor();
        if (jobExecutor.isActive()) {
            jobExecutor.shutdown();
        }
        if (jobExecutor.hasRegisteredEngine((ProcessEngineImpl) engine)) {
            jobExecutor.unregisterProcessEngine((ProcessEngineImpl) engine);
        }
        engine.close();
        dataSource.close();
    }
}
