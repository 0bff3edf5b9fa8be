package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 更新锁定条款 Refresh locked clauses: the contract takes the library's latest locked texts; {@code clauseChanges}
 * tells the rep what changed, and the confirmation is due again before legal reviews.
 */
@Component("refreshLockedClausesDelegate")
class RefreshLockedClausesDelegate implements JavaDelegate {
    private final Contracts contracts;

    RefreshLockedClausesDelegate(Contracts contracts) {
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Contract contract = contracts.refreshLockedClauses(QuoteVariables.string(execution, Vars.CONTRACT_ID));
        QuoteVariables.contract(execution, contract);
        execution.setVariable(Vars.CLAUSE_CHANGES_FOUND, true);
        execution.setVariable(Vars.CLAUSE_CHANGES_ACKNOWLEDGED, null);
        execution.setVariable(Vars.CLAUSE_CHANGES,
                QuoteVariables.cut(contract.clauseChanges(), "GET /api/contracts/" + contract.id()));
    }
}
