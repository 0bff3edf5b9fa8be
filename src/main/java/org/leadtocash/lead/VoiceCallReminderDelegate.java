package org.leadtocash.lead;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.springframework.stereotype.Component;

/** 语音外呼提醒销售 Voice-call the rep: the customer is still not reached 4 h after the lead was created as drawn on its timer. */
@Component("voiceCallReminderDelegate")
class VoiceCallReminderDelegate implements JavaDelegate {
    private final LeadEscalations escalations;

    public VoiceCallReminderDelegate(LeadEscalations escalations) {
        this.escalations = escalations;
    }

    @Override
    public void execute(DelegateExecution execution) {
        escalations.remindRep((String) execution.getVariable(Vars.LEAD_ID), (String) execution.getVariable(Vars.ASSIGNEE),
                execution.getProcessInstanceId(), LeadEscalations.occurrenceKey(execution));
    }
}
