package org.leadtocash.lead;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.springframework.stereotype.Component;

/** 钉钉提醒销售主管 DingTalk the sales managers: the lead is still unassigned 2 h after creation as drawn on its timer. */
@Component("notifyManagerUnassignedDelegate")
class NotifyManagerUnassignedDelegate implements JavaDelegate {
    private final LeadEscalations escalations;

    public NotifyManagerUnassignedDelegate(LeadEscalations escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        escalations.alertManagersUnassigned((String) execution.getVariable(Vars.LEAD_ID),
                execution.getProcessInstanceId(), LeadEscalations.occurrenceKey(execution));
    }
}
