package org.leadtocash.policy;

import java.util.Map;
import java.util.Set;

import org.leadtocash.shared.AppVariables;
import org.springframework.stereotype.Component;

/** The variables this module's code gives the policy roll-out: {@link PolicyRolloutProcess.Vars}. */
@Component
class PolicyAppVariables implements AppVariables {
    @Override
    public Map<String, Set<String>> byKey() {
        return Map.of(PolicyRolloutProcess.KEY, AppVariables.constants(PolicyRolloutProcess.Vars.class));
    }
}
