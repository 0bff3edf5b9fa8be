package org.leadtocash.policy;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.leadtocash.policy.PolicyRolloutProcess.Vars;
import org.leadtocash.shared.Groups;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * 登记政策 Register policy: the publisher is the user who submitted the start form; anyone outside marketing and the
 * regional directors, and any invalid field, rolls the start back with the rule or field named and nothing stored.
 */
@Component("registerPolicyDelegate")
class RegisterPolicyDelegate implements JavaDelegate {
    private final PolicyRollouts rollouts;

    RegisterPolicyDelegate(PolicyRollouts rollouts) {
        this.rollouts = rollouts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String publisher = (String) execution.getVariable(Vars.POLICY_PUBLISHER);
        List<String> groups = user == null || user.getGroupIds() == null ? List.of() : user.getGroupIds();
        if (user == null || publisher == null || !publisher.equals(user.getUserId())
                || !(groups.contains(Groups.MARKETING) || groups.contains(Groups.REGIONAL_DIRECTOR))) {
            throw new AccessDeniedException(PolicyRolloutProcess.PUBLISH_RULE);
        }
        PolicyRollout rollout = rollouts.register(execution.getVariable(Vars.POLICY_TITLE), execution.getVariable(Vars.POLICY_KIND),
                execution.getVariable(Vars.PRODUCT), execution.getVariable(Vars.REGION), execution.getVariable(Vars.POLICY_TEXT),
                publisher, execution.getProcessInstanceId());
        execution.setVariable(Vars.POLICY_ID, rollout.id());
        execution.setVariable(Vars.AFFECTED_REPS, rollouts.reps(rollout.id()));
        execution.setProcessBusinessKey(rollout.id());
    }
}
