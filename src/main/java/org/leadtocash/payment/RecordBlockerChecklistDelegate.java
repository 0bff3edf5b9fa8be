package org.leadtocash.payment;

import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.springframework.stereotype.Component;

/** 记录阻塞原因 Store the rep's blocker checklist answers as data; runs in the rep's task completion. */
@Component("recordBlockerChecklistDelegate")
class RecordBlockerChecklistDelegate implements JavaDelegate {
    private final PaymentBreakers breakers;

    public RecordBlockerChecklistDelegate(PaymentBreakers breakers) {
        this.breakers = breakers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        Object repId = execution.getVariable(Vars.REP_ID);
        breakers.answer(((Number) execution.getVariable(Vars.BLOCKER_CHECK_ID)).longValue(),
                execution.getVariable(Vars.BLOCKER_CAUSES), execution.getVariable(Vars.BLOCKER_OTHER_CAUSE),
                execution.getVariable(Vars.BLOCKER_NOTE), execution.getVariable(Vars.NEXT_ACTION),
                execution.getVariable(Vars.NEXT_ACTION_DATE), user != null ? user.getUserId() : String.valueOf(repId));
        // stored as data now; the next checklist of this journey starts with an empty form
        execution.removeVariables(List.of(Vars.BLOCKER_CAUSES, Vars.BLOCKER_OTHER_CAUSE, Vars.BLOCKER_NOTE,
                Vars.NEXT_ACTION, Vars.NEXT_ACTION_DATE));
    }
}
