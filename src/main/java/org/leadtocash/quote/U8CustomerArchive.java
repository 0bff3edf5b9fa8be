package org.leadtocash.quote;

import org.camunda.bpm.engine.RuntimeService;
import org.leadtocash.erp.U8Customer;
import org.leadtocash.lead.CustomerBook;
import org.leadtocash.lead.CustomerRecord;
import org.leadtocash.lead.CustomerRecorded;
import org.leadtocash.quote.U8CustomerArchiveProcess.Vars;
import org.leadtocash.shared.EngineAsSystem;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Every customer recorded from its business licence — one-action quote form, customer API, import — goes to U8's
 * customer archive, because U8 refuses a sale invoice for a customer code it does not know. The outbox is the engine:
 * {@code U8CustomerArchiveProcess} starts in the recording transaction (a refused quote or import line starts nothing)
 * and its asynchronous task sends the customer once ({@link org.leadtocash.erp.U8HandOff#addCustomer}), retrying an
 * outage and ending as an incident in Cockpit.
 */
@Component
class U8CustomerArchive {
    private final RuntimeService runtimeService;
    private final EngineAsSystem system;
    private final CustomerBook customerBook;

    U8CustomerArchive(@Lazy RuntimeService runtimeService, EngineAsSystem system, CustomerBook customerBook) {
        this.runtimeService = runtimeService;
        this.system = system;
        this.customerBook = customerBook;
    }

    @EventListener
    void on(CustomerRecorded recorded) {
        system.run(() -> runtimeService.createMessageCorrelation(U8CustomerArchiveProcess.CUSTOMER_RECORDED_MESSAGE)
                .processInstanceBusinessKey(recorded.customerId())
                .setVariable(Vars.CUSTOMER_ID, recorded.customerId())
                .setVariable(Vars.CREDIT_CODE, recorded.creditCode())
                .correlateStartMessage());
    }

    /** The customer as U8's archive takes it, from the customer book (name and address as now recorded). */
    U8Customer customer(String customerId) {
        CustomerRecord c = customerBook.record(customerId, null);
        return new U8Customer(c.licence().creditCode(), c.licence().companyName(), c.licence().address(), c.ownerId(), c.id());
    }
}
