package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/** 记录法务审核 Record legal's review: approve, or return with a reason (counted, R-12). */
@Component("recordContractReviewDelegate")
class RecordContractReviewDelegate implements JavaDelegate {
    private final ContractValidator validator;
    private final Contracts contracts;

    public RecordContractReviewDelegate(ContractValidator validator, Contracts contracts) {
        this.validator = validator;
        this.contracts = contracts;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String contractId = QuoteVariables.string(execution, Vars.CONTRACT_ID);
        ReviewVerdict verdict = validator.review(execution.getVariable(Vars.REVIEW_DECISION),
                execution.getVariable(Vars.RETURN_REASON), QuoteVariables.currentUser(execution));
        contracts.review(contractId, verdict);
        execution.setVariable(Vars.REVIEW_DECISION, verdict.decision().name());
        QuoteVariables.contract(execution, contracts.get(contractId));
    }
}
