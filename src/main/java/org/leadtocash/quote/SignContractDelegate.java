package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 合同签署 Contract signed: the one-time step after legal's approval, kept apart from the review so that an owner can
 * add a second approval (e.g. {@code ${contractTotal > 1000000}}) in the diagram without signing twice.
 */
@Component("signContractDelegate")
class SignContractDelegate implements JavaDelegate {
    private final Contracts contracts;

    SignContractDelegate(Contracts contracts) {
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        QuoteVariables.contract(execution, contracts.sign(QuoteVariables.string(execution, Vars.CONTRACT_ID)));
    }
}
