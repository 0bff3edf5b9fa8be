package org.leadtocash.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.springframework.stereotype.Component;

/** 记录采购发起付款流程 Record ③: the customer's payment process number; runs in the rep's task completion. */
@Component("recordProcurementStartedDelegate")
class RecordProcurementStartedDelegate implements JavaDelegate {
    private final JourneyProgress progress;

    public RecordProcurementStartedDelegate(JourneyProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(progress.recordProcurementStarted(JourneyProgress.where(execution),
                execution.getVariable(Vars.PROCUREMENT_REFERENCE), execution.getVariable(Vars.PROCUREMENT_STARTED_DATE)));
    }
}
