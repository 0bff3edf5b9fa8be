package org.leadtocash.followup;

import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.leadtocash.followup.CustomerFollowUpProcess.Vars;
import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Component;

/**
 * 记录跟进结果 Record follow-up contact: runs in the rep's task completion; invalid input rolls the completion back with
 * the message naming the field.
 */
@Component("recordFollowUpContactDelegate")
class RecordFollowUpContactDelegate implements JavaDelegate {
    private final FollowUps followUps;
    private final EngineClock clock;

    RecordFollowUpContactDelegate(FollowUps followUps, EngineClock clock) {
        this.followUps = followUps;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String by = user != null ? user.getUserId() : (String) execution.getVariable(Vars.REP_ID);
        FollowUps.Contact contact = followUps.recordFromTask((String) execution.getVariable(Vars.CUSTOMER_ID),
                execution.getVariable(Vars.FOLLOW_UP_OUTCOME), execution.getVariable(Vars.FOLLOW_UP_NOTES),
                execution.getVariable(Vars.NEXT_FOLLOW_UP_DATE), by);
        execution.setVariables(FollowUps.variables(contact, clock.now()));
    }
}
