package org.leadtocash.policy;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.policy.PolicyRolloutProcess.Vars;
import org.springframework.stereotype.Component;

/** 钉钉通知相关销售 DingTalk the reps in the policy's scope. */
@Component("notifyPolicyRepsDelegate")
class NotifyPolicyRepsDelegate implements JavaDelegate {
    private final PolicyRollouts rollouts;

    NotifyPolicyRepsDelegate(PolicyRollouts rollouts) {
        this.rollouts = rollouts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        rollouts.notifyReps((String) execution.getVariable(Vars.POLICY_ID), execution.getProcessInstanceId());
    }
}
