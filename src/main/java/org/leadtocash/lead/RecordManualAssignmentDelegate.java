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
    private final LeadSla sla;

    public RecordManualAssignmentDelegate(LeadAssignment assignment, LeadSla sla) {
        this.assignment = assignment;
        this.sla = sla;
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
        sla.alignFirstContactDeadline(execution);
    }
}
