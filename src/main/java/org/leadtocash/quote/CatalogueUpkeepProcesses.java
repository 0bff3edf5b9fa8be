package org.leadtocash.quote;

/**
 * Names of {@code bpmn/clause-type.bpmn} (legal keeps clause types) and {@code bpmn/product-upkeep.bpmn} (the
 * catalogue owner keeps products): Tasklist start forms whose one service task saves what was entered.
 */
public final class CatalogueUpkeepProcesses {

    public static final class ClauseTypes {
        public static final String KEY = "ClauseTypeProcess";
        public static final String START_FORM = "form-clause-type";
        public static final String TASK_SAVE = "Task_SaveClauseType";
        public static final String EDITOR = "clauseTypeEditor";
        public static final String CODE = "code";
        public static final String NAME = "name";
        public static final String LOCKED = "locked";
        public static final String APPLIES_TO_ALL = "appliesToAll";
        public static final String ACTIVE = "active";
        /** comma-separated product models that replace the whole list (earlier forms and API-like starts) */
        public static final String REQUIRED_FOR = "requiredFor";
        /** comma-separated product models that come to require the type; the others keep it */
        public static final String REQUIRED_FOR_ADD = "requiredForAdd";
        /** comma-separated product models that no longer require the type; the others keep it */
        public static final String REQUIRED_FOR_REMOVE = "requiredForRemove";
        /** a flag select's value that leaves the flag as it is ({@code "true"} / {@code "false"} set it) */
        public static final String KEEP = "keep";

        private ClauseTypes() {
        }
    }

    public static final class Products {
        public static final String KEY = "ProductUpkeepProcess";
        public static final String START_FORM = "form-product";
        public static final String TASK_SAVE = "Task_SaveProduct";
        public static final String EDITOR = "productEditor";
        public static final String MODEL = "model";
        public static final String NAME = "name";
        public static final String UNIT_PRICE_CNY = "unitPriceCny";
        /** "0.13", "0.09" or "0.06" as the form's select submits it */
        public static final String VAT_RATE = "vatRate";
        public static final String ACTIVE = "active";

        private Products() {
        }
    }

    private CatalogueUpkeepProcesses() {
    }
}
