package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 起草合同 Draft contract: locked clauses at the library's latest version; {@code clauseChanges} describes what moved
 * since the quote and {@code clauseChangesFound} sends the rep to confirm it.
 */
@Component("draftContractDelegate")
class DraftContractDelegate implements JavaDelegate {
    private final Contracts contracts;

    public DraftContractDelegate(Contracts contracts) {
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Contract contract = contracts.draft(QuoteVariables.string(execution, Vars.QUOTE_ID), execution.getProcessInstanceId());
        QuoteVariables.contract(execution, contract);
        execution.setVariable(Vars.CLAUSE_CHANGES_FOUND, contract.clauseChanges() != null);
        execution.setVariable(Vars.CLAUSE_CHANGES,
                QuoteVariables.cut(contract.clauseChanges(), "GET /api/contracts/" + contract.id()));
    }
}
