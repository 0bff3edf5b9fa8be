package org.leadtocash.quote;

/** Names of {@code bpmn/clause-publish.bpmn}: legal publishes a new clause version from Tasklist. */
public final class ClausePublishProcess {
    public static final String KEY = "ClausePublishProcess";
    public static final String START_FORM = "form-clause-publish";
    /**
     * Longest text the Tasklist way takes: the engine stores a string variable in a 4000-character column (history
     * included). Longer texts, up to {@link ClauseLibrary#MAX_TEXT_LENGTH}, go through {@code POST /api/clauses/{type}/versions}.
     */
    public static final int MAX_FORM_TEXT_LENGTH = 4000;
    /** the start form's choice for a clause type not in its list; the code comes in {@link Vars#OTHER_CLAUSE_TYPE} */
    public static final String OTHER_TYPE = "OTHER";

    public static final class Task {
        public static final String PUBLISH_CLAUSE = "Task_PublishClause";

        private Task() {
        }
    }

    public static final class Event {
        public static final String CLAUSE_VERSION_ENTERED = "StartEvent_ClauseVersionEntered";
        public static final String CLAUSE_VERSION_PUBLISHED = "EndEvent_ClauseVersionPublished";

        private Event() {
        }
    }

    public static final class Vars {
        /** the user who submitted the start form (camunda:initiator) */
        public static final String CLAUSE_PUBLISHER = "clausePublisher";
        public static final String CLAUSE_TYPE = "clauseType";
        /** the code of a type legal added, when {@link #CLAUSE_TYPE} is {@link ClausePublishProcess#OTHER_TYPE} */
        public static final String OTHER_CLAUSE_TYPE = "otherClauseType";
        /** the product the text is for; empty for the default text of every product */
        public static final String PRODUCT_MODEL = "productModel";
        /** yyyy-MM-dd as the Camunda Form date field submits it (a Date or LocalDate works too) */
        public static final String EFFECTIVE_DATE = "effectiveDate";
        public static final String CLAUSE_TEXT = "clauseText";
        /** set by the publish task: the new version's id and number */
        public static final String CLAUSE_VERSION_ID = "clauseVersionId";
        public static final String CLAUSE_VERSION = "clauseVersion";

        private Vars() {
        }
    }

    private ClausePublishProcess() {
    }
}
