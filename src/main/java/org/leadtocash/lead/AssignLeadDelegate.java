package org.leadtocash.lead;

import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.springframework.stereotype.Component;

/** 按负载分配销售 Assign by workload: reads the DMN result, asks {@link LeadAssignment}, writes the outcome. */
@Component("assignLeadDelegate")
class AssignLeadDelegate implements JavaDelegate {
    private final LeadAssignment assignment;
    private final LeadSla sla;
    private final Regions regions;

    public AssignLeadDelegate(LeadAssignment assignment, LeadSla sla, Regions regions) {
        this.assignment = assignment;
        this.sla = sla;
        this.regions = regions;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
        RoutingDecision routing = RoutingDecision.from((Map<String, Object>) execution.getVariable(Vars.ROUTING),
                (String) execution.getVariable(Vars.REGION));
        if (routing.team() != null && regions.find(routing.team()).isEmpty()) {
            // a routing row naming a team that is no region: an incident in Cockpit, not a lead silently left to managers
            throw new IllegalStateException("routing rule '" + routing.ruleName() + "' names the team '" + routing.team()
                    + "', which is not a region: add the region in Camunda Admin → 销售团队 Sales team, or correct the routing table");
        }
        Assignment result = assignment.assign((String) execution.getVariable(Vars.LEAD_ID), routing);
        execution.setVariable(Vars.ASSIGNEE, result.assignee());
        execution.setVariable(Vars.LEAD_ASSIGNED, result.assigned());
        execution.setVariable(Vars.ROUTING_EXPLANATION, result.text());
        if (!result.assigned()) {
            execution.setVariable(Vars.AVAILABLE_REPS, result.availableRepsText());
        } else {
            sla.alignFirstContactDeadline(execution);
        }
    }
}
