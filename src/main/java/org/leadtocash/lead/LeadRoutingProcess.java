package org.leadtocash.lead;

/** Names of {@code bpmn/lead-routing.bpmn} and {@code bpmn/lead-routing.dmn} used by code and tests alike. */
public final class LeadRoutingProcess {
    public static final String KEY = "LeadRoutingProcess";
    public static final String DECISION = "leadRouting";
    public static final String BUDGET_TIER_DECISION = "budgetTier";

    public static final class Task {
        public static final String REGISTER_LEAD = "Task_RegisterLead";
        public static final String ROUTE_LEAD = "Task_RouteLead";
        public static final String ASSIGN_LEAD = "Task_AssignLead";
        public static final String ASSIGN_LEAD_MANUALLY = "Task_AssignLeadManually";
        public static final String RECORD_MANUAL_ASSIGNMENT = "Task_RecordManualAssignment";
        public static final String FIRST_CONTACT = "Task_FirstContact";
        public static final String RECORD_CONTACT_ATTEMPT = "Task_RecordContactAttempt";
        public static final String NOTIFY_MANAGER_UNASSIGNED = "Task_NotifyManagerUnassigned";
        public static final String VOICE_CALL_REMINDER = "Task_VoiceCallReminder";

        private Task() {
        }
    }

    public static final class Event {
        public static final String LEAD_RECEIVED = "StartEvent_LeadReceived";
        /** the 2 h alert: non-interrupting timer on {@link SubProcess#LEAD_ASSIGNMENT}, which starts with the lead */
        public static final String TWO_HOURS_UNASSIGNED = "BoundaryEvent_TwoHoursUnassigned";
        /** the 4 h reminder: non-interrupting timer start of {@link SubProcess#FOUR_HOURS_NO_CONTACT}, from lead creation */
        public static final String FOUR_HOURS_NO_CONTACT = "StartEvent_FourHoursNoContact";
        public static final String LEAD_CONTACTED = "EndEvent_LeadContacted";
        public static final String LEAD_INVALID = "EndEvent_LeadInvalid";
        public static final String MANAGER_NOTIFIED = "EndEvent_ManagerNotified";
        public static final String REP_REMINDED = "EndEvent_RepReminded";
        public static final String NO_REP_TO_REMIND = "EndEvent_NoRepToRemind";

        private Event() {
        }
    }

    public static final class SubProcess {
        public static final String LEAD_ASSIGNMENT = "SubProcess_LeadAssignment";
        public static final String FIRST_CONTACT = "SubProcess_FirstContact";
        /** event sub-process of the 4 h reminder */
        public static final String FOUR_HOURS_NO_CONTACT = "SubProcess_FourHoursNoContact";

        private SubProcess() {
        }
    }

    /**
     * The {@code camunda:property} that marks an SLA timer, and its values. Code finds the timers by this marker, never by
     * element id; the duration is the timer's literal ISO duration (see {@link LeadSla}).
     */
    public static final class Sla {
        public static final String PROPERTY = "sla";
        /** still unassigned this long after lead creation → DingTalk the sales managers */
        public static final String UNASSIGNED = "unassigned";
        /** customer still not reached this long after lead creation → voice-call the rep */
        public static final String FIRST_CONTACT = "firstContact";

        private Sla() {
        }
    }

    public static final class Vars {
        public static final String LEAD_ID = "leadId";
        public static final String SOURCE = "source";
        /** start-form field only (phone leads); intake keeps it on the lead, not as a variable */
        public static final String EXTERNAL_ID = "externalId";
        public static final String COMPANY_NAME = "companyName";
        /** start-form field only (phone leads); intake keeps it on the lead, not as a variable */
        public static final String CREDIT_CODE = "creditCode";
        public static final String CONTACT_NAME = "contactName";
        public static final String CONTACT_PHONE = "contactPhone";
        public static final String REGION = "region";
        public static final String BUDGET_CNY = "budgetCny";
        /** start-form field only (phone leads); intake keeps it on the lead, not as a variable */
        public static final String PRODUCT_INTEREST = "productInterest";
        public static final String LEAD_INITIATOR = "leadInitiator";
        /** lead creation + the drawn {@link Sla#UNASSIGNED} duration, for forms (set by 登记线索 Register lead) */
        public static final String UNASSIGNED_ESCALATION_AT = "unassignedEscalationAt";
        /** when the drawn {@link Sla#FIRST_CONTACT} reminder fires: the due date of the rep's first-contact task */
        public static final String FIRST_CONTACT_ESCALATION_AT = "firstContactEscalationAt";
        /** single result of the {@code leadRouting} decision: ruleName, team, preferredReps */
        public static final String ROUTING = "routing";
        public static final String ASSIGNEE = "assignee";
        public static final String LEAD_ASSIGNED = "leadAssigned";
        public static final String ROUTING_EXPLANATION = "routingExplanation";
        public static final String AVAILABLE_REPS = "availableReps";
        public static final String CONTACT_OUTCOME = "contactOutcome";
        public static final String CONTACT_NOTES = "contactNotes";
        public static final String NEXT_FOLLOW_UP_DATE = "nextFollowUpDate";
        public static final String INVALID_REASON = "invalidReason";
        public static final String CONTACT_ATTEMPTS = "contactAttempts";

        private Vars() {
        }
    }

    private LeadRoutingProcess() {
    }
}
