package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 生成报价 Assemble quote: runs in the start transaction, so a refused start (customer not owned, unknown product,
 * delivery date in the past) stores nothing and names the field. The quote id becomes the business key.
 */
@Component("assembleQuoteDelegate")
class AssembleQuoteDelegate implements JavaDelegate {
    private final Quotes quotes;

    public AssembleQuoteDelegate(Quotes quotes) {
        this.quotes = quotes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Quote quote = quotes.assemble(execution.getVariables(), (String) execution.getVariable(Vars.QUOTE_INITIATOR),
                execution.getProcessInstanceId());
        if (!quote.id().equals(execution.getProcessBusinessKey())) {
            execution.setProcessBusinessKey(quote.id());
        }
        QuoteVariables.quote(execution, quote);
    }
}
