package org.leadtocash.quote;

/**
 * Names of {@code bpmn/u8-customer-archive.bpmn}: one instance per customer whose business licence was recorded,
 * business key = the customer id; its one asynchronous task adds the customer to U8's customer archive, retried on
 * failure and then an incident in Cockpit.
 */
public final class U8CustomerArchiveProcess {
    public static final String KEY = "U8CustomerArchiveProcess";
    /** message name of the start event; the app correlates it when a customer's licence is recorded */
    public static final String CUSTOMER_RECORDED_MESSAGE = "CustomerRecorded";

    public static final class Task {
        public static final String ADD_CUSTOMER_TO_U8 = "Task_AddCustomerToU8";

        private Task() {
        }
    }

    public static final class Vars {
        public static final String CUSTOMER_ID = "customerId";
        public static final String CREDIT_CODE = "creditCode";
        /** set by the task: ACCEPTED, ALREADY_ACCEPTED or EXPORTED_NOT_SENT */
        public static final String U8_OUTCOME = "u8Outcome";

        private Vars() {
        }
    }

    private U8CustomerArchiveProcess() {
    }
}
