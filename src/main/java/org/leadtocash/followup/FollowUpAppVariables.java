package org.leadtocash.followup;

import java.util.Map;
import java.util.Set;

import org.leadtocash.shared.AppVariables;
import org.springframework.stereotype.Component;

/** The variables this module's code gives its processes (each process's {@code Vars}) and the reminder decision. */
@Component
class FollowUpAppVariables implements AppVariables {
    @Override
    public Map<String, Set<String>> byKey() {
        Set<String> policy = AppVariables.constants(FollowUpReminderPolicyProcess.Vars.class);
        return Map.of(CustomerFollowUpProcess.KEY, AppVariables.constants(CustomerFollowUpProcess.Vars.class),
                FollowUpReminderPolicyProcess.KEY, policy, FollowUpReminderPolicyProcess.DECISION, policy);
    }
}
