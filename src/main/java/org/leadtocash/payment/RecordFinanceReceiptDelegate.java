package org.leadtocash.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.springframework.stereotype.Component;

/** 记录银行到账 Record the receipt finance confirmed (⑤); runs in finance's task completion. */
@Component("recordFinanceReceiptDelegate")
class RecordFinanceReceiptDelegate implements JavaDelegate {
    private final JourneyProgress progress;

    public RecordFinanceReceiptDelegate(JourneyProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Authentication user = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        execution.setVariables(progress.recordFinanceReceipt((String) execution.getVariable(Vars.JOURNEY_ID),
                execution.getVariable(Vars.RECEIPT_AMOUNT), execution.getVariable(Vars.RECEIPT_VALUE_DATE),
                execution.getVariable(Vars.RECEIPT_REFERENCE), user == null ? null : user.getUserId()));
    }
}
