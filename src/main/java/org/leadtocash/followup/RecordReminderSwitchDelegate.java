package org.leadtocash.followup;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.followup.FollowUpReminderPolicyProcess.Vars;
import org.springframework.stereotype.Component;

/** 记录团队强化提醒开关 Record the team's stronger-reminder switch as decided, with history when it changes. */
@Component("recordReminderSwitchDelegate")
class RecordReminderSwitchDelegate implements JavaDelegate {
    private final TeamReminders reminders;

    RecordReminderSwitchDelegate(TeamReminders reminders) {
        this.reminders = reminders;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object decided = execution.getVariable(Vars.STRONGER_REMINDERS);
        if (!(decided instanceof Boolean on)) {
            throw new IllegalStateException("decision " + FollowUpReminderPolicyProcess.DECISION
                    + " gave no boolean strongerReminders for team " + execution.getVariable(Vars.TEAM) + ": " + decided);
        }
        BigDecimal ratio = BigDecimal.valueOf(((Number) execution.getVariable(Vars.OVERDUE_RATIO)).doubleValue())
                .setScale(4, RoundingMode.HALF_UP);
        reminders.record((String) execution.getVariable(Vars.TEAM), on,
                ((Number) execution.getVariable(Vars.OVERDUE_CUSTOMERS)).intValue(),
                ((Number) execution.getVariable(Vars.CUSTOMERS)).intValue(), ratio, execution.getProcessInstanceId());
    }
}
