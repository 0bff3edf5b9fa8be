package org.leadtocash.quote;

/** Names of {@code bpmn/quote-to-invoice.bpmn} used by code and tests alike. Business key = quote id. */
public final class QuoteToInvoiceProcess {
    public static final String KEY = "QuoteToInvoiceProcess";
    /** errorCode of {@link #U8_REJECTED_ERROR}, thrown when U8 answers errcode ≠ 0 */
    public static final String U8_REJECTED = "U8_REJECTED";
    public static final String U8_REJECTED_ERROR = "Error_U8Rejected";
    /** message caught on the review, revision and confirmation tasks: a newer locked clause took effect */
    public static final String LOCKED_CLAUSE_REPUBLISHED = "LockedClauseRepublished";

    public static final class Task {
        public static final String ASSEMBLE_QUOTE = "Task_AssembleQuote";
        public static final String START_PAYMENT_JOURNEY = "Task_StartPaymentJourney";
        public static final String EDIT_QUOTE = "Task_EditQuote";
        public static final String APPLY_QUOTE_EDITS = "Task_ApplyQuoteEdits";
        public static final String RECORD_CUSTOMER_ANSWER = "Task_RecordCustomerAnswer";
        public static final String APPLY_CUSTOMER_ANSWER = "Task_ApplyCustomerAnswer";
        public static final String DRAFT_CONTRACT = "Task_DraftContract";
        public static final String CONFIRM_CLAUSE_CHANGES = "Task_ConfirmClauseChanges";
        public static final String RECORD_CLAUSE_CONFIRMATION = "Task_RecordClauseConfirmation";
        public static final String REVIEW_CONTRACT = "Task_ReviewContract";
        public static final String RECORD_CONTRACT_REVIEW = "Task_RecordContractReview";
        public static final String REVISE_CONTRACT = "Task_ReviseContract";
        public static final String APPLY_CONTRACT_REVISION = "Task_ApplyContractRevision";
        public static final String CREATE_INVOICE_REQUEST = "Task_CreateInvoiceRequest";
        public static final String HAND_OFF_TO_U8 = "Task_HandOffToU8";
        public static final String FIX_INVOICE_DATA = "Task_FixInvoiceData";
        public static final String APPLY_INVOICE_FIX = "Task_ApplyInvoiceFix";
        public static final String REFRESH_LOCKED_CLAUSES = "Task_RefreshLockedClauses";
        public static final String SIGN_CONTRACT = "Task_SignContract";

        private Task() {
        }
    }

    public static final class Event {
        public static final String QUOTE_REQUESTED = "StartEvent_QuoteRequested";
        public static final String QUOTE_REJECTED = "EndEvent_QuoteRejected";
        public static final String U8_REJECTED = "BoundaryEvent_U8Rejected";
        public static final String INVOICE_HANDED_OFF = "EndEvent_InvoiceHandedOff";
        public static final String INVOICE_EXPORTED_NOT_SENT = "EndEvent_InvoiceExportedNotSent";

        private Event() {
        }
    }

    public static final class Gateway {
        public static final String CUSTOMER_ANSWER = "Gateway_CustomerAnswer";
        public static final String CLAUSE_CHANGES = "Gateway_ClauseChanges";
        public static final String REVIEW_DECISION = "Gateway_ReviewDecision";
        public static final String U8_OUTCOME = "Gateway_U8Outcome";

        private Gateway() {
        }
    }

    public static final class Vars {
        // start (form or API)
        public static final String QUOTE_ID = "quoteId";
        public static final String LEAD_ID = "leadId";
        public static final String CUSTOMER_ID = "customerId";
        public static final String CREDIT_CODE = "creditCode";
        /** the customer's store tier, set from the customer book (an API client may send it; it must match) */
        public static final String CUSTOMER_TIER = "customerTier";
        /** start form: true when the form carries a new customer's business licence (lead.LicenceFields keys) */
        public static final String NEW_CUSTOMER = "newCustomer";
        public static final String PRODUCT_MODEL = "productModel";
        public static final String QUANTITY = "quantity";
        public static final String DELIVERY_DATE = "deliveryDate";
        /** camunda:initiator of the start event */
        public static final String QUOTE_INITIATOR = "quoteInitiator";
        /** JSON list: on start [{productModel, quantity}], afterwards the priced lines the forms show and edit */
        public static final String LINES = "lines";
        // quote
        public static final String REP_ID = "repId";
        public static final String CUSTOMER_NAME = "customerName";
        public static final String REVISION = "revision";
        public static final String QUOTE_SUMMARY = "quoteSummary";
        /** the quote PDF's address in this app (/api/quotes/{id}/pdf), a link in the rep's forms (webapp login) */
        public static final String QUOTE_PDF = "quotePdf";
        public static final String EDIT_NOTE = "editNote";
        /** task-local JSON list shown read-only on every task: [{typeCode, typeName, version, locked, text}] */
        public static final String CLAUSE_LIST = "clauseList";
        /** names nobody may set: a clause text change attempt */
        public static final String CLAUSES = "clauses";
        public static final String CLAUSE_PREFIX = "clause_";
        public static final String CUSTOMER_ANSWER = "customerAnswer";
        public static final String REJECT_REASON = "rejectReason";
        public static final String REVISE_NOTE = "reviseNote";
        // contract
        public static final String CONTRACT_ID = "contractId";
        public static final String CONTRACT_SUMMARY = "contractSummary";
        /** the contract's total incl. tax in yuan (a Double, for gateway conditions in the diagram; the stored amount is exact) */
        public static final String CONTRACT_TOTAL = "contractTotal";
        public static final String CLAUSE_CHANGES = "clauseChanges";
        public static final String CLAUSE_CHANGES_FOUND = "clauseChangesFound";
        public static final String CLAUSE_CHANGES_ACKNOWLEDGED = "clauseChangesAcknowledged";
        public static final String REVIEW_DECISION = "reviewDecision";
        public static final String RETURN_REASON = "returnReason";
        public static final String LEGAL_RETURNS = "legalReturns";
        public static final String REVISION_NOTE = "revisionNote";
        // invoice
        public static final String INVOICE_REQUEST_ID = "invoiceRequestId";
        /** the PaymentJourneyProcess business key started for the invoice request */
        public static final String PAYMENT_JOURNEY_ID = "paymentJourneyId";
        public static final String INVOICE_SUMMARY = "invoiceSummary";
        public static final String INVOICE_CUSTOMER_NAME = "invoiceCustomerName";
        public static final String INVOICE_CUSTOMER_CREDIT_CODE = "invoiceCustomerCreditCode";
        public static final String BANK_NAME = "bankName";
        public static final String BANK_ACCOUNT = "bankAccount";
        public static final String FIX_NOTE = "fixNote";
        /** camunda:errorMessageVariable of the U8 rejection boundary event: "errcode errmsg" */
        public static final String U8_ERROR = "u8Error";
        public static final String U8_OUTCOME = "u8Outcome";
        public static final String U8_VOUCHER_ID = "u8VoucherId";

        private Vars() {
        }
    }

    /** The rep's answer on behalf of the customer. */
    public enum CustomerAnswer { ACCEPTED, REJECTED, REVISE }

    /** Legal's review decision. */
    public enum ReviewDecision { APPROVE, RETURN }

    private QuoteToInvoiceProcess() {
    }
}
