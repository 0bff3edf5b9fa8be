package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.payment.JourneyStart;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.springframework.stereotype.Component;

/**
 * 发起回款跟踪 Start the payment journey (R-20 ①): once the invoice request is handed over, its payment is tracked by
 * a {@code PaymentJourneyProcess} with the invoice request id as business key and as the invoice number bank
 * statements are matched by. Idempotent per invoice request, so a retried job starts nothing twice.
 */
@Component("startPaymentJourneyDelegate")
class StartPaymentJourneyDelegate implements JavaDelegate {
    private final InvoiceRequests invoiceRequests;
    private final PaymentJourneys journeys;

    public StartPaymentJourneyDelegate(InvoiceRequests invoiceRequests, PaymentJourneys journeys) {
        this.invoiceRequests = invoiceRequests;
        this.journeys = journeys;
    }

    @Override
    public void execute(DelegateExecution execution) {
        InvoiceRequest request = invoiceRequests.find(QuoteVariables.string(execution, Vars.INVOICE_REQUEST_ID));
        String project = request.lines().isEmpty() ? request.quoteId()
                : request.lines().get(0).productName() + (request.lines().size() > 1 ? " 等" : "") + "（" + request.quoteId() + "）";
        var journey = journeys.start(new JourneyStart(request.id(), request.id(), request.customerId(), request.customerName(),
                request.repId(), request.totalAmount(), request.invoiceDate(), null, null, project));
        execution.setVariable(Vars.PAYMENT_JOURNEY_ID, journey.id());
    }
}
