package org.leadtocash.followup;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.math.BigDecimal;
import java.sql.Timestamp;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.followup.FollowUpReminderPolicyProcess.Task;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code bpmn/follow-up-reminder-policy.bpmn} with the decision {@code followUpReminderPolicy}: the daily timer evaluates
 * every team on the customers of {@link FollowUpLedger} (EAST 50 %, SOUTH exactly 25 %, NORTH none).
 */
@AppTest
class FollowUpReminderPolicyProcessTests {
    @Autowired ManagementService managementService;
    @Autowired HistoryService historyService;
    @Autowired TeamReminders reminders;
    @Autowired FollowUpFixtures fixtures;
    @Autowired JdbcClient jdbc;
    @Autowired TestData data;

    private FollowUpLedger.Ids ids;

    @BeforeEach
    void setUp() {
        data.reset();
        moveClockTo(FollowUpLedger.AS_OF);
        ids = FollowUpLedger.build(fixtures);
    }

    @Test
    void teamAboveTwentyFivePercentGetsStrongerRemindersAndATeamAtExactlyTwentyFivePercentDoesNot() {
        long decisionsBefore = historyService.createHistoricActivityInstanceQuery().activityId(Task.DECIDE).count();

        runDaily();

        assertThat(reminders.teamOn("EAST")).isTrue();
        assertThat(reminders.teamOn("SOUTH")).isFalse();
        assertThat(reminders.teamOn("NORTH")).isFalse();
        assertThat(reminders.strongerOn("lina")).isTrue();
        assertThat(reminders.strongerOn("chenjing")).isFalse();
        assertThat(reminders.history("EAST")).singleElement().satisfies(s -> {
            assertThat(s.strongerOn()).isTrue();
            assertThat(s.overdueCustomers()).isEqualTo(3);
            assertThat(s.customers()).isEqualTo(6);
            assertThat(s.overdueRatio()).isEqualByComparingTo("0.5000");
            assertThat(s.switchedAt()).isEqualTo(FollowUpLedger.AS_OF);
        });
        assertThat(reminders.history("SOUTH")).singleElement().satisfies(s -> {
            assertThat(s.strongerOn()).isFalse();
            assertThat(s.overdueRatio()).isEqualByComparingTo("0.2500");
        });
        assertThat(historyService.createHistoricActivityInstanceQuery().activityId(Task.DECIDE).count()).isEqualTo(decisionsBefore + 3);
    }

    @Test
    void strongerRemindersSwitchOffWhenTheTeamFallsBackToTwentyFivePercentOrLess() {
        reminders.record("EAST", true, 3, 6, new BigDecimal("0.5000"), null);
        // zhangwei calls customer a and lina customer f: EAST keeps only d overdue, 1 of 6
        contactedToday(ids.a());
        contactedToday(ids.f());

        runDaily();

        assertThat(reminders.teamOn("EAST")).isFalse();
        assertThat(reminders.history("EAST")).extracting(FollowUpRepository.Switch::strongerOn).containsExactly(true, false);
        assertThat(reminders.history("EAST").get(1).overdueRatio()).isEqualByComparingTo("0.1667");
        assertThat(reminders.history("EAST").get(1).overdueCustomers()).isEqualTo(1);
    }

    @Test
    void anUnchangedDecisionAddsNoHistory() {
        runDaily();
        moveClockTo(FollowUpLedger.AS_OF.plusSeconds(86_400));

        runDaily();

        assertThat(reminders.history("EAST")).hasSize(1);
        assertThat(reminders.history("SOUTH")).hasSize(1);
        assertThat(reminders.teamOn("EAST")).isTrue();
    }

    /** The daily timer start fires, as the job executor would run it. */
    private void runDaily() {
        Job daily = managementService.createJobQuery().processDefinitionKey(FollowUpReminderPolicyProcess.KEY).timers()
                .singleResult();
        assertThat(daily).as("the daily timer of " + FollowUpReminderPolicyProcess.KEY).isNotNull();
        managementService.executeJob(daily.getId());
    }

    private void contactedToday(String customerId) {
        jdbc.sql("UPDATE follow_up_customer SET last_contact_at = ?, next_follow_up_date = ? WHERE customer_id = ?")
                .params(Timestamp.from(FollowUpLedger.AS_OF), FollowUpLedger.day(2027, 3, 8), customerId).update();
    }
}
