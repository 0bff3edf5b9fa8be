package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/** 应用合同修改 Apply the rep's revision after legal returned the contract: prices, delivery date, note for legal. */
@Component("applyContractRevisionDelegate")
class ApplyContractRevisionDelegate implements JavaDelegate {
    private final PriceEditValidator validator;
    private final Contracts contracts;

    public ApplyContractRevisionDelegate(PriceEditValidator validator, Contracts contracts) {
        this.validator = validator;
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Contract contract = contracts.get(QuoteVariables.string(execution, Vars.CONTRACT_ID));
        PriceEdit revision = validator.revision(contract, execution.getVariable(Vars.LINES),
                execution.getVariable(Vars.DELIVERY_DATE), execution.getVariable(Vars.REVISION_NOTE));
        QuoteVariables.contract(execution, contracts.revise(contract.id(), revision));
    }
}
