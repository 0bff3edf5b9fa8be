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
    private final QuoteValidator validator;
    private final Quotes quotes;

    public AssembleQuoteDelegate(QuoteValidator validator, Quotes quotes) {
        this.validator = validator;
        this.quotes = quotes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OpenQuote command = validator.openQuote(execution.getVariables(),
                QuoteVariables.string(execution, Vars.QUOTE_INITIATOR));
        Quote quote = quotes.open(command, execution.getProcessInstanceId());
        if (!quote.id().equals(execution.getProcessBusinessKey())) {
            execution.setProcessBusinessKey(quote.id());
        }
        QuoteVariables.quote(execution, quote);
    }
}
