package org.leadtocash.contact;

import org.leadtocash.lead.ContactAttemptRecorded;
import org.leadtocash.quote.QuoteDocumentSent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records contact records that other features' work produces, in the transaction of that work: a first-contact
 * attempt the rep confirmed from a pre-filled call stays one captured record (the call's), confirmed; one he typed
 * without a call is a typed record; a quote PDF sent to its customer is a captured record with time and recipient.
 */
@Component
class ContactCapture {
    static final String CALL = "CALL";
    static final String DOCUMENT_SENT = "DOCUMENT_SENT";
    static final String TYPED_ATTEMPT = "TYPED_ATTEMPT";

    private final ContactRepository repository;

    ContactCapture(ContactRepository repository) {
        this.repository = repository;
    }

    @EventListener
    void on(ContactAttemptRecorded attempt) {
        if (repository.confirmPrefilledCalls(attempt.leadId(), attempt.at()) == 0) {
            repository.insertContact(TYPED_ATTEMPT, false, attempt.repId(), attempt.leadId(), attempt.customerId(), attempt.at(),
                    null, null, null);
        }
    }

    @EventListener
    void on(QuoteDocumentSent sent) {
        repository.insertContact(DOCUMENT_SENT, true, sent.repId(), sent.leadId(), sent.customerId(), sent.sentAt(), null,
                sent.document() + " " + sent.quoteId() + " r" + sent.revision(), sent.recipient());
    }
}
