package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/** 生成开票申请 Create the invoice request of the approved contract. */
@Component("createInvoiceRequestDelegate")
class CreateInvoiceRequestDelegate implements JavaDelegate {
    private final InvoiceRequests invoiceRequests;

    public CreateInvoiceRequestDelegate(InvoiceRequests invoiceRequests) {
        this.invoiceRequests = invoiceRequests;
    }

    @Override
    public void execute(DelegateExecution execution) {
        InvoiceRequest request = invoiceRequests.create(QuoteVariables.string(execution, Vars.CONTRACT_ID),
                execution.getProcessInstanceId());
        invoiceVariables(execution, request);
    }

    static void invoiceVariables(DelegateExecution execution, InvoiceRequest r) {
        execution.setVariable(Vars.INVOICE_REQUEST_ID, r.id());
        execution.setVariable(Vars.INVOICE_SUMMARY, QuoteVariables.cut(QuoteText.summary(r), "GET /api/invoice-requests/" + r.id()));
        execution.setVariable(Vars.INVOICE_CUSTOMER_NAME, r.customerName());
        execution.setVariable(Vars.INVOICE_CUSTOMER_CREDIT_CODE, r.customerCreditCode());
        execution.setVariable(Vars.BANK_NAME, r.bankName());
        execution.setVariable(Vars.BANK_ACCOUNT, r.bankAccount());
    }
}
