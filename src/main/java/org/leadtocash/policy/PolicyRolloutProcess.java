package org.leadtocash.policy;

/** Names of {@code bpmn/policy-rollout.bpmn} used by code and tests alike. Business key = policy id. */
public final class PolicyRolloutProcess {
    public static final String KEY = "PolicyRolloutProcess";
    public static final String START_FORM = "form-policy-publish";
    public static final String MESSAGE_FIRST_DEAL = "PolicyFirstDeal";
    /** who may publish (the delegate checks it; Camunda authorizations let these groups start the process) */
    public static final String PUBLISH_RULE = "只有市场部或区域总监可发布产品政策 only marketing or a regional director may publish a product policy";

    public static final class Task {
        public static final String REGISTER_POLICY = "Task_RegisterPolicy";
        public static final String NOTIFY_REPS = "Task_NotifyPolicyReps";
        public static final String ACKNOWLEDGE = "Task_AcknowledgePolicy";
        public static final String RECORD_ACKNOWLEDGEMENT = "Task_RecordPolicyAcknowledgement";
        public static final String AWAIT_FIRST_DEAL = "Task_AwaitFirstDeal";
        public static final String ESCALATE_TO_DIRECTOR = "Task_NotifyDirectorNoDeal";

        private Task() {
        }
    }

    public static final class Event {
        public static final String POLICY_ENTERED = "StartEvent_PolicyEntered";
        /** the ≤ 72 h benchmark: non-interrupting timer on the wait for the first deal, marked sla=firstDeal */
        public static final String NO_DEAL_IN_TIME = "BoundaryEvent_NoDealInTime";
        public static final String ROLLOUT_CLOSED = "EndEvent_RolloutClosed";
        public static final String DIRECTOR_ALERTED = "EndEvent_DirectorAlerted";
        public static final String ALL_ACKNOWLEDGED = "EndEvent_AllAcknowledged";

        private Event() {
        }
    }

    public static final class Sla {
        public static final String PROPERTY = "sla";
        public static final String FIRST_DEAL = "firstDeal";

        private Sla() {
        }
    }

    public static final class Vars {
        public static final String POLICY_PUBLISHER = "policyPublisher";
        public static final String POLICY_TITLE = "policyTitle";
        /** NEW_PRODUCT, PRICE or REBATE */
        public static final String POLICY_KIND = "policyKind";
        public static final String PRODUCT = "product";
        /** a sales region code, or ALL */
        public static final String REGION = "region";
        public static final String POLICY_TEXT = "policyText";
        /** set by 登记政策 Register policy */
        public static final String POLICY_ID = "policyId";
        public static final String AFFECTED_REPS = "affectedReps";
        /** the multi-instance element: one rep */
        public static final String REP = "rep";
        public static final String POLICY_ACKNOWLEDGED = "policyAcknowledged";

        private Vars() {
        }
    }

    private PolicyRolloutProcess() {
    }
}
