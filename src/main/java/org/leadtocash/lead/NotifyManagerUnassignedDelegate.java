package org.leadtocash.lead;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.leadtocash.notify.NotificationRecipients;
import org.leadtocash.notify.NotificationTask;
import org.springframework.stereotype.Component;

/**
 * 钉钉提醒销售主管 DingTalk the sales managers: the lead is still unassigned 2 h after creation as drawn on its timer
 * . Who gets it and through which chat are the task's input parameters {@code recipients} (e.g.
 * {@code role:manager, director-of-region:${region}}) and {@code channel} ({@code dingtalk} or {@code wecom}); a
 * diagram without them alerts every active manager by DingTalk, as before.
 */
@Component("notifyManagerUnassignedDelegate")
class NotifyManagerUnassignedDelegate implements JavaDelegate {
    private final LeadEscalations escalations;
    private final NotificationRecipients recipients;

    public NotifyManagerUnassignedDelegate(LeadEscalations escalations, NotificationRecipients recipients) {
        this.escalations = escalations;
        this.recipients = recipients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String leadId = (String) execution.getVariable(Vars.LEAD_ID);
        String key = LeadEscalations.occurrenceKey(execution);
        Object to = execution.getVariableLocal(NotificationTask.RECIPIENTS);
        if (to == null) {
            escalations.alertManagersUnassigned(leadId, execution.getProcessInstanceId(), key);
            return;
        }
        Object channel = execution.getVariableLocal(NotificationTask.CHANNEL);
        escalations.alertUnassigned(leadId, execution.getProcessInstanceId(), key,
                channel == null ? org.leadtocash.notify.Channel.DINGTALK : NotificationTask.channel(channel),
                recipients.resolve(to));
    }
}
