package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.leadtocash.shared.EngineClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Load-aware assignment on stored leads: capacity (more than 8 open leads skips), trips, owner
 * precedence, preferred reps before the team, and the tie-breaks. The clock is fixed so "today" and "the last 7 days"
 * are exact.
 */
@AppTest
class LeadAssignmentTests {
    private static final RoutingDecision EAST_TEAM = new RoutingDecision("测试 East team", "EAST", List.of());

    @Autowired LeadAssignment assignment;
    @Autowired LeadIntake intake;
    @Autowired LeadRepository leads;
    @Autowired EngineClock clock;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;

    private Instant now;
    private LocalDate today;

    @BeforeEach
    void setUp() {
        data.reset();
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ClockUtil.setCurrentTime(Date.from(now));
        today = clock.today();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // --- capacity ----------------------------------------------------------------------------------------------

    @Test
    void skipsRepWithMoreThanEightOpenLeads() {
        data.deactivateAllRepsExcept("zhangwei", "lina");
        data.openLeads("zhangwei", 9, now.minus(Duration.ofDays(3)));
        data.openLeads("lina", 8, now.minus(Duration.ofDays(1)));

        Assignment result = assign(EAST_TEAM);

        assertThat(result.assignee()).isEqualTo("lina");
        assertThat(candidate(result, "zhangwei").skippedBecause()).contains("more than 8 open leads");
        assertThat(candidate(result, "zhangwei").openLeads()).isEqualTo(9);
        assertThat(candidate(result, "lina").eligible()).isTrue();
    }

    @Test
    void repWithExactlyEightOpenLeadsIsStillEligible() {
        data.deactivateAllRepsExcept("zhangwei");
        data.openLeads("zhangwei", 8, now.minus(Duration.ofDays(1)));

        Assignment result = assign(EAST_TEAM);

        assertThat(result.assignee()).isEqualTo("zhangwei");
        assertThat(result.skipped()).isEmpty();
    }

    @Test
    void contactedAndInvalidLeadsDoNotCountAsOpen() {
        data.deactivateAllRepsExcept("zhangwei", "lina");
        data.openLeads("zhangwei", 9, now.minus(Duration.ofDays(3)));
        data.openLeads("lina", 1, now.minus(Duration.ofDays(3)));
        // five of zhangwei's nine leads are done: 4 open remain, so he is eligible again (lina still has fewer)
        closeLeads("zhangwei", 5);

        Assignment result = assign(EAST_TEAM);

        assertThat(candidate(result, "zhangwei").openLeads()).isEqualTo(4);
        assertThat(candidate(result, "zhangwei").eligible()).isTrue();
        assertThat(result.assignee()).isEqualTo("lina");
    }

    // --- trips -------------------------------------------------------------------------------------------------

    @Test
    void skipsRepOnABusinessTrip() {
        data.deactivateAllRepsExcept("zhangwei", "lina");
        data.trip("zhangwei", today, today.plusDays(3));
        data.openLeads("lina", 5, now.minus(Duration.ofDays(1)));

        Assignment result = assign(EAST_TEAM);

        assertThat(result.assignee()).isEqualTo("lina");
        assertThat(candidate(result, "zhangwei").skippedBecause()).contains("on a business trip", today.toString());
    }

    @Test
    void tripThatEndedYesterdayDoesNotSkip() {
        data.deactivateAllRepsExcept("zhangwei", "lina");
        data.trip("zhangwei", today.minusDays(5), today.minusDays(1));
        data.trip("zhangwei", today.plusDays(1), today.plusDays(4));
        data.openLeads("lina", 5, now.minus(Duration.ofDays(1)));

        Assignment result = assign(EAST_TEAM);

        assertThat(result.assignee()).isEqualTo("zhangwei");
        assertThat(result.skipped()).isEmpty();
    }

    // --- precedence --------------------------------------------------------------------------------------------

    @Test
    void customerOwnerGetsTheLeadEvenWhenOverCapacityAndOnATrip() {
        data.openLeads("wangfang", 12, now.minus(Duration.ofDays(1)));
        data.trip("wangfang", today, today.plusDays(1));
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "250000");
        data.owner((String) body.get("creditCode"), (String) body.get("companyName"), "wangfang");
        String leadId = intake.receive(body, LeadSource.WEBSITE_FORM).lead().id();

        Assignment result = assignment.assign(leadId,
                new RoutingDecision("官网大额线索", "EAST", List.of("zhangwei", "lina")));

        assertThat(result.assignee()).isEqualTo("wangfang");
        assertThat(result.reason()).contains("owner");
        assertThat(result.text()).contains("one customer, one owner");
        Lead stored = leads.find(leadId).orElseThrow();
        assertThat(stored.assignee()).isEqualTo("wangfang");
        assertThat(stored.status()).isEqualTo(LeadStatus.ASSIGNED);
        assertThat(stored.assignedAt()).isEqualTo(now);
    }

    @Test
    void preferredRepComesBeforeLessLoadedTeamMates() {
        data.openLeads("lina", 5, now.minus(Duration.ofDays(1)));

        Assignment result = assign(new RoutingDecision("偏好 lina", "EAST", List.of("lina")));

        assertThat(result.assignee()).isEqualTo("lina");
        assertThat(result.reason()).contains("preferred rep");
        assertThat(candidate(result, "lina").preferred()).isTrue();
    }

    @Test
    void preferredRepFromAnotherRegionIsConsideredToo() {
        data.openLeads("chenjing", 2, now.minus(Duration.ofDays(1)));

        Assignment result = assign(new RoutingDecision("偏好 chenjing", "EAST", List.of("chenjing")));

        assertThat(result.assignee()).isEqualTo("chenjing");
    }

    @Test
    void fallsBackToTheTeamWhenNoPreferredRepIsEligible() {
        data.trip("lina", today, today);
        data.openLeads("zhangwei", 9, now.minus(Duration.ofDays(1)));
        data.openLeads("wangfang", 7, now.minus(Duration.ofDays(1)));

        Assignment result = assign(new RoutingDecision("偏好", "EAST", List.of("zhangwei", "lina")));

        assertThat(result.assignee()).isEqualTo("wangfang");
        assertThat(result.reason()).contains("no preferred rep eligible");
    }

    // --- tie-breaks --------------------------------------------------------------------------------------------

    @Test
    void picksTheRepWithFewestOpenLeads() {
        data.openLeads("zhangwei", 3, now.minus(Duration.ofDays(1)));
        data.openLeads("lina", 2, now.minus(Duration.ofDays(1)));
        data.openLeads("wangfang", 4, now.minus(Duration.ofDays(1)));
        data.signedDeals("zhangwei", 5, now.minus(Duration.ofDays(1)));

        Assignment result = assign(EAST_TEAM);

        assertThat(result.assignee()).isEqualTo("lina");
        assertThat(result.reason()).contains("fewest open leads");
    }

    @Test
    void onEqualOpenLeadsPicksTheRepWithMostDealsSignedInTheLastSevenDays() {
        equalLoad();
        data.signedDeals("zhangwei", 1, now.minus(Duration.ofDays(6)));
        data.signedDeals("wangfang", 2, now.minus(Duration.ofDays(1)));
        // lina's deals are older than 7 days and do not count
        data.signedDeals("lina", 5, now.minus(Duration.ofDays(8)));

        Assignment result = assign(EAST_TEAM);

        assertThat(result.assignee()).isEqualTo("wangfang");
        assertThat(result.reason()).contains("most deals signed in the last 7 days");
        assertThat(candidate(result, "lina").recentDeals()).isZero();
        assertThat(candidate(result, "zhangwei").recentDeals()).isEqualTo(1);
        assertThat(candidate(result, "wangfang").recentDeals()).isEqualTo(2);
    }

    @Test
    void dealSignedEightDaysAgoDoesNotCount() {
        equalLoad();
        data.signedDeals("zhangwei", 3, now.minus(Duration.ofDays(8)));
        data.signedDeals("wangfang", 1, now.minus(Duration.ofDays(7)).plus(Duration.ofMinutes(1)));

        Assignment result = assign(EAST_TEAM);

        assertThat(result.assignee()).isEqualTo("wangfang");
        assertThat(candidate(result, "zhangwei").recentDeals()).isZero();
    }

    @Test
    void onEqualLoadAndDealsPicksTheLeastRecentlyAssignedRep() {
        data.openLeads("zhangwei", 1, now.minus(Duration.ofHours(1)));
        data.openLeads("lina", 1, now.minus(Duration.ofHours(3)));
        data.openLeads("wangfang", 1, now.minus(Duration.ofHours(2)));
        data.signedDeals("zhangwei", 1, now.minus(Duration.ofDays(1)));
        data.signedDeals("lina", 1, now.minus(Duration.ofDays(1)));
        data.signedDeals("wangfang", 1, now.minus(Duration.ofDays(1)));

        Assignment result = assign(EAST_TEAM);

        assertThat(result.assignee()).isEqualTo("lina");
        assertThat(result.reason()).contains("least recently assigned");
    }

    @Test
    void leastRecentlyAssignedCountsContactedLeadsToo() {
        data.openLeads("zhangwei", 1, now.minus(Duration.ofHours(5)));
        data.openLeads("lina", 2, now.minus(Duration.ofHours(6)));
        data.openLeads("wangfang", 1, now.minus(Duration.ofHours(4)));
        // lina's second lead was handed to her a minute ago and she has reached the customer already
        closeOne("lina", now.minus(Duration.ofMinutes(1)));

        Assignment result = assign(EAST_TEAM);

        assertThat(candidate(result, "lina").openLeads()).isEqualTo(1);
        assertThat(candidate(result, "lina").lastAssignedAt()).isEqualTo(now.minus(Duration.ofMinutes(1)));
        assertThat(result.assignee()).isEqualTo("zhangwei");
    }

    // --- nobody eligible ---------------------------------------------------------------------------------------

    @Test
    void leavesLeadUnassignedWithEverySkipReasonWhenNoRepIsEligible() {
        data.openLeads("zhangwei", 9, now.minus(Duration.ofDays(1)));
        data.trip("lina", today.minusDays(1), today.plusDays(1));
        data.trip("wangfang", today, today);
        String leadId = newLead();

        Assignment result = assignment.assign(leadId, new RoutingDecision("华东区域默认", "EAST", List.of("nobody")));

        assertThat(result.assigned()).isFalse();
        assertThat(result.skipped()).extracting(Assignment.Candidate::userId).containsExactlyInAnyOrder("zhangwei", "lina", "wangfang");
        assertThat(result.text()).contains("zhangwei", "more than 8 open leads", "lina", "wangfang", "on a business trip",
                "nobody", "no eligible rep");
        assertThat(result.availableRepsText()).contains("zhangwei", "lina", "wangfang");
        Lead stored = leads.find(leadId).orElseThrow();
        assertThat(stored.status()).isEqualTo(LeadStatus.UNASSIGNED);
        assertThat(stored.assignee()).isNull();
        assertThat(stored.routingRule()).isEqualTo("华东区域默认");
        assertThat(stored.routingExplanation()).isEqualTo(result.text());
    }

    @Test
    void inactiveRepsAreNotCandidates() {
        data.deactivateAllRepsExcept();

        Assignment result = assign(EAST_TEAM);

        assertThat(result.assigned()).isFalse();
        assertThat(result.candidates()).isEmpty();
        assertThat(result.availableRepsText()).contains("no reps in the team");
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Assignment assign(RoutingDecision routing) {
        return assignment.assign(newLead(), routing);
    }

    /** A stored lead (its routing job is left waiting: the job executor is off). */
    private String newLead() {
        return intake.receive(TestData.leadBody("WEBSITE_FORM", "EAST", "30000"), LeadSource.WEBSITE_FORM).lead().id();
    }

    private void equalLoad() {
        Instant at = now.minus(Duration.ofDays(2));
        data.openLeads("zhangwei", 1, at);
        data.openLeads("lina", 1, at);
        data.openLeads("wangfang", 1, at);
    }

    private void closeLeads(String rep, int n) {
        List<String> ids = jdbc.sql("SELECT id FROM sales_lead WHERE assignee = ? AND status = 'ASSIGNED' ORDER BY id")
                .param(rep).query(String.class).list();
        for (int i = 0; i < n; i++) {
            jdbc.sql("UPDATE sales_lead SET status = ? WHERE id = ?").params(i % 2 == 0 ? "CONTACTED" : "INVALID", ids.get(i))
                    .update();
        }
        data.recountWorkload();
    }

    private void closeOne(String rep, Instant assignedAt) {
        String id = jdbc.sql("SELECT id FROM sales_lead WHERE assignee = ? AND status = 'ASSIGNED' FETCH FIRST 1 ROWS ONLY")
                .param(rep).query(String.class).single();
        jdbc.sql("UPDATE sales_lead SET status = 'CONTACTED', assigned_at = ? WHERE id = ?")
                .params(java.sql.Timestamp.from(assignedAt), id).update();
        data.recountWorkload();
    }

    private static Assignment.Candidate candidate(Assignment result, String userId) {
        return result.candidates().stream().filter(c -> c.userId().equals(userId)).findFirst()
                .orElseThrow(() -> new AssertionError(userId + " is not a candidate: " + result.text()));
    }
}
