package org.leadtocash.payment;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.payment.PaymentJourneyProcess.Vars;
import org.springframework.stereotype.Component;

/** 记录客户签收发票 Record ②: runs in the rep's task completion; invalid input rolls it back naming the field. */
@Component("recordCustomerSignatureDelegate")
class RecordCustomerSignatureDelegate implements JavaDelegate {
    private final JourneyProgress progress;

    public RecordCustomerSignatureDelegate(JourneyProgress progress) {
        this.progress = progress;
    }

    @Override
    public void execute(DelegateExecution execution) {
        execution.setVariables(progress.recordInvoiceSigned(JourneyProgress.where(execution),
                execution.getVariable(Vars.INVOICE_SIGNED_DATE), execution.getVariable(Vars.EXPECTED_PAYMENT_DATE),
                execution.getVariable(Vars.PROCUREMENT_CONTACT_NAME),
                execution.getVariable(Vars.PROCUREMENT_CONTACT_MOBILE)));
    }
}
