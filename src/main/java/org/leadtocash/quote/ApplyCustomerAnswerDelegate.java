package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.CustomerAnswer;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/** 记录客户答复 Record the customer's answer: accepted, rejected with a reason, or revise (next revision). */
@Component("applyCustomerAnswerDelegate")
class ApplyCustomerAnswerDelegate implements JavaDelegate {
    private final Quotes quotes;

    public ApplyCustomerAnswerDelegate(Quotes quotes) {
        this.quotes = quotes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String quoteId = QuoteVariables.string(execution, Vars.QUOTE_ID);
        CustomerAnswer answer = quotes.answer(quoteId, execution.getVariable(Vars.CUSTOMER_ANSWER),
                execution.getVariable(Vars.REJECT_REASON), execution.getVariable(Vars.REVISE_NOTE));
        execution.setVariable(Vars.CUSTOMER_ANSWER, answer.name());
        QuoteVariables.quote(execution, quotes.get(quoteId));
    }
}
