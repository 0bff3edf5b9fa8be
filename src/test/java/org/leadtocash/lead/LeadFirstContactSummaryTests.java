package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.LeadRoutingProcess.Event;
import org.leadtocash.lead.LeadRoutingProcess.Task;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.Stats;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 12: the R-07 summary {@code lead_first_contact_summary} follows every change of a lead the KPI counts. Leads go
 * through the real intake, routing job, manager's assignment task, 2 h and 4 h timers, first-contact task (not reached,
 * reached, invalid) and the team API's deactivation with and without a successor, including a refused deactivation that
 * rolls back a reroute; after every step the summary equals a recount from {@code sales_lead}
 * ({@link FirstContactRecount}). Then the report read from the summary gives the per-lead report's counts and shares and
 * a median bucket that holds the exact median, and the start-up build from the leads gives the rows kept step by step.
 */
@AppTest
class LeadFirstContactSummaryTests {
    private static final List<String> REP = List.of(Groups.SALES_REP);
    private static final List<String> MANAGER = List.of(Groups.SALES_MANAGER);

    @Autowired LeadIntake intake;
    @Autowired LeadKpi kpi;
    @Autowired LeadSla sla;
    @Autowired LeadFirstContactSummary summary;
    @Autowired EngineClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestData data;
    @Autowired TestRestTemplate rest;
    @Autowired IdentityService identityService;

    private Instant t0;

    @BeforeEach
    void setUp() {
        data.reset();
        deleteTestUsers();
        // a whole minute late in the morning in the sales team's zone: the day's leads stay on one calendar day
        t0 = TestData.today().minusDays(3).atTime(9, 0).atZone(clock.zone()).toInstant().truncatedTo(ChronoUnit.MINUTES);
        moveClockTo(t0);
    }

    @AfterEach
    void cleanUp() {
        deleteTestUsers();
    }

    @Test
    void summaryEqualsARecountAfterEveryStepOfTheLeadsLives() throws Exception {
        data.deactivateAllRepsExcept();
        addRep("testfa", "EAST", "13800000301");
        checked("no leads yet");

        ProcessInstance l1 = received("WEBSITE_FORM", "EAST");
        checked("L1 received, counted unassigned");
        route(l1);
        assertThat(l1).task().isAssignedTo("testfa");
        checked("L1 routed to testfa");

        ProcessInstance l2 = received("TRADE_SHOW_QR", "EAST");
        route(l2);
        checked("L2 routed");

        ProcessInstance l3 = received("PHONE_CALL", "NORTH");
        route(l3);
        assertThat(l3).isWaitingAt(Task.ASSIGN_LEAD_MANUALLY);
        checked("L3 left to the managers");
        fireTimer(l3, Event.TWO_HOURS_UNASSIGNED);
        execute(job(Task.NOTIFY_MANAGER_UNASSIGNED, l3));
        checked("2 h alert on L3");
        addRep("testfc", "NORTH", "13800000303");
        completeAs("limin", MANAGER, task(Task.ASSIGN_LEAD_MANUALLY, l3), withVariables(Vars.ASSIGNEE, "testfc"));
        checked("L3 assigned by the manager");

        moveClockTo(t0.plus(Duration.ofMinutes(150)));
        firstContact(l1, ContactOutcome.NOT_REACHED);
        checked("L1 not reached");
        fireTimer(l1, Event.FOUR_HOURS_NO_CONTACT);
        execute(job(Task.VOICE_CALL_REMINDER, l1));
        checked("4 h voice call for L1");
        moveClockTo(t0.plus(Duration.ofMinutes(301)));
        firstContact(l1, ContactOutcome.REACHED);
        checked("L1 reached after 5 h 1 min");
        firstContact(l2, ContactOutcome.INVALID);
        checked("L2 invalid: taken out");
        firstContact(l3, ContactOutcome.REACHED);
        checked("L3 reached");

        moveClockTo(t0.plus(Duration.ofDays(1)));
        ProcessInstance l4 = received("WEBSITE_FORM", "EAST");
        route(l4);
        ProcessInstance l5 = received("PHONE_CALL", "EAST");
        route(l5);
        moveClockTo(t0.plus(Duration.ofDays(1)).plus(Duration.ofHours(4)));
        firstContact(l5, ContactOutcome.REACHED);
        checked("next day: L4 and L5 to testfa, L5 reached after exactly 4 h");

        addRep("testfb", "EAST", "13800000302");
        assertThat(post("/api/team/members/testfa/deactivate", Map.of("successorId", "testfb")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(l4).task().isAssignedTo("testfb");
        checked("testfa left: L4 to the successor testfb");

        ProcessInstance l6 = received("WEBSITE_FORM", "NORTH");
        route(l6);
        assertThat(l6).task().isAssignedTo("testfc");
        Map<String, List<Long>> beforeRefusal = FirstContactRecount.summary(jdbc);
        ResponseEntity<String> refused = post("/api/team/members/testfc/deactivate", Map.of());
        assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(FirstContactRecount.summary(jdbc)).as("the refused deactivation rerouted L6 to nobody and rolled back")
                .isEqualTo(beforeRefusal);
        checked("refused deactivation of testfc");

        addRep("testfd", "NORTH", "13800000304");
        assertThat(post("/api/team/members/testfc/deactivate", Map.of()).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(l6).task().isAssignedTo("testfd");
        checked("testfc left without successor: L6 rerouted to testfd");
        moveClockTo(t0.plus(Duration.ofDays(2)));
        firstContact(l6, ContactOutcome.REACHED);
        checked("L6 reached a day later");

        LocalDate day0 = LocalDate.ofInstant(t0, clock.zone());
        for (LocalDate[] range : new LocalDate[][] {{day0, day0}, {day0.plusDays(1), day0.plusDays(1)}, {day0, day0.plusDays(2)},
                {day0.minusDays(30), day0.minusDays(1)}}) {
            for (String rep : new String[] {null, "testfb", "testfc", "testfd"}) {
                reportMatchesTheLeads(range[0], range[1], rep);
            }
        }

        Map<String, List<Long>> kept = FirstContactRecount.summary(jdbc);
        jdbc.sql("DELETE FROM lead_first_contact_summary").update();
        jdbc.sql("UPDATE summary_state SET zone = '' WHERE name = 'lead_first_contact_summary'").update();
        summary.buildOnStart();
        assertThat(FirstContactRecount.summary(jdbc)).as("built at start-up from the leads").isEqualTo(kept).isNotEmpty();
        jdbc.sql("DELETE FROM lead_first_contact_summary").update();
        summary.buildOnStart();
        assertThat(FirstContactRecount.summary(jdbc)).as("built for this zone already: not built again").isEmpty();
        summary.rebuild();
        assertThat(FirstContactRecount.summary(jdbc)).as("rebuilt on demand").isEqualTo(kept);
    }

    @Test
    void anSlaOnABucketEdgeIsCountedFromTheSummaryAndOneBetweenEdgesFromTheLeads() {
        data.deactivateAllRepsExcept("lina");
        List<ProcessInstance> leads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ProcessInstance pi = received("WEBSITE_FORM", "EAST");
            route(pi);
            leads.add(pi);
        }
        // reached after 90 min, 100 min, exactly 3 h and 3 h 30 s
        Duration[] after = {Duration.ofMinutes(90), Duration.ofMinutes(100), Duration.ofHours(3), Duration.ofHours(3).plusSeconds(30)};
        for (int i = 0; i < 4; i++) {
            moveClockTo(t0.plus(after[i]));
            firstContact(leads.get(i), ContactOutcome.REACHED);
        }
        checked("four leads reached");
        LocalDate day = LocalDate.ofInstant(t0, clock.zone());
        assertThat(kpi.firstContact(day, day, null).overall().contactedWithinSla()).as("the shipped 4 h").isEqualTo(4);

        // owner change 1 (4 h → 3 h) is a bucket edge: read from the summary, exact to the second
        String threeHours = LeadRoutingProcessTests.deployCopyWith(LeadRoutingProcess.Sla.FIRST_CONTACT, "PT3H");
        try {
            LeadKpi.Report report = kpi.firstContact(day, day, null);
            assertThat(report.slaMinutes()).isEqualTo(180);
            assertThat(report.overall().contactedWithinSla()).isEqualTo(3);
            assertThat(report).isEqualTo(kpi.fromLeads(day, day, null, Duration.ofHours(3)));
        } finally {
            repositoryService().deleteDeployment(threeHours, true);
        }
        // 100 min lies inside the bucket (90, 105]: the summary cannot tell, the leads are read
        String hundredMinutes = LeadRoutingProcessTests.deployCopyWith(LeadRoutingProcess.Sla.FIRST_CONTACT, "PT100M");
        try {
            LeadKpi.Report report = kpi.firstContact(day, day, null);
            assertThat(report.slaMinutes()).isEqualTo(100);
            assertThat(report.overall().contactedWithinSla()).isEqualTo(2);
            assertThat(report.overall().shareWithinSla()).isEqualByComparingTo("0.5");
            assertThat(report.byRep()).singleElement().satisfies(f -> assertThat(f.contactedWithinSla()).isEqualTo(2));
        } finally {
            repositoryService().deleteDeployment(hundredMinutes, true);
        }
    }

    /**
     * The report read from the summary equals the per-lead report but for the median, which is the bucket of the exact
     * median's middle lead: the exact median (the mean of the middle two for an even count) is at most its upper edge.
     */
    private void reportMatchesTheLeads(LocalDate from, LocalDate to, String rep) {
        Duration within = sla.latest().firstContact().duration();
        LeadKpi.Report fromSummary = kpi.firstContact(from, to, rep);
        LeadKpi.Report fromLeads = kpi.fromLeads(from, to, rep, within);
        String what = from + ".." + to + " for " + (rep == null ? "everyone" : rep);
        assertThat(fromSummary).as(what).isEqualTo(fromLeads);
        List<LeadKpi.Figures> all = new ArrayList<>(fromSummary.byRep());
        all.addAll(fromSummary.bySource());
        all.addAll(fromSummary.byRegion());
        all.add(fromSummary.overall());
        for (LeadKpi.Figures f : all) {
            List<BigDecimal> minutes = minutes(from, to, rep, f == fromSummary.overall() ? null : f.group());
            assertThat(minutes).as(what + " " + f.group()).hasSize(f.contacted());
            BigDecimal exact = Stats.median(minutes);
            if (exact == null) {
                assertThat(f.medianMinutesToFirstContact()).isNull();
                continue;
            }
            BigDecimal middle = minutes.get(minutes.size() / 2);
            assertThat(exact).as(what + " " + f.group() + " median").isLessThanOrEqualTo(BigDecimal.valueOf(f.medianMinutesToFirstContact()));
            assertThat(middle).as(what + " " + f.group() + " middle lead").isGreaterThan(BigDecimal.valueOf(f.medianMinutesToFirstContactFrom()))
                    .isLessThanOrEqualTo(BigDecimal.valueOf(f.medianMinutesToFirstContact()));
        }
        assertThat(fromSummary.overall().leads()).as(what).isEqualTo(
                jdbc.sql("SELECT COUNT(*) FROM sales_lead WHERE status <> 'INVALID' AND created_at >= ? AND created_at < ?"
                                + (rep == null ? "" : " AND assignee = '" + rep + "'"))
                        .params(java.sql.Timestamp.from(from.atStartOfDay(clock.zone()).toInstant()),
                                java.sql.Timestamp.from(to.plusDays(1).atStartOfDay(clock.zone()).toInstant()))
                        .query(Integer.class).single());
    }

    /** Sorted minutes (with seconds as a fraction) to first contact of the reached valid leads in the range, by plain SQL. */
    private List<BigDecimal> minutes(LocalDate from, LocalDate to, String rep, String group) {
        List<BigDecimal> minutes = new ArrayList<>();
        Instant start = from.atStartOfDay(clock.zone()).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(clock.zone()).toInstant();
        jdbc.sql("SELECT created_at, first_contact_at, assignee, source, region FROM sales_lead WHERE status <> 'INVALID' "
                + "AND first_contact_at IS NOT NULL").query(rs -> {
                    Instant created = rs.getTimestamp("created_at").toInstant();
                    String assignee = rs.getString("assignee") == null ? "(unassigned)" : rs.getString("assignee");
                    boolean inGroup = group == null || group.equals(assignee) || group.equals(rs.getString("source"))
                            || group.equals(rs.getString("region"));
                    if (!created.isBefore(start) && created.isBefore(end) && (rep == null || rep.equals(assignee)) && inGroup) {
                        long seconds = Duration.between(created, rs.getTimestamp("first_contact_at").toInstant()).getSeconds();
                        minutes.add(BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(60), 4, java.math.RoundingMode.HALF_UP));
                    }
                });
        minutes.sort(null);
        return minutes;
    }

    private void checked(String step) {
        assertThat(FirstContactRecount.summary(jdbc)).as("summary after: " + step)
                .isEqualTo(FirstContactRecount.recount(jdbc, clock.zone()));
    }

    private ProcessInstance received(String source, String region) {
        Lead lead = intake.receive(TestData.leadBody(source, region, "30000"), LeadSource.valueOf(source)).lead();
        return processInstance(lead.processInstanceId());
    }

    private static void route(ProcessInstance pi) {
        execute(job(Task.ROUTE_LEAD, pi));
    }

    /** The assigned rep submits {@code forms/first-contact.form}. */
    private void firstContact(ProcessInstance pi, ContactOutcome outcome) {
        var task = task(Task.FIRST_CONTACT, pi);
        completeAs(task.getAssignee(), REP, task, withVariables(Vars.CONTACT_OUTCOME, outcome.name(),
                Vars.NEXT_FOLLOW_UP_DATE, outcome == ContactOutcome.INVALID ? null : clock.today().plusDays(1).toString(),
                Vars.INVALID_REASON, outcome == ContactOutcome.INVALID ? "空号" : null, Vars.CONTACT_NOTES, "测试"));
    }

    private void addRep(String id, String region, String mobile) {
        ResponseEntity<String> answer = post("/api/team/members", TeamApiTests.rep(id, "测试" + id, region, mobile, null));
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private ResponseEntity<String> post(String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return rest.withBasicAuth("limin", "limin").exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    private void deleteTestUsers() {
        identityService.createUserQuery().list().stream().filter(u -> u.getId().startsWith("testf"))
                .forEach(u -> identityService.deleteUser(u.getId()));
    }
}
