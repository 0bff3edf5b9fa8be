package org.leadtocash.system.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;

import org.leadtocash.standin.U8StandIn;
import org.leadtocash.support.PostgresApp;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadtocash.erp.HandOffOutcome;
import org.leadtocash.erp.SaleInvoiceEntry;
import org.leadtocash.erp.SaleInvoiceOrder;
import org.leadtocash.erp.U8HandOff;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.notify.Channel;
import org.leadtocash.notify.NotificationRequest;
import org.leadtocash.notify.NotificationService;
import org.leadtocash.notify.Recipient;
import org.leadtocash.support.TestData;
import org.springframework.context.ConfigurableApplicationContext;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The counting queries behind {@code /actuator/prometheus} on a real PostgreSQL 17 (the {@code postgres} profile, as in
 * {@code PostgresProfileTests}): a due routing job, an incident, a delivery and a hand-off are counted, scraped over
 * HTTP as the first administrator.
 */
class PrometheusEndpointPostgresTests {
    private static final String ADMIN = "opsadmin";
    private static final String ADMIN_PASSWORD = "Strong-Admin-Pw-2026";
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        app = PostgresApp.start(postgres.getJdbcUrl("postgres", "postgres"), "metricsPostgresTest",
                "--camunda.bpm.admin-user.id=" + ADMIN,
                "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
                "--leadtocash.security.channel-keys.WEBSITE_FORM=pg-website-channel-key-0002");
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
    void countsJobsIncidentsDeliveriesAndHandOffsOnPostgres() throws Exception {
        // the engine's own nightly history-cleanup job is due during its window (01:00-05:00 Shanghai): count from it
        long housekeeping = app.getBean(ManagementService.class).createJobQuery().executable().active().count();
        Lead lead = app.getBean(LeadIntake.class)
                .receive(TestData.leadBody("WEBSITE_FORM", "EAST", "250000"), LeadSource.WEBSITE_FORM).lead();
        RuntimeService runtime = app.getBean(RuntimeService.class);
        // an incident on the execution waiting at the routing step (the instance's root runs the assignment sub-process)
        runtime.createIncident("failedJob", runtime.createExecutionQuery().processInstanceId(lead.processInstanceId())
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult().getId(), "metrics-test");
        app.getBean(NotificationService.class).send(new NotificationRequest("pg-metrics:1", Channel.VOICE_CALL,
                List.of(new Recipient("pgrep", "13800000099")), null, "请跟进线索", null, lead.id()));
        assertThat(app.getBean(U8HandOff.class).handOff(order("IR-PG-M-1")).outcome())
                .isEqualTo(HandOffOutcome.EXPORTED_NOT_SENT);

        List<String> samples = scrape().lines().filter(l -> l.startsWith("leadtocash_")).toList();

        assertThat(samples).contains(
                "leadtocash_incidents_open{process_definition_key=\"LeadRoutingProcess\"} 1.0",
                "leadtocash_incidents_open{process_definition_key=\"QuoteToInvoiceProcess\"} 0.0",
                "leadtocash_jobs_due " + (double) (housekeeping + 1),
                "leadtocash_jobs_failed 0.0",
                "leadtocash_notification_deliveries{channel=\"VOICE_CALL\",status=\"NOT_SENT_UNCONFIGURED\"} 1.0",
                "leadtocash_notification_deliveries{channel=\"DINGTALK\",status=\"FAILED\"} 0.0",
                "leadtocash_u8_handoff_attempts{outcome=\"EXPORTED_NOT_SENT\"} 1.0",
                "leadtocash_u8_handoff_attempts{outcome=\"IN_FLIGHT\"} 0.0");
        // one incident line per deployed process, the two job lines, 4 channels × 3 statuses, 5 hand-off outcomes
        long processes = app.getBean(org.camunda.bpm.engine.RepositoryService.class).createProcessDefinitionQuery().latestVersion().count();
        assertThat(samples.stream().filter(l -> l.startsWith("leadtocash_incidents_open"))).hasSize((int) processes);
        assertThat(samples).hasSize((int) processes + 2 + 4 * 3 + 5);
    }

    private static String scrape() throws Exception {
        String auth = Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).header("Authorization", "Basic " + auth)
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static SaleInvoiceOrder order(String bizId) {
        SaleInvoiceEntry line = new SaleInvoiceEntry("JM-200", "精密注塑模具", new BigDecimal("1"), new BigDecimal("13"),
                new BigDecimal("11300.00"), new BigDecimal("10000.00"), new BigDecimal("1300.00"),
                new BigDecimal("11300.00"));
        return new SaleInvoiceOrder(bizId, "91310000MA1K4QX15A", "上海联华超市股份有限公司", "zhangwei",
                LocalDate.of(2026, 6, 2), "招商银行上海分行", "31001234567890123456", U8StandIn.SELLER_TAX_NUMBER, List.of(line),
                new BigDecimal("10000.00"), new BigDecimal("1300.00"), new BigDecimal("11300.00"));
    }
}
