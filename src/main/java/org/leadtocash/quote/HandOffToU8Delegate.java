package org.leadtocash.quote;

import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.leadtocash.company.CompanyProfile;
import org.leadtocash.erp.HandOffResult;
import org.leadtocash.erp.U8HandOff;
import org.leadtocash.erp.U8RejectedException;
import org.leadtocash.quote.QuoteToInvoiceProcess.Vars;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * 同步至用友U8 Hand off to Yonyou U8. Asynchronous with a retry cycle in the diagram: a network fault or a
 * 5xx propagates, the job retries and ends as an incident; a business rejection (errcode ≠ 0) is recorded and thrown
 * as BPMN error {@code U8_REJECTED} with "errcode errmsg", which sends finance to fix the invoice data. U8HandOff
 * never sends an invoice request U8 already accepted again (its hand-off log); without U8 configured it exports the
 * payload for finance and answers EXPORTED_NOT_SENT. While the company profile is incomplete nothing is sent: the job
 * fails with the missing fields named and, once retries are spent, is an incident an operator retries after the
 * administrator completed the profile. A customer whose add to U8's customer archive was tried and has not succeeded
 * yet (an outage, an incident of {@code U8CustomerArchiveProcess}) is added first, exactly once, so U8 never sees the
 * invoice before the customer; a customer this app never sent (kept in U8 by hand) is not.
 */
@Component("handOffToU8Delegate")
class HandOffToU8Delegate implements JavaDelegate {
    private static final Logger log = LoggerFactory.getLogger(HandOffToU8Delegate.class);
    static final String PURPOSE = "同步至用友U8 hand off to U8";

    private final InvoiceRequests invoiceRequests;
    private final U8HandOff u8;
    private final CompanyProfile companyProfile;
    private final U8CustomerArchive archive;

    public HandOffToU8Delegate(InvoiceRequests invoiceRequests, U8HandOff u8, CompanyProfile companyProfile,
                               U8CustomerArchive archive) {
        this.archive = archive;
        this.invoiceRequests = invoiceRequests;
        this.u8 = u8;
        this.companyProfile = companyProfile;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String id = QuoteVariables.string(execution, Vars.INVOICE_REQUEST_ID);
        InvoiceRequest request = invoiceRequests.find(id);
        companyProfile.requireComplete(PURPOSE);
        HandOffResult result;
        try {
            if (u8.customerArchiveStatus(request.customerCreditCode()) == U8HandOff.ArchiveStatus.PENDING) {
                u8.addCustomer(archive.customer(request.customerId()));
            }
            result = u8.handOff(InvoiceRequests.order(request));
        } catch (U8RejectedException rejected) {
            invoiceRequests.recordRejection(id, rejected.errcode(), rejected.errmsg());
            log.info("U8 rejected invoice request {}: {} {}", id, rejected.errcode(), rejected.errmsg());
            throw new BpmnError(QuoteToInvoiceProcess.U8_REJECTED, rejected.errcode() + " " + rejected.errmsg());
        }
        invoiceRequests.recordHandOff(id, result);
        execution.setVariable(Vars.U8_OUTCOME, result.outcome().name());
        execution.setVariable(Vars.U8_VOUCHER_ID, result.u8VoucherId());
        execution.removeVariable(Vars.U8_ERROR);
    }
}
