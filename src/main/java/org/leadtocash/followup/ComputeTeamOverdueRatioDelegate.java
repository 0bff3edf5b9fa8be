package org.leadtocash.followup;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.followup.FollowUpReminderPolicyProcess.Vars;
import org.springframework.stereotype.Component;

/** 计算团队逾期跟进率 Compute the team's overdue follow-up ratio, the decision's input. */
@Component("computeTeamOverdueRatioDelegate")
class ComputeTeamOverdueRatioDelegate implements JavaDelegate {
    private final FollowUpKpi kpi;

    ComputeTeamOverdueRatioDelegate(FollowUpKpi kpi) {
        this.kpi = kpi;
    }

    @Override
    public void execute(DelegateExecution execution) {
        FollowUpKpi.Figure figure = kpi.team((String) execution.getVariable(Vars.TEAM));
        execution.setVariable(Vars.OVERDUE_RATIO, figure.overdueRatio().doubleValue());
        execution.setVariable(Vars.OVERDUE_CUSTOMERS, figure.overdueCustomers());
        execution.setVariable(Vars.CUSTOMERS, figure.customers());
    }
}
