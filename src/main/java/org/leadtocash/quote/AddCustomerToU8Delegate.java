package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.erp.HandOffResult;
import org.leadtocash.erp.U8HandOff;
import org.leadtocash.quote.U8CustomerArchiveProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 建立U8客户档案 Add the customer to U8's customer archive, once per credit code (the hand-off log). Asynchronous with
 * a retry cycle in the diagram: an outage or a refusal by U8 fails the job, which retries and ends as an incident in
 * Cockpit naming U8's answer; retrying it after the cause is fixed adds the customer, never twice.
 */
@Component("addCustomerToU8Delegate")
class AddCustomerToU8Delegate implements JavaDelegate {
    private final U8CustomerArchive archive;
    private final U8HandOff u8;

    AddCustomerToU8Delegate(U8CustomerArchive archive, U8HandOff u8) {
        this.archive = archive;
        this.u8 = u8;
    }

    @Override
    public void execute(DelegateExecution execution) {
        HandOffResult result = u8.addCustomer(archive.customer(QuoteVariables.string(execution, Vars.CUSTOMER_ID)));
        execution.setVariable(Vars.U8_OUTCOME, result.outcome().name());
    }
}
