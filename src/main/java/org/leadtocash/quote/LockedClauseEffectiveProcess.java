package org.leadtocash.quote;

/**
 * Names of {@code bpmn/locked-clause-effective.bpmn}: one instance per published locked clause version,
 * business key {@code TYPE-vN}; on the effective date it sends contracts that carry the older text back to the rep.
 */
public final class LockedClauseEffectiveProcess {
    public static final String KEY = "LockedClauseEffectiveProcess";
    /** message name of the start event; the app correlates it when legal publishes a locked version */
    public static final String PUBLISHED_MESSAGE = "LockedClausePublished";

    public static final class Task {
        public static final String REOPEN_STALE_CONTRACTS = "Task_ReopenStaleContracts";

        private Task() {
        }
    }

    public static final class Event {
        public static final String CLAUSE_EFFECTIVE = "Event_ClauseEffective";
        public static final String STALE_CONTRACTS_REOPENED = "EndEvent_StaleContractsReopened";

        private Event() {
        }
    }

    public static final class Vars {
        public static final String CLAUSE_TYPE = "clauseType";
        public static final String CLAUSE_VERSION_ID = "clauseVersionId";
        /** the start of the effective date in the app's zone (a Date): the timer's due date */
        public static final String CLAUSE_EFFECTIVE_FROM = "clauseEffectiveFrom";
        /** set by the task: the contracts sent back to the rep */
        public static final String REOPENED_CONTRACTS = "reopenedContracts";

        private Vars() {
        }
    }

    private LockedClauseEffectiveProcess() {
    }
}
