package org.leadtocash.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import org.leadtocash.support.PostgresApp;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.LeadAssignment;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.lead.RoutingDecision;
import org.leadtocash.support.TestData;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The {@code postgres} profile on a real PostgreSQL 17 (embedded binaries): Flyway and the engine create their schema,
 * and a lead runs end to end — intake over HTTP, routing job, the rep's form over /engine-rest, the 4 h timer.
 */
class PostgresProfileTests {
    private static final String KEY = "pg-website-channel-key-0001";
    private static final String ENGINE = "postgresTest";
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        app = PostgresApp.start(postgres.getJdbcUrl("postgres", "postgres"), ENGINE,
                "--camunda.bpm.admin-user.id=opsadmin",
                "--camunda.bpm.admin-user.password=Strong-Admin-Pw-2026",
                "--leadtocash.security.channel-keys.WEBSITE_FORM=" + KEY);
        base = PostgresApp.baseUrl(app);
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
    void runsALeadEndToEndOnPostgres() throws Exception {
        ProcessEngine engine = app.getBean(ProcessEngine.class);
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL 17");

        // a real (non-demo) rep: Camunda user + roster entry
        User rep = engine.getIdentityService().newUser("pgrep");
        rep.setFirstName("伟");
        rep.setLastName("张");
        rep.setPassword("Rep-Password-2026");
        engine.getIdentityService().saveUser(rep);
        engine.getIdentityService().createMembership("pgrep", "sales-rep");
        jdbc.sql("INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active) VALUES ('pgrep', '张伟', 'REP', 'EAST', '13800000099', TRUE)")
                .update();

        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "250000");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/api/leads"))
                .header("Content-Type", "application/json").header("X-Api-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode lead = json.readTree(created.body());
        String leadId = lead.get("leadId").asText();
        String pi = lead.get("processInstanceId").asText();

        // routing is asynchronous: run its job
        Job routing = engine.getManagementService().createJobQuery().processInstanceId(pi)
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult();
        engine.getManagementService().executeJob(routing.getId());
        Task task = engine.getTaskService().createTaskQuery().processInstanceId(pi).singleResult();
        assertThat(task.getTaskDefinitionKey()).isEqualTo(LeadRoutingProcess.Task.FIRST_CONTACT);
        assertThat(task.getAssignee()).isEqualTo("pgrep");

        // the 4 h reminder fires from lead creation, on PostgreSQL too
        Job timer = engine.getManagementService().createJobQuery().processInstanceId(pi).timers().singleResult();
        Date created4h = (Date) engine.getRuntimeService().getVariable(pi, LeadRoutingProcess.Vars.FIRST_CONTACT_ESCALATION_AT);
        assertThat(timer.getDuedate()).isEqualTo(created4h);
        engine.getManagementService().executeJob(timer.getId());
        Job voice = engine.getManagementService().createJobQuery().processInstanceId(pi).singleResult();
        engine.getManagementService().executeJob(voice.getId());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notification_delivery WHERE business_key = ? AND channel = 'VOICE_CALL'")
                .param(leadId).query(Integer.class).single()).isEqualTo(1);

        // the rep completes his form over /engine-rest with HTTP Basic, as Tasklist does
        String auth = "Basic " + Base64.getEncoder().encodeToString("pgrep:Rep-Password-2026".getBytes(StandardCharsets.UTF_8));
        String submit = json.writeValueAsString(Map.of("variables", Map.of(
                "contactOutcome", Map.of("value", "REACHED"),
                "contactNotes", Map.of("value", "客户很有兴趣，约了下周演示"),
                "nextFollowUpDate", Map.of("value", TestData.today().plusDays(2).toString()))));
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/engine/" + ENGINE + "/task/" + task.getId() + "/submit-form"))
                .header("Content-Type", "application/json").header("Authorization", auth)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(submit)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(done.statusCode()).as(done.body()).isEqualTo(204);

        assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi).singleResult().getEndActivityId())
                .isEqualTo(LeadRoutingProcess.Event.LEAD_CONTACTED);
        assertThat(jdbc.sql("SELECT status FROM sales_lead WHERE id = ?").param(leadId).query(String.class).single()).isEqualTo("CONTACTED");
        assertThat(jdbc.sql("SELECT owner_id FROM customer c JOIN sales_lead l ON l.customer_id = c.id WHERE l.id = ?")
                .param(leadId).query(String.class).single()).isEqualTo("pgrep");
    }

    /**
     * The team ranking is read in index order with {@code NULLS FIRST} for reps never assigned; PostgreSQL sorts NULL
     * last by default, so the same order is checked here as on H2: fewest open leads, most recent deals, never or
     * least recently assigned, user id.
     */
    @Test
    void ranksTheTeamOnPostgresAsOnH2() {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        LeadAssignment assignment = app.getBean(LeadAssignment.class);
        LeadIntake intake = app.getBean(LeadIntake.class);
        java.sql.Timestamp hourAgo = java.sql.Timestamp.from(java.time.Instant.now().minus(Duration.ofHours(1)));
        jdbc.sql("UPDATE sales_staff SET active = FALSE WHERE region = 'SOUTH'").update();
        String insert = "INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active, open_leads, recent_deals, "
                + "last_assigned_at) VALUES (?, ?, 'REP', 'SOUTH', NULL, TRUE, ?, ?, ?)";
        jdbc.sql(insert).params("pgw-a", "甲", 1, 5, null).update();
        jdbc.sql(insert).params("pgw-b", "乙", 0, 1, hourAgo).update();
        jdbc.sql(insert).params("pgw-c", "丙", 0, 1, null).update();
        jdbc.sql(insert).params("pgw-d", "丁", 0, 0, null).update();
        RoutingDecision south = new RoutingDecision("测试 PostgreSQL ranking", "SOUTH", java.util.List.of());

        java.util.List<String> order = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String leadId = intake.receive(TestData.leadBody("TRADE_SHOW_QR", "SOUTH", "30000"), LeadSource.TRADE_SHOW_QR).lead().id();
            order.add(assignment.assign(leadId, south).assignee());
        }

        // c: never assigned beats b; then b; then d (no deals); then among one open lead each, a has the most deals; then c
        assertThat(order).containsExactly("pgw-c", "pgw-b", "pgw-d", "pgw-a", "pgw-c");
        assertThat(jdbc.sql("SELECT open_leads FROM sales_staff WHERE user_id = 'pgw-c'").query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void engineRestNeedsCredentialsOnPostgresToo() throws Exception {
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/engine-rest/engine/" + ENGINE + "/process-definition")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
