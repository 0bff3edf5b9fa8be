package org.leadtocash.lead;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 记录联系结果 Record contact outcome. Runs in the rep's task completion: invalid input rolls the completion
 * back with a message naming the field.
 */
@Component("recordContactAttemptDelegate")
class RecordContactAttemptDelegate implements JavaDelegate {
    private final LeadFollowUp followUp;
    private final LeadFormAnswers answers;

    public RecordContactAttemptDelegate(LeadFollowUp followUp, LeadFormAnswers answers) {
        this.followUp = followUp;
        this.answers = answers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        LeadFollowUp.ContactAttempt attempt = followUp.validate(execution.getVariable(Vars.CONTACT_OUTCOME),
                execution.getVariable(Vars.CONTACT_NOTES), execution.getVariable(Vars.NEXT_FOLLOW_UP_DATE),
                execution.getVariable(Vars.INVALID_REASON));
        followUp.record((String) execution.getVariable(Vars.LEAD_ID), (String) execution.getVariable(Vars.ASSIGNEE), attempt);
        // fields an owner added to the form in Modeler are kept with the lead too
        answers.record(execution, (String) execution.getVariable(Vars.LEAD_ID));
        Object attempts = execution.getVariable(Vars.CONTACT_ATTEMPTS);
        execution.setVariable(Vars.CONTACT_ATTEMPTS, (attempts instanceof Number n ? n.intValue() : 0) + 1);
        execution.setVariable(Vars.CONTACT_OUTCOME, attempt.outcome().name());
    }
}
