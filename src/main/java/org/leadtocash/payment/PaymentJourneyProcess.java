package org.leadtocash.payment;

import java.util.Map;

/** Names of {@code bpmn/payment-journey.bpmn} used by code and tests alike. */
public final class PaymentJourneyProcess {
    public static final String KEY = "PaymentJourneyProcess";
    /** Correlated by {@link PaymentJourneys#applyBankReceipt} with the journey id as business key. */
    public static final String MESSAGE_BANK_RECEIPT = "BankReceipt";

    public static final class Task {
        public static final String REGISTER_JOURNEY = "Task_RegisterJourney";
        /** at ①: the rep records that the customer signed for the invoice (→ ②) */
        public static final String AWAIT_INVOICE_SIGNED = "Task_AwaitInvoiceSigned";
        public static final String RECORD_INVOICE_SIGNED = "Task_RecordInvoiceSigned";
        public static final String SEND_PAYMENT_STARTED_SMS = "Task_SendPaymentStartedSms";
        /** at ②: the rep records the customer's procurement payment process and its number (→ ③) */
        public static final String AWAIT_PROCUREMENT_STARTED = "Task_AwaitProcurementStarted";
        public static final String RECORD_PROCUREMENT_STARTED = "Task_RecordProcurementStarted";
        /** at ③: the rep records that the customer's finance paid, date and amount (→ ④) */
        public static final String AWAIT_CUSTOMER_PAID = "Task_AwaitCustomerPaid";
        public static final String RECORD_CUSTOMER_PAID = "Task_RecordCustomerPaid";
        /** at ④: finance confirms the money on our account (→ ⑤), unless a bank receipt does first */
        public static final String CONFIRM_BANK_RECEIPT = "Task_ConfirmBankReceipt";
        /** at ⑤ (partly paid): finance confirms the rest */
        public static final String CONFIRM_REMAINING_RECEIPT = "Task_ConfirmRemainingReceipt";
        public static final String RECORD_FINANCE_RECEIPT = "Task_RecordFinanceReceipt";
        public static final String NOTIFY_PAYMENT_BLOCKED = "Task_NotifyPaymentBlocked";
        public static final String BLOCKER_CHECKLIST = "Task_BlockerChecklist";
        public static final String RECORD_BLOCKER_CHECKLIST = "Task_RecordBlockerChecklist";

        private Task() {
        }
    }

    public static final class Event {
        public static final String JOURNEY_STARTED = "StartEvent_JourneyStarted";
        public static final String JOURNEY_PAID = "EndEvent_JourneyPaid";
        public static final String SMS_SENT = "EndEvent_SmsSent";
        public static final String BLOCKER_CHECKLIST_DONE = "EndEvent_BlockerChecklistDone";

        public static final String BREAKER_INVOICE_SUBMITTED = "BoundaryEvent_InvoiceSubmittedBreaker";
        public static final String BREAKER_INVOICE_SIGNED = "BoundaryEvent_InvoiceSignedBreaker";
        public static final String BREAKER_PROCUREMENT_STARTED = "BoundaryEvent_ProcurementStartedBreaker";
        public static final String BREAKER_CUSTOMER_PAID = "BoundaryEvent_CustomerPaidBreaker";
        public static final String BREAKER_BANK_RECEIVED = "BoundaryEvent_BankReceivedBreaker";

        public static final String RECEIPT_AT_INVOICE_SUBMITTED = "BoundaryEvent_ReceiptAtInvoiceSubmitted";
        public static final String RECEIPT_AT_INVOICE_SIGNED = "BoundaryEvent_ReceiptAtInvoiceSigned";
        public static final String RECEIPT_AT_PROCUREMENT_STARTED = "BoundaryEvent_ReceiptAtProcurementStarted";
        public static final String RECEIPT_AT_CUSTOMER_PAID = "BoundaryEvent_ReceiptAtCustomerPaid";
        public static final String RECEIPT_AT_BANK_RECEIVED = "BoundaryEvent_ReceiptAtBankReceived";

        private Event() {
        }
    }

    /** The wait state of each node: where the token sits (and Cockpit shows it) while the journey is at the node. */
    public static final Map<JourneyNode, String> NODE_TASK = Map.of(
            JourneyNode.INVOICE_SUBMITTED, Task.AWAIT_INVOICE_SIGNED,
            JourneyNode.INVOICE_SIGNED, Task.AWAIT_PROCUREMENT_STARTED,
            JourneyNode.PROCUREMENT_STARTED, Task.AWAIT_CUSTOMER_PAID,
            JourneyNode.CUSTOMER_PAID, Task.CONFIRM_BANK_RECEIPT,
            JourneyNode.BANK_RECEIVED, Task.CONFIRM_REMAINING_RECEIPT);

    /**
     * The {@code camunda:property} markers of a node's breaker (non-interrupting cycle timer on the node's wait state):
     * {@code breaker=true} and {@code node=<JourneyNode name>}. Code finds breakers by these, never by element id; the
     * period is the timer's literal cycle ({@code R/PT48H}), see {@link BreakerTimers}.
     */
    public static final class Breaker {
        public static final String PROPERTY = "breaker";
        public static final String NODE = "node";

        private Breaker() {
        }
    }

    /** Each node's 48-hour breaker as shipped (tests use it to find a node's timer job). */
    public static final Map<String, JourneyNode> BREAKER_NODE = Map.of(
            Event.BREAKER_INVOICE_SUBMITTED, JourneyNode.INVOICE_SUBMITTED,
            Event.BREAKER_INVOICE_SIGNED, JourneyNode.INVOICE_SIGNED,
            Event.BREAKER_PROCUREMENT_STARTED, JourneyNode.PROCUREMENT_STARTED,
            Event.BREAKER_CUSTOMER_PAID, JourneyNode.CUSTOMER_PAID,
            Event.BREAKER_BANK_RECEIVED, JourneyNode.BANK_RECEIVED);

    public static final class Vars {
        public static final String JOURNEY_ID = "journeyId";
        public static final String JOURNEY_INITIATOR = "journeyInitiator";
        public static final String INVOICE_REQUEST_ID = "invoiceRequestId";
        public static final String INVOICE_NO = "invoiceNo";
        public static final String INVOICE_DATE = "invoiceDate";
        public static final String CUSTOMER_ID = "customerId";
        public static final String CUSTOMER_NAME = "customerName";
        public static final String PROJECT_NAME = "projectName";
        public static final String REP_ID = "repId";
        /** double, for the forms; the exact amounts are in payment_journey */
        public static final String AMOUNT_DUE = "amountDue";
        public static final String AMOUNT_RECEIVED = "amountReceived";
        public static final String AMOUNT_OUTSTANDING = "amountOutstanding";
        public static final String PROCUREMENT_CONTACT_NAME = "procurementContactName";
        public static final String PROCUREMENT_CONTACT_MOBILE = "procurementContactMobile";
        /** the current node (JourneyNode name) */
        public static final String NODE = "node";
        /** Date: when the current node's breaker (as drawn, 48 h) runs out; the due date of the node's task */
        public static final String NODE_DEADLINE = "nodeDeadline";
        // ② form
        public static final String INVOICE_SIGNED_DATE = "invoiceSignedDate";
        public static final String EXPECTED_PAYMENT_DATE = "expectedPaymentDate";
        // ③ form
        public static final String PROCUREMENT_REFERENCE = "procurementReference";
        public static final String PROCUREMENT_STARTED_DATE = "procurementStartedDate";
        // ④ form
        public static final String CUSTOMER_PAID_DATE = "customerPaidDate";
        public static final String CUSTOMER_PAID_AMOUNT = "customerPaidAmount";
        // ⑤ finance form
        public static final String RECEIPT_AMOUNT = "receiptAmount";
        public static final String RECEIPT_VALUE_DATE = "receiptValueDate";
        public static final String RECEIPT_REFERENCE = "receiptReference";
        /** set by every receipt (bank or finance): the whole amount is in */
        public static final String PAID_IN_FULL = "paidInFull";
        // breaker, local to the execution each firing creates
        public static final String BLOCKER_CHECK_ID = "blockerCheckId";
        public static final String BREAKER_NODE = "breakerNode";
        public static final String BREAKER_NODE_LABEL = "breakerNodeLabel";
        public static final String BREAKER_OCCURRENCE = "breakerOccurrence";
        public static final String BLOCKER_CHECK_DUE = "blockerCheckDue";
        // checklist form
        public static final String BLOCKER_CAUSES = "blockerCauses";
        public static final String BLOCKER_OTHER_CAUSE = "blockerOtherCause";
        public static final String BLOCKER_NOTE = "blockerNote";
        public static final String NEXT_ACTION = "nextAction";
        public static final String NEXT_ACTION_DATE = "nextActionDate";

        private Vars() {
        }
    }

    private PaymentJourneyProcess() {
    }
}
