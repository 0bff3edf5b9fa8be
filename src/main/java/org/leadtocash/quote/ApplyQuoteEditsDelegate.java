package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 应用报价修改 Apply quote edits: unit prices and delivery date only, in the rep's completion (invalid input rolls it
 * back naming the field). Clause changes never get here: {@link ClauseTaskListener} refuses them first.
 */
@Component("applyQuoteEditsDelegate")
class ApplyQuoteEditsDelegate implements JavaDelegate {
    private final PriceEditValidator validator;
    private final Quotes quotes;

    public ApplyQuoteEditsDelegate(PriceEditValidator validator, Quotes quotes) {
        this.validator = validator;
        this.quotes = quotes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Quote quote = quotes.get(QuoteVariables.string(execution, Vars.QUOTE_ID));
        PriceEdit edit = validator.edit(quote, execution.getVariable(Vars.LINES), execution.getVariable(Vars.DELIVERY_DATE),
                execution.getVariable(Vars.EDIT_NOTE));
        QuoteVariables.quote(execution, quotes.applyEdits(quote.id(), edit));
    }
}
