package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/** 记录客户答复 Record the customer's answer: accepted, rejected with a reason, or revise (next revision). */
@Component("applyCustomerAnswerDelegate")
class ApplyCustomerAnswerDelegate implements JavaDelegate {
    private final QuoteValidator validator;
    private final Quotes quotes;

    public ApplyCustomerAnswerDelegate(QuoteValidator validator, Quotes quotes) {
        this.validator = validator;
        this.quotes = quotes;
    }

    @Override
    public void execute(DelegateExecution execution) {
        QuoteAnswer answer = validator.answer(execution.getVariable(Vars.CUSTOMER_ANSWER),
                execution.getVariable(Vars.REJECT_REASON), execution.getVariable(Vars.REVISE_NOTE));
        Quote quote = quotes.answer(QuoteVariables.string(execution, Vars.QUOTE_ID), answer);
        execution.setVariable(Vars.CUSTOMER_ANSWER, answer.answer().name());
        QuoteVariables.quote(execution, quote);
    }
}
