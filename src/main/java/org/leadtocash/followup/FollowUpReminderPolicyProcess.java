package org.leadtocash.followup;

/**
 * Names of {@code bpmn/follow-up-reminder-policy.bpmn} (daily: each team's overdue follow-up ratio → DMN
 * {@code followUpReminderPolicy} → stronger reminders on or off, recorded with history).
 */
public final class FollowUpReminderPolicyProcess {
    public static final String KEY = "FollowUpReminderPolicyProcess";
    public static final String DECISION = "followUpReminderPolicy";

    public static final class Task {
        public static final String COMPUTE_RATIO = "Task_ComputeTeamOverdueRatio";
        public static final String DECIDE = "Task_DecideStrongerReminders";
        public static final String RECORD_SWITCH = "Task_RecordReminderSwitch";

        private Task() {
        }
    }

    public static final class Event {
        public static final String DAILY = "StartEvent_Daily";
        public static final String TEAMS_EVALUATED = "EndEvent_TeamsEvaluated";

        private Event() {
        }
    }

    public static final class Vars {
        /** the multi-instance element: one team (sales region code) */
        public static final String TEAM = "team";
        public static final String OVERDUE_RATIO = "overdueRatio";
        public static final String OVERDUE_CUSTOMERS = "overdueCustomers";
        public static final String CUSTOMERS = "customers";
        /** the decision's single result */
        public static final String STRONGER_REMINDERS = "strongerReminders";

        private Vars() {
        }
    }

    private FollowUpReminderPolicyProcess() {
    }
}
