package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/** 记录条款变更确认 The rep confirmed he has seen the newer locked clauses (required). */
@Component("confirmClauseChangesDelegate")
class ConfirmClauseChangesDelegate implements JavaDelegate {
    private final ContractValidator validator;
    private final Contracts contracts;

    public ConfirmClauseChangesDelegate(ContractValidator validator, Contracts contracts) {
        this.validator = validator;
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        validator.requireClauseChangesAcknowledged(execution.getVariable(Vars.CLAUSE_CHANGES_ACKNOWLEDGED));
        contracts.confirmClauseChanges(QuoteVariables.string(execution, Vars.CONTRACT_ID));
    }
}
