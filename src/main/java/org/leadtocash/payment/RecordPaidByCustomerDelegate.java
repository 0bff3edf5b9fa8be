package org.leadtocash.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.springframework.stereotype.Component;

/** 记录客户财务打款 Record ④: date and amount the customer paid; runs in the rep's task completion. */
@Component("recordPaidByCustomerDelegate")
class RecordPaidByCustomerDelegate implements JavaDelegate {
    private final JourneyProgress progress;

    public RecordPaidByCustomerDelegate(JourneyProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(progress.recordCustomerPaid(JourneyProgress.where(execution),
                execution.getVariable(Vars.CUSTOMER_PAID_DATE), execution.getVariable(Vars.CUSTOMER_PAID_AMOUNT)));
    }
}
