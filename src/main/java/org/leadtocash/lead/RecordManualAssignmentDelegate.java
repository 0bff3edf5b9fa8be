package org.leadtocash.lead;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 记录人工分配 Record manual assignment. Runs in the manager's task completion: an unknown or inactive rep
 * rolls the completion back and the manager sees which field is wrong.
 */
@Component("recordManualAssignmentDelegate")
class RecordManualAssignmentDelegate implements JavaDelegate {
    private final LeadAssignment assignment;

    public RecordManualAssignmentDelegate(LeadAssignment assignment) {
        this.assignment = assignment;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        Object chosen = execution.getVariable(Vars.ASSIGNEE);
        String explanation = assignment.assignManually((String) execution.getVariable(Vars.LEAD_ID),
                chosen == null ? null : chosen.toString(), user == null ? null : user.getUserId());
        execution.setVariable(Vars.ASSIGNEE, chosen.toString().strip());
        execution.setVariable(Vars.LEAD_ASSIGNED, true);
        execution.setVariable(Vars.ROUTING_EXPLANATION, explanation);
    }
}
