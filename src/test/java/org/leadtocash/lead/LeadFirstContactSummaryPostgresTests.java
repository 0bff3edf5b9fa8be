package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.support.PostgresApp;
import org.leadtocash.support.TestData;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The R-07 summary on a real PostgreSQL 17 (the {@code postgres} profile): its upserts ({@code ON CONFLICT}), the
 * creation-ordered build and the grouped read. Leads are received, routed by the routing job, reached and made invalid;
 * after each step the summary equals a recount from {@code sales_lead}, the report equals the per-lead one, and a
 * rebuild gives the same rows.
 */
class LeadFirstContactSummaryPostgresTests {
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        app = PostgresApp.start(postgres.getJdbcUrl("postgres", "postgres"), "firstContactSummaryPostgresTest",
                "--camunda.bpm.admin-user.id=opsadmin", "--camunda.bpm.admin-user.password=Strong-Admin-Pw-2026",
                "--leadtocash.security.channel-keys.WEBSITE_FORM=pg-website-channel-key-0003");
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
    void summaryFollowsTheLeadsAndRebuildsTheSameOnPostgres() {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        EngineClock clock = app.getBean(EngineClock.class);
        LeadIntake intake = app.getBean(LeadIntake.class);
        LeadFollowUp followUp = app.getBean(LeadFollowUp.class);
        jdbc.sql("INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active) VALUES ('pgrep', '测试', 'REP', 'EAST', "
                + "'13800000399', TRUE)").update();
        Instant t0 = TestData.today().minusDays(2).atTime(10, 0).atZone(clock.zone()).toInstant().truncatedTo(ChronoUnit.MINUTES);
        ClockUtil.setCurrentTime(Date.from(t0));

        Lead reached = intake.receive(TestData.leadBody("WEBSITE_FORM", "EAST", "30000"), LeadSource.WEBSITE_FORM).lead();
        Lead invalid = intake.receive(TestData.leadBody("TRADE_SHOW_QR", "EAST", "30000"), LeadSource.TRADE_SHOW_QR).lead();
        Lead waiting = intake.receive(TestData.leadBody("WEBSITE_FORM", "SOUTH", "30000"), LeadSource.WEBSITE_FORM).lead();
        checked(jdbc, clock, "three leads received");
        for (Lead lead : List.of(reached, invalid, waiting)) {
            ManagementService jobs = app.getBean(ManagementService.class);
            jobs.executeJob(jobs.createJobQuery().processInstanceId(lead.processInstanceId())
                    .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult().getId());
        }
        checked(jdbc, clock, "routed");

        ClockUtil.setCurrentTime(Date.from(t0.plus(Duration.ofMinutes(47))));
        followUp.record(reached.id(), "pgrep", new LeadFollowUp.ContactAttempt(ContactOutcome.REACHED, "已联系", clock.today().plusDays(1), null));
        followUp.record(invalid.id(), "pgrep", new LeadFollowUp.ContactAttempt(ContactOutcome.INVALID, null, null, "空号"));
        checked(jdbc, clock, "one reached, one invalid");

        LocalDate day = LocalDate.ofInstant(t0, clock.zone());
        LeadKpi kpi = app.getBean(LeadKpi.class);
        Duration sla = app.getBean(LeadSla.class).latest().firstContact().duration();
        LeadKpi.Report report = kpi.firstContact(day, day, null);
        assertThat(report).isEqualTo(kpi.fromLeads(day, day, null, sla));
        assertThat(report.overall().leads()).isEqualTo(2);
        assertThat(report.overall().contactedWithinSla()).isEqualTo(1);
        assertThat(report.overall().medianMinutesToFirstContact()).isEqualTo(60);
        assertThat(report.overall().medianMinutesToFirstContactFrom()).isEqualTo(45);
        assertThat(kpi.firstContact(day, day, "pgrep")).isEqualTo(kpi.fromLeads(day, day, "pgrep", sla));

        Map<String, List<Long>> kept = FirstContactRecount.summary(jdbc);
        app.getBean(LeadFirstContactSummary.class).rebuild();
        assertThat(FirstContactRecount.summary(jdbc)).as("rebuilt from the leads on PostgreSQL").isEqualTo(kept);
    }

    private static void checked(JdbcClient jdbc, EngineClock clock, String step) {
        assertThat(FirstContactRecount.summary(jdbc)).as("summary after: " + step).isEqualTo(FirstContactRecount.recount(jdbc, clock.zone()))
                .isNotEmpty();
    }
}
