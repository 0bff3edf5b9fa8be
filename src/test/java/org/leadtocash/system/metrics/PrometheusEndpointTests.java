package org.leadtocash.system.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.support.ProcessTests.execute;
import static org.leadtocash.support.ProcessTests.fireTimer;
import static org.leadtocash.support.ProcessTests.job;
import static org.leadtocash.support.ProcessTests.processInstance;
import static org.leadtocash.support.ProcessTests.runUntilIncident;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadRoutingProcess.Event;
import org.leadtocash.lead.LeadRoutingProcess.Task;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.lead.SalesStaff;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.MetricsScraper;
import org.leadtocash.support.ProcessTests.JobIncident;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code /actuator/prometheus} over real HTTP: only members of the {@code metrics} group and admins may read it, health
 * stays open, and the engine's figures are what the database holds — an incident left by a job that failed five times
 * and a due job — with every deployed process key present, 0 included. The delivery log's and the hand-off log's
 * figures are tested in their modules ({@code DeliveryMetricsTests}, {@code HandOffMetricsTests}).
 */
@AppTest
class PrometheusEndpointTests {
    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired IdentityService identityService;
    @Autowired LeadIntake intake;
    @Autowired JdbcClient jdbc;
    @Autowired ManagementService managementService;

    private MetricsScraper scraper;

    @BeforeEach
    void reset() {
        data.reset();
        scraper = MetricsScraper.create(rest, identityService);
    }

    @AfterEach
    void cleanUp() {
        scraper.remove();
        data.reset();
    }

    @Test
    void onlyTheMetricsGroupAndAdminsMayScrapeWhileHealthStaysOpen() {
        ResponseEntity<String> anonymous = rest.getForEntity("/actuator/prometheus", String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
        assertThat(anonymous.getBody()).doesNotContain("leadtocash_");
        assertThat(status("zhangwei", "zhangwei")).as("a sales rep").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status("wanglei", "wanglei")).as("a sales manager").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status(MetricsScraper.USER, MetricsScraper.PASSWORD)).as("a member of metrics").isEqualTo(HttpStatus.OK);
        assertThat(status("admin", "admin")).as("a member of camunda-admin").isEqualTo(HttpStatus.OK);
        // last: a wrong password delays the user's next login (Camunda's login delay)
        assertThat(status(MetricsScraper.USER, "not-the-password")).isEqualTo(HttpStatus.UNAUTHORIZED);

        ResponseEntity<String> health = rest.getForEntity("/actuator/health", String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    void everyFigureIsAGaugeWithItsHelp() {
        String scrape = scraper.scrape();

        for (String metric : new String[] {"leadtocash_incidents_open", "leadtocash_jobs_due", "leadtocash_jobs_failed",
                "leadtocash_notification_deliveries", "leadtocash_u8_handoff_attempts"}) {
            assertThat(scrape).contains("# TYPE " + metric + " gauge\n", "# HELP " + metric + " ");
        }
    }

    @Test
    void reportsOpenIncidentsPerProcessDueJobsAndFailedJobsFromTheEngine() {
        // due jobs are compared with the engine's own count at the same moment: besides this test's jobs, the nightly
        // history cleanup and the daily follow-up policy timer fall due depending on the time of day and the test clock
        assertThat(incidentsPerProcess()).containsEntry("LeadRoutingProcess", 0.0).containsEntry("PaymentJourneyProcess", 0.0)
                .containsEntry("QuoteToInvoiceProcess", 0.0).allSatisfy((key, open) -> assertThat(open).as(key).isZero());
        assertThat(figure("leadtocash_jobs_due")).isEqualTo((double) dueJobs());
        assertThat(figure("leadtocash_jobs_failed")).isZero();

        // as in LeadRoutingProcessTests: the rep leaves the roster before the 4 h voice-call reminder, which then fails
        // five times and becomes an incident
        data.deactivateAllRepsExcept();
        data.addStaff("test-leaver", "离职 测试", SalesStaff.REP, "NORTH", "13800009999");
        ProcessInstance pi = processInstance(receive().processInstanceId());
        execute(job(Task.ROUTE_LEAD, pi));
        jdbc.sql("DELETE FROM sales_staff WHERE user_id = 'test-leaver'").update();
        fireTimer(pi, Event.FOUR_HOURS_NO_CONTACT);
        JobIncident failed = runUntilIncident(pi, Task.VOICE_CALL_REMINDER);
        assertThat(failed.incident()).isNotNull();
        // a second lead whose routing job is due and not run yet
        String second = receive().processInstanceId();
        assertThat(managementService.createJobQuery().processInstanceId(second).executable().count()).as("its routing job is due")
                .isEqualTo(1);

        assertThat(incidentsPerProcess()).containsEntry("LeadRoutingProcess", 1.0)
                .allSatisfy((key, open) -> assertThat(open).as(key).isEqualTo(key.equals("LeadRoutingProcess") ? 1.0 : 0.0));
        assertThat(figure("leadtocash_jobs_due")).isEqualTo((double) dueJobs());
        assertThat(figure("leadtocash_jobs_failed")).isEqualTo(1.0);
    }

    /** Jobs the job executor would run now (not failed out, not suspended), as the engine counts them. */
    private long dueJobs() {
        return managementService.createJobQuery().executable().active().count();
    }

    private java.util.Map<String, Double> incidentsPerProcess() {
        java.util.Map<String, Double> out = new java.util.TreeMap<>();
        for (String line : engineFigures()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("leadtocash_incidents_open\\{process_definition_key=\"([^\"]+)\"} (\\S+)")
                    .matcher(line);
            if (m.matches()) {
                out.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return out;
    }

    private double figure(String name) {
        return engineFigures().stream().filter(l -> l.startsWith(name + " ")).map(l -> Double.parseDouble(l.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(name + " missing from the scrape"));
    }

    @Test
    void leavesTheEngineFiguresOutWhenTheEngineTablesCannotBeRead() {
        JdbcTemplate noTables = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:engine-metrics-empty", "sa", ""));

        assertThat(new EngineMetrics(noTables, managementService).collect().size()).isZero();
    }

    private List<String> engineFigures() {
        String scrape = scraper.scrape();
        return scrape.lines().filter(l -> l.startsWith("leadtocash_incidents_open") || l.startsWith("leadtocash_jobs_"))
                .toList();
    }

    private Lead receive() {
        return intake.receive(TestData.leadBody("TRADE_SHOW_QR", "NORTH", "40000"), LeadSource.TRADE_SHOW_QR).lead();
    }

    private HttpStatus status(String user, String password) {
        return HttpStatus.valueOf(rest.withBasicAuth(user, password).getForEntity("/actuator/prometheus", String.class)
                .getStatusCode().value());
    }
}
