package org.leadtocash.system.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadtocash.payment.PaymentFixtures;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.shared.DurationHistogram;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.Groups;
import org.leadtocash.support.PostgresApp;
import org.leadtocash.support.TestData;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The activity duration summary on a real PostgreSQL 17 (embedded): V22, the handler's upserts in the engine's
 * transaction (a refused form leaves it as it was), the start-up build's day ranges and bucket sums, and the heatmap's
 * read, each checked against a plain-SQL recount of {@code ACT_HI_ACTINST}.
 */
class ActivityDurationSummaryPostgresTests {
    private static final String ENGINE = "heatmapPostgresTest";
    private static final String PASSWORD = "Heatmap-Pg-Password-2026";
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        app = PostgresApp.start(postgres.getJdbcUrl("postgres", "postgres"), ENGINE,
                "--camunda.bpm.admin-user.id=opsadmin", "--camunda.bpm.admin-user.password=Strong-Admin-Pw-2026",
                "--leadtocash.security.channel-keys.WEBSITE_FORM=pg-heatmap-channel-key-0001");
    }

    @AfterAll
    static void stop() throws Exception {
        ClockUtil.reset();
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void summaryEqualsTheRecountAfterEveryStepAndAfterTheBuildOnPostgres() throws Exception {
        ProcessEngine engine = app.getBean(ProcessEngine.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        EngineClock clock = app.getBean(EngineClock.class);
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL 17");
        user(engine, "pgrep", Groups.SALES_REP);
        user(engine, "pgmgr", Groups.SALES_MANAGER);
        jdbc.sql("INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active) VALUES ('pgrep', '张伟', 'REP', 'EAST', "
                + "'13800000098', TRUE)").update();

        PaymentJourney journey = app.getBean(PaymentJourneys.class).start(PaymentFixtures.start("pgrep", "A医院", "120000.00"));
        Map<String, List<Long>> afterStart = assertSummaryEqualsRecount(jdbc, clock, "journey started");
        assertThat(afterStart).containsKey(clock.today() + "|" + PaymentJourneyProcess.KEY + "|" + PaymentJourneyProcess.Task.REGISTER_JOURNEY);

        Task nodeOne = engine.getTaskService().createTaskQuery().processInstanceId(journey.processInstanceId()).singleResult();
        Map<String, Object> refused = invoiceSigned();
        refused.put(PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_MOBILE, "021-12345678");
        assertThatThrownBy(() -> completeAsRep(engine, nodeOne, refused)).isNotNull();
        assertThat(assertSummaryEqualsRecount(jdbc, clock, "node ① refused")).isEqualTo(afterStart);

        completeAsRep(engine, nodeOne, invoiceSigned());
        engine.getManagementService().executeJob(engine.getManagementService().createJobQuery()
                .processInstanceId(journey.processInstanceId()).activityId(PaymentJourneyProcess.Task.SEND_PAYMENT_STARTED_SMS).singleResult()
                .getId());
        Map<String, List<Long>> kept = assertSummaryEqualsRecount(jdbc, clock, "node ① recorded, SMS sent");
        assertThat(kept).containsKeys(clock.today() + "|" + PaymentJourneyProcess.KEY + "|" + PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED,
                clock.today() + "|" + PaymentJourneyProcess.KEY + "|" + PaymentJourneyProcess.Task.SEND_PAYMENT_STARTED_SMS);

        app.getBean(ActivityDurationSummary.class).rebuild();
        assertThat(ActivityDurationRecount.stored(jdbc)).as("built from ACT_HI_ACTINST").isEqualTo(kept);

        String definitionId = engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(journey.processInstanceId())
                .singleResult().getProcessDefinitionId();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(PostgresApp.baseUrl(app) + "/api/heatmap/" + definitionId + "?days=90"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("pgmgr:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode activities = new ObjectMapper().readTree(response.body()).path("activities");
        JsonNode nodeTwo = null;
        JsonNode nodeOneFigures = null;
        for (JsonNode a : activities) {
            if (a.path("activityId").asText().equals(PaymentJourneyProcess.Task.AWAIT_PROCUREMENT_STARTED)) {
                nodeTwo = a;
            }
            if (a.path("activityId").asText().equals(PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED)) {
                nodeOneFigures = a;
            }
        }
        assertThat(nodeTwo).as(response.body()).isNotNull();
        assertThat(nodeTwo.path("waiting").asLong()).isEqualTo(1);
        assertThat(nodeOneFigures).as(response.body()).isNotNull();
        assertThat(nodeOneFigures.path("finished").asLong()).isEqualTo(1);
        long spent = jdbc.sql("SELECT DURATION_ FROM ACT_HI_ACTINST WHERE ACT_ID_ = ?").param(PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED)
                .query(Long.class).single();
        DurationHistogram.Bucket bucket = DurationHistogram.bucket(DurationHistogram.bucketOf(Duration.ofMillis(spent)));
        assertThat(nodeOneFigures.path("medianMinutesFrom").asLong()).isEqualTo(bucket.from().toMinutes());
        assertThat(nodeOneFigures.path("medianMinutes").asLong()).isEqualTo(bucket.to().toMinutes());
    }

    private static Map<String, List<Long>> assertSummaryEqualsRecount(JdbcClient jdbc, EngineClock clock, String step) {
        Map<String, List<Long>> stored = ActivityDurationRecount.stored(jdbc);
        assertThat(stored).as("summary after: " + step).isEqualTo(ActivityDurationRecount.recount(jdbc, clock.zone()));
        return stored;
    }

    private static void completeAsRep(ProcessEngine engine, Task task, Map<String, Object> variables) {
        engine.getIdentityService().setAuthentication(task.getAssignee(), List.of(Groups.SALES_REP));
        try {
            engine.getTaskService().complete(task.getId(), variables);
        } finally {
            engine.getIdentityService().clearAuthentication();
        }
    }

    private static void user(ProcessEngine engine, String id, String group) {
        User user = engine.getIdentityService().newUser(id);
        user.setFirstName(id);
        user.setLastName("测试");
        user.setPassword(PASSWORD);
        engine.getIdentityService().saveUser(user);
        engine.getIdentityService().createMembership(id, group);
    }

    private static Map<String, Object> invoiceSigned() {
        Map<String, Object> vars = new HashMap<>();
        vars.put(PaymentJourneyProcess.Vars.INVOICE_SIGNED_DATE, TestData.today().toString());
        vars.put(PaymentJourneyProcess.Vars.EXPECTED_PAYMENT_DATE, TestData.today().plusDays(20).toString());
        vars.put(PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_NAME, "王采购");
        vars.put(PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_MOBILE, "139 1234 5678");
        return vars;
    }
}
