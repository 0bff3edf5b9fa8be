package org.leadtocash.payment;

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

    /**
     * The {@code camunda:property} markers that make a user task a payment node (see {@link JourneyNode}); the element
     * template {@code element-templates/payment-node.json} fills them. Code finds nodes by these, never by element id,
     * and reads them from the deployed version a journey runs ({@link PaymentNodes}).
     */
    public static final class NodeMarker {
        /** the node's code, stored with the journey: upper case, e.g. RECONCILIATION_CONFIRMED */
        public static final String CODE = "paymentNode";
        /** 1, 2, …: its place in the journey */
        public static final String NUMBER = "paymentNodeNumber";
        public static final String NAME = "paymentNodeName";
        public static final String SHORT_NAME = "paymentNodeShortName";
        public static final String ENGLISH = "paymentNodeEnglish";
        /** what the rep should do when the node is stuck, e.g. 电话确认流程编号 */
        public static final String ADVICE = "paymentNodeAdvice";
        /** true on the one node a bank receipt moves the journey to (money on our account proves the nodes before) */
        public static final String ON_RECEIPT = "paymentNodeOnReceipt";

        private NodeMarker() {
        }
    }

    /**
     * The {@code camunda:property} markers of a node's breaker (non-interrupting cycle timer on the node's wait state):
     * {@code breaker=true} and, optionally, {@code node=<the node's code>} (without it, the node of the task the timer is
     * attached to). Code finds breakers by these, never by element id; the period is the timer's literal cycle
     * ({@code R/PT48H}), see {@link PaymentNodes}.
     */
    public static final class Breaker {
        public static final String PROPERTY = "breaker";
        public static final String NODE = "node";

        private Breaker() {
        }
    }

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
        /** the current node (its code) */
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
