package org.leadtocash.followup;

/** Names of {@code bpmn/customer-follow-up.bpmn} used by code and tests alike. Business key = customer id. */
public final class CustomerFollowUpProcess {
    public static final String KEY = "CustomerFollowUpProcess";
    /** recorded outside the task (API): moves the waiting instance on; starts a new one for a lost customer (won back) */
    public static final String MESSAGE_CONTACT_RECORDED = "FollowUpContactRecorded";
    public static final String MESSAGE_CUSTOMER_WON_BACK = "FollowUpCustomerWonBack";
    public static final String FORM = "form-customer-follow-up";

    public static final class Task {
        public static final String FOLLOW_UP_CUSTOMER = "Task_FollowUpCustomer";
        public static final String RECORD_CONTACT = "Task_RecordFollowUpContact";
        public static final String REMIND_REP = "Task_RemindRepPromiseMissed";
        public static final String REMIND_MANAGER = "Task_RemindManagerDayAfter";
        public static final String REMIND_REP_DAY_BEFORE = "Task_RemindRepDayBefore";
        public static final String MARK_LOST = "Task_MarkCustomerLost";

        private Task() {
        }
    }

    public static final class Event {
        public static final String CUSTOMER_REACHED = "StartEvent_CustomerReached";
        public static final String CUSTOMER_WON_BACK = "StartEvent_CustomerWonBack";
        /** the rep's promised date has passed: timeDate = the day after the promise, 00:00 in the team's zone */
        public static final String PROMISE_PASSED = "Event_PromisePassed";
        public static final String CONTACT_RECORDED = "Event_ContactRecorded";
        /** a contact recorded outside the open task (interrupts it) */
        public static final String CONTACT_RECORDED_DURING_TASK = "BoundaryEvent_ContactRecordedElsewhere";
        /** no contact for the drawn period (literal duration, e.g. P90D) since the last one: the customer is lost */
        public static final String NO_CONTACT_PERIOD = "BoundaryEvent_NoContactPeriod";
        /** stronger reminders: the day before the promise */
        public static final String DAY_BEFORE_PROMISE = "StartEvent_DayBeforePromise";
        public static final String CUSTOMER_LOST = "EndEvent_CustomerLost";
        public static final String CONTACT_DONE = "EndEvent_ContactDone";

        private Event() {
        }
    }

    public static final class Gateway {
        /** event-based: where an active customer waits for a contact or the promised date */
        public static final String AWAIT_CONTACT = "Gateway_AwaitContact";

        private Gateway() {
        }
    }

    public static final class SubProcess {
        public static final String ACTIVE_CUSTOMER = "SubProcess_ActiveCustomer";

        private SubProcess() {
        }
    }

    public static final class Vars {
        public static final String CUSTOMER_ID = "customerId";
        public static final String COMPANY_NAME = "companyName";
        public static final String REP_ID = "repId";
        /** the promise, yyyy-MM-dd; the task's form submits the new one under the same key */
        public static final String NEXT_FOLLOW_UP_DATE = "nextFollowUpDate";
        /** the promise the rep missed: input parameter of the task, for its form */
        public static final String MISSED_FOLLOW_UP_DATE = "missedFollowUpDate";
        public static final String LAST_CONTACT_AT = "lastContactAt";
        public static final String FOLLOW_UP_OUTCOME = "followUpOutcome";
        public static final String FOLLOW_UP_NOTES = "followUpNotes";

        private Vars() {
        }
    }

    private CustomerFollowUpProcess() {
    }
}
