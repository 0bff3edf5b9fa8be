package org.leadtocash.policy;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.policy.PolicyRolloutProcess.Vars;
import org.springframework.stereotype.Component;

/** 钉钉升级区域总监 DingTalk the director: the drawn benchmark passed without a deal under the policy. */
@Component("notifyDirectorNoDealDelegate")
class NotifyDirectorNoDealDelegate implements JavaDelegate {
    private final PolicyRollouts rollouts;

    NotifyDirectorNoDealDelegate(PolicyRollouts rollouts) {
        this.rollouts = rollouts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        rollouts.escalate((String) execution.getVariable(Vars.POLICY_ID), execution.getProcessInstanceId(),
                execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId() + "/" + execution.getId());
    }
}
