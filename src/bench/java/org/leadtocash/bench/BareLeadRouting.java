package org.leadtocash.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.LeadRoutingProcess.Vars;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The engine's own cost for our lead model: the SHIPPED {@code bpmn/lead-routing.bpmn} with its decisions
 * ({@code lead-routing.dmn}, evaluated by the diagram's business rule task with decision history, and
 * {@code lead-policy.dmn}, evaluated per assignment as the app does: parsed once, stand-alone DMN engine) and its forms,
 * on a bare {@link StandaloneProcessEngineConfiguration} with {@link BareEngine}'s settings and the job executor on.
 * The diagram's delegate expressions resolve to no-op delegates that only set the variables the diagram itself reads
 * (deadlines at registration; assignee, leadAssigned, routingExplanation at assignment), with the values the app
 * would set; no application table is touched. Each instance starts with the variables the app's intake passes.
 */
final class BareLeadRouting implements AutoCloseable {
    static final List<String> RESOURCES = List.of("bpmn/lead-routing.bpmn", "bpmn/lead-routing.dmn", "bpmn/lead-policy.dmn",
            "forms/lead-phone-intake.form", "forms/assign-lead.form", "forms/first-contact.form");
    private static final AtomicInteger SEQ = new AtomicInteger();

    final ProcessEngine engine;
    final JdbcStatements statements;
    private final StandaloneProcessEngineConfiguration configuration;
    private final HikariDataSource pool;

    private BareLeadRouting(ProcessEngine engine, StandaloneProcessEngineConfiguration configuration, HikariDataSource pool,
                            JdbcStatements statements) {
        this.engine = engine;
        this.configuration = configuration;
        this.pool = pool;
        this.statements = statements;
    }

    static BareLeadRouting boot(String name, String jdbcUrl, String user, String password) {
        HikariDataSource pool = BareEngine.pool(name, jdbcUrl, user, password);
        JdbcStatements statements = new JdbcStatements();
        StandaloneProcessEngineConfiguration c = BareEngine.configuration(name, statements.wrap(pool));
        DmnEngine dmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DmnDecision[] policy = new DmnDecision[1];
        JavaDelegate noOp = execution -> {
        };
        JavaDelegate register = execution -> {
            Instant created = Instant.now();
            Map<String, Object> vars = new HashMap<>();
            vars.put(Vars.UNASSIGNED_ESCALATION_AT, Date.from(created.plus(Duration.ofHours(2))));
            vars.put(Vars.FIRST_CONTACT_ESCALATION_AT, Date.from(created.plus(Duration.ofHours(4))));
            execution.setVariables(vars);
        };
        JavaDelegate assign = execution -> {
            Object max = dmn.evaluateDecision(policy[0], Map.of("region", execution.getVariable(Vars.REGION)))
                    .getFirstResult().get("maxOpenLeads");
            if (max == null) {
                throw new IllegalStateException("lead-policy.dmn gave no maxOpenLeads");
            }
            execution.setVariable(Vars.ASSIGNEE, "bench-rep");
            execution.setVariable(Vars.LEAD_ASSIGNED, true);
            execution.setVariable(Vars.ROUTING_EXPLANATION, "基准 benchmark: 1 of 10 reps, 0 open leads");
        };
        Map<Object, Object> beans = new HashMap<>();
        for (String delegate : List.of("recordManualAssignmentDelegate", "notifyManagerUnassignedDelegate",
                "recordContactAttemptDelegate", "voiceCallReminderDelegate")) {
            beans.put(delegate, noOp);
        }
        beans.put("registerLeadDelegate", register);
        beans.put("assignLeadDelegate", assign);
        c.setBeans(beans);
        ProcessEngine engine = c.buildProcessEngine();
        BareEngine.dueDateIndex(pool);
        DeploymentBuilder deployment = engine.getRepositoryService().createDeployment().name("lead-routing");
        for (String resource : RESOURCES) {
            deployment.addString(resource.substring(resource.indexOf('/') + 1), read(resource));
        }
        deployment.deploy();
        try (InputStream xml = BareLeadRouting.class.getResourceAsStream("/bpmn/lead-policy.dmn")) {
            policy[0] = dmn.parseDecision("leadPolicy", xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JobExecutor jobExecutor = c.getJobExecutor();
        if (!jobExecutor.hasRegisteredEngine((ProcessEngineImpl) engine)) {
            jobExecutor.registerProcessEngine((ProcessEngineImpl) engine);
        }
        jobExecutor.start();
        return new BareLeadRouting(engine, c, pool, statements);
    }

    private static String read(String resource) {
        try (InputStream in = BareLeadRouting.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path (mvn -Pbenchmark builds it)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The variables the app's intake starts an instance with (LeadIntake.processVariables). */
    private static Map<String, Object> intakeVariables(String leadId, int i) {
        String[] regions = {"EAST", "SOUTH", "NORTH"};
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.LEAD_ID, leadId);
        vars.put(Vars.SOURCE, "WEBSITE_FORM");
        vars.put(Vars.COMPANY_NAME, "上海基准测试科技有限公司" + leadId);
        vars.put(Vars.CONTACT_NAME, "张三");
        vars.put(Vars.CONTACT_PHONE, "13912345678");
        vars.put(Vars.REGION, regions[i % regions.length]);
        vars.put(Vars.BUDGET_CNY, 120000.0);
        vars.put(Vars.LEAD_ASSIGNED, false);
        vars.put(Vars.CONTACT_ATTEMPTS, 0);
        return vars;
    }

    /**
     * Starts {@code max} instances from {@code threads} clients (as many as fit in {@code capMillis}) after a warm-up;
     * time from the first start to the last instance routed (its async routing job done). Same record as the app's intake.
     */
    AppUnderTest.Intake intake(int warmup, int max, int threads, long capMillis, long timeoutMillis) {
        start("w" + SEQ.incrementAndGet() + "-", warmup, threads, capMillis / 3);
        awaitRouted(timeoutMillis);
        String prefix = "m" + SEQ.incrementAndGet() + "-";
        long start = System.nanoTime();
        int n = start(prefix, max, threads, capMillis);
        long accepted = System.nanoTime() - start;
        long routedAt = awaitRouted(timeoutMillis);
        long routed = (routedAt < 0 ? System.nanoTime() : routedAt) - start;
        long incidents = JdbcStatements.ignoring(() -> engine.getRuntimeService().createIncidentQuery().count());
        long reached = JdbcStatements.ignoring(() -> engine.getTaskService().createTaskQuery().processInstanceBusinessKeyLike("L" + prefix + "%")
                .taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).count());
        return new AppUnderTest.Intake(threads, n, n / Parallel.seconds(accepted), n / Parallel.seconds(routed), Parallel.seconds(accepted),
                Parallel.seconds(routed), 0, incidents, routedAt < 0 || reached < n);
    }

    /** SQL statements per lead: {@code n} instances started one by one, then every one routed (job acquisition included). */
    JdbcStatements.PerUnit statementsPerLead(int n, long timeoutMillis) {
        awaitRouted(timeoutMillis);
        statements.start();
        start("s" + SEQ.incrementAndGet() + "-", n, 1, timeoutMillis);
        awaitRouted(timeoutMillis);
        return statements.stop(n);
    }

    private int start(String prefix, int n, int threads, long capMillis) {
        var runtime = engine.getRuntimeService();
        return Parallel.run(n, threads, capMillis, i -> {
            String leadId = "L" + prefix + i;
            runtime.startProcessInstanceByKey(LeadRoutingProcess.KEY, leadId, intakeVariables(leadId, i));
        }).count();
    }

    /** Until no async routing job is left (escalation timers stay: they are due hours later). */
    private long awaitRouted(long timeoutMillis) {
        var management = engine.getManagementService();
        return Parallel.await(() -> JdbcStatements.ignoring(() -> management.createJobQuery().processDefinitionKey(LeadRoutingProcess.KEY)
                .messages().count()) == 0, timeoutMillis, 50);
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
        pool.close();
    }
}
