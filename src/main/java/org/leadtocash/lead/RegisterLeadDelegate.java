package org.leadtocash.lead;

import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.leadtocash.shared.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * 登记线索 Register lead. Leads from the intake API arrive registered (they carry {@code leadId}); a phone lead
 * entered through the Tasklist start form is validated and stored here, and its id becomes the business key. Either
 * way it sets the lead's escalation deadlines: lead creation + the durations drawn on this version's SLA timers.
 */
@Component("registerLeadDelegate")
class RegisterLeadDelegate implements JavaDelegate {
    private final LeadIntake intake;
    private final LeadRepository leads;
    private final LeadSla sla;

    public RegisterLeadDelegate(LeadIntake intake, LeadRepository leads, LeadSla sla) {
        this.intake = intake;
        this.leads = leads;
        this.sla = sla;
    }

    @Override
    public void execute(DelegateExecution execution) {
        if (execution.hasVariable(Vars.LEAD_ID)) {
            // only the intake API's own start carries a lead id: its lead, stored in this transaction, not yet bound
            // to a process. A start form (or REST start) passing one would re-route someone else's lead.
            Object id = execution.getVariable(Vars.LEAD_ID);
            Lead own = (id instanceof String leadId ? leads.find(leadId) : Optional.<Lead>empty())
                    .filter(l -> l.status() == LeadStatus.NEW && (l.processInstanceId() == null
                            || l.processInstanceId().equals(execution.getProcessInstanceId())))
                    .orElseThrow(() -> new InvalidInputException(Vars.LEAD_ID, "not-settable",
                            "线索编号由系统生成 the lead id is assigned by the application; enter a lead without it"));
            execution.setVariables(sla.deadlines(execution.getProcessDefinitionId(), own.createdAt()));
            return;
        }
        // the logged-in user rather than the leadInitiator variable, which start variables can overwrite
        var user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        Object initiator = user != null ? user.getUserId() : execution.getVariable(Vars.LEAD_INITIATOR);
        Map<String, Object> vars = intake.registerFromStartForm(execution.getVariables(),
                initiator == null ? null : initiator.toString(), execution.getProcessInstanceId());
        execution.setVariables(vars);
        String leadId = (String) vars.get(Vars.LEAD_ID);
        execution.setProcessBusinessKey(leadId);
        execution.setVariables(sla.deadlines(execution.getProcessDefinitionId(), leads.find(leadId).orElseThrow().createdAt()));
    }
}
