package org.leadtocash.quote;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.security.access.AccessDeniedException;

/**
 * The user who submitted a Tasklist start form: the initiator variable must be the engine's authenticated user, whose
 * groups then decide (a start by code or without login is refused naming the rule).
 */
record StartFormUser(String id, List<String> groups) {

    static StartFormUser of(DelegateExecution execution, String initiatorVariable, String rule) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        Object initiator = execution.getVariable(initiatorVariable);
        if (user == null || initiator == null || !initiator.equals(user.getUserId())) {
            throw new AccessDeniedException(rule + "; start the process as a logged-in user");
        }
        return new StartFormUser(user.getUserId(), user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds()));
    }
}
