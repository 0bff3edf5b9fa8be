package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.Groups;
import org.leadtocash.shared.EngineClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The workload figures assignment ranks by are kept on {@code sales_staff} (open leads, deals in the window, last
 * assignment). They must always equal what the leads and deals say: checked after every step of real lead processes
 * (routing, manual assignment, contact, invalid), for the deal window as time passes, and for the ranking of a big
 * team read in index order against the same ranking done by hand.
 */
@AppTest
class RepWorkloadTests {
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired IdentityService identityService;
    @Autowired LeadIntake intake;
    @Autowired LeadAssignment assignment;
    @Autowired SalesTeam salesTeam;
    @Autowired StaffRepository staff;
    @Autowired LeadPolicy policy;
    @Autowired EngineClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestData data;

    /** Each rep's figures counted afresh from the leads and the deals signed since the parameter, not from the kept ones. */
    private static final String COUNTED =
            "(SELECT COUNT(*) FROM sales_lead l WHERE l.assignee = s.user_id AND l.status = 'ASSIGNED'), "
            + "(SELECT COUNT(*) FROM signed_deal d WHERE d.rep_id = s.user_id AND d.signed_at >= ?), "
            + "(SELECT MAX(l.assigned_at) FROM sales_lead l WHERE l.assignee = s.user_id)";

    private Instant now;

    @BeforeEach
    void setUp() {
        data.reset();
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(now));
    }

    @AfterEach
    void resetClock() {
        identityService.clearAuthentication();
        ClockUtil.reset();
    }

    @Test
    void openLeadsFollowEveryStepOfTheLeadProcess() {
        data.deactivateAllRepsExcept("zhangwei", "lina");
        String a = routed("EAST");
        String b = routed("EAST");
        String c = routed("EAST");
        assertFiguresMatchTheLeads();
        assertThat(openLeads("zhangwei") + openLeads("lina")).isEqualTo(3);

        contact(a, ContactOutcome.NOT_REACHED, null);
        assertFiguresMatchTheLeads();
        assertThat(openLeads("zhangwei") + openLeads("lina")).as("not reached: still open").isEqualTo(3);

        contact(a, ContactOutcome.REACHED, null);
        contact(b, ContactOutcome.INVALID, "空号 number does not exist");
        assertFiguresMatchTheLeads();
        assertThat(openLeads("zhangwei") + openLeads("lina")).isEqualTo(1);
        assertThat(leadStatus(c)).isEqualTo("ASSIGNED");
    }

    @Test
    void manualAssignmentCountsForTheChosenRep() {
        LocalDate today = clock.today();
        data.deactivateAllRepsExcept("zhaoqiang", "sunli");
        data.trip("zhaoqiang", today, today);
        data.trip("sunli", today, today);
        String lead = routed("NORTH");
        assertThat(leadStatus(lead)).isEqualTo("UNASSIGNED");
        assertThat(openLeads("sunli")).isZero();

        Task task = taskService.createTaskQuery().processInstanceBusinessKey(lead).singleResult();
        identityService.setAuthentication("limin", List.of(Groups.SALES_MANAGER));
        taskService.complete(task.getId(), Map.of(Vars.ASSIGNEE, "sunli"));
        identityService.clearAuthentication();

        assertThat(openLeads("sunli")).isEqualTo(1);
        assertThat(lastAssigned("sunli")).isEqualTo(now);
        assertFiguresMatchTheLeads();
    }

    @Test
    void aDealCountsWhileInsideTheWindowAndIsRetiredOnceWhenItLeavesIt() {
        Duration window = policy.signedDealWindow();
        salesTeam.recordSignedDeal("lina", null, new java.math.BigDecimal("1000.00"), "D-1", now.minus(window).plus(Duration.ofHours(1)));
        salesTeam.recordSignedDeal("lina", null, new java.math.BigDecimal("1000.00"), "D-2", now.minus(Duration.ofDays(1)));
        salesTeam.recordSignedDeal("lina", null, new java.math.BigDecimal("1000.00"), "D-old", now.minus(window).minusSeconds(1));
        assertThat(recentDeals("lina")).as("the deal older than the window never counted").isEqualTo(2);

        // two hours later D-1 is outside the window: the next assignment retires it, exactly once
        ClockUtil.setCurrentTime(Date.from(now.plus(Duration.ofHours(2))));
        data.deactivateAllRepsExcept("lina");
        routed("EAST");
        assertThat(recentDeals("lina")).isEqualTo(1);
        assertThat(staff.retireDealsBefore(clock.now().minus(window))).as("nothing left to retire").isZero();
        routed("EAST");
        assertThat(recentDeals("lina")).isEqualTo(1);
        assertFiguresMatchTheLeads();
    }

    @Test
    void bigTeamIsRankedAsIfEveryRepWereCompared() {
        // 300 reps with seeded workloads (ties included, some never assigned, some travelling, some over capacity)
        data.deactivateAllRepsExcept();
        Random random = new Random(20261127);
        LocalDate today = clock.today();
        List<String> reps = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String id = String.format("test-w-%03d", i);
            reps.add(id);
            data.addStaff(id, "排名" + i, SalesStaff.REP, "SOUTH", null);
        }
        for (String id : reps) {
            int open = random.nextInt(11);
            if (open > 0) {
                data.openLeads(id, open, now.minus(Duration.ofMinutes(1 + random.nextInt(3) * 60L)));
            }
            int deals = random.nextInt(3);
            if (deals > 0) {
                data.signedDeals(id, deals, now.minus(Duration.ofDays(1)));
            }
            if (random.nextInt(12) == 0) {
                data.trip(id, today, today.plusDays(2));
            }
        }
        for (int round = 0; round < 40; round++) {
            String expected = byHand(today);
            Assignment result = assign("SOUTH");
            assertThat(result.assignee()).as("round %d: %s", round, result.text()).isEqualTo(expected);
        }
        assertFiguresMatchTheLeads();
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The ranking done the slow way: every active rep of the team read and compared in Java. */
    private String byHand(LocalDate today) {
        record Row(String id, int open, int deals, Instant last) {
        }
        List<Row> rows = jdbc.sql("SELECT s.user_id, " + COUNTED + " FROM sales_staff s "
                        + "WHERE s.active = TRUE AND s.role = 'REP' AND s.region = 'SOUTH' AND NOT EXISTS "
                        + "(SELECT 1 FROM rep_trip t WHERE t.rep_id = s.user_id AND t.start_date <= ? AND t.end_date >= ?)")
                .params(java.sql.Timestamp.from(clock.now().minus(policy.signedDealWindow())), today, today)
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getInt(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
        return rows.stream().filter(r -> r.open() <= policy.maxOpenLeads("SOUTH"))
                .sorted(Comparator.comparingInt(Row::open).thenComparing(Comparator.comparingInt(Row::deals).reversed())
                        .thenComparing(Row::last, Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Row::id))
                .map(Row::id).findFirst().orElse(null);
    }

    /** The kept figures of every rep equal a fresh count from the leads and the deals in the window. */
    private void assertFiguresMatchTheLeads() {
        Map<String, List<Object>> kept = new HashMap<>();
        Map<String, List<Object>> truth = new HashMap<>();
        jdbc.sql("SELECT user_id, open_leads, recent_deals, last_assigned_at FROM sales_staff").query(rs -> {
            kept.put(rs.getString(1), List.of(rs.getInt(2), rs.getInt(3), String.valueOf(rs.getTimestamp(4))));
        });
        jdbc.sql("SELECT s.user_id, " + COUNTED + " FROM sales_staff s")
                .param(java.sql.Timestamp.from(clock.now().minus(policy.signedDealWindow())))
                .query(rs -> {
                    truth.put(rs.getString(1), List.of(rs.getInt(2), rs.getInt(3), String.valueOf(rs.getTimestamp(4))));
                });
        assertThat(kept).isEqualTo(truth);
    }

    private Assignment assign(String region) {
        String leadId = intake.receive(TestData.leadBody("TRADE_SHOW_QR", region, "30000"), LeadSource.TRADE_SHOW_QR).lead().id();
        return assignment.assign(leadId, new RoutingDecision("测试 workload", region, List.of()));
    }

    /** A website lead through intake and its routing job; returns the lead id. */
    private String routed(String region) {
        Lead lead = intake.receive(TestData.leadBody("WEBSITE_FORM", region, "30000"), LeadSource.WEBSITE_FORM).lead();
        Job job = managementService.createJobQuery().processInstanceId(lead.processInstanceId())
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult();
        managementService.executeJob(job.getId());
        return lead.id();
    }

    private void contact(String leadId, ContactOutcome outcome, String invalidReason) {
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(leadId)
                .taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).singleResult();
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.CONTACT_OUTCOME, outcome.name());
        vars.put(Vars.NEXT_FOLLOW_UP_DATE, outcome == ContactOutcome.INVALID ? null : clock.today().plusDays(1).toString());
        vars.put(Vars.INVALID_REASON, invalidReason);
        vars.put(Vars.CONTACT_NOTES, "测试");
        identityService.setAuthentication(task.getAssignee(), List.of(Groups.SALES_REP));
        taskService.complete(task.getId(), vars);
        identityService.clearAuthentication();
    }

    private int openLeads(String rep) {
        return jdbc.sql("SELECT open_leads FROM sales_staff WHERE user_id = ?").param(rep).query(Integer.class).single();
    }

    private int recentDeals(String rep) {
        return jdbc.sql("SELECT recent_deals FROM sales_staff WHERE user_id = ?").param(rep).query(Integer.class).single();
    }

    private Instant lastAssigned(String rep) {
        return jdbc.sql("SELECT last_assigned_at FROM sales_staff WHERE user_id = ?").param(rep)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    private String leadStatus(String leadId) {
        return jdbc.sql("SELECT status FROM sales_lead WHERE id = ?").param(leadId).query(String.class).single();
    }
}
