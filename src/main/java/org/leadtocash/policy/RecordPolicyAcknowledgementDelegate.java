package org.leadtocash.policy;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.policy.PolicyRolloutProcess.Vars;
import org.springframework.stereotype.Component;

/** 记录确认 Record acknowledgement: runs in the rep's task completion; an unticked box rolls it back naming the field. */
@Component("recordPolicyAcknowledgementDelegate")
class RecordPolicyAcknowledgementDelegate implements JavaDelegate {
    private final PolicyRollouts rollouts;

    RecordPolicyAcknowledgementDelegate(PolicyRollouts rollouts) {
        this.rollouts = rollouts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        rollouts.acknowledge((String) execution.getVariable(Vars.POLICY_ID), (String) execution.getVariable(Vars.REP),
                execution.getVariable(Vars.POLICY_ACKNOWLEDGED));
    }
}
