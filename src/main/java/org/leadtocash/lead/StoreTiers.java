package org.leadtocash.lead;

import java.util.List;

/**
 * The store tiers (门店等级, R-15) a customer may have: exactly the tiers the deployed rebate decision knows. The quote
 * module implements it from {@code bpmn/rebate-policy.dmn}, so a process owner adds a tier by deploying that table —
 * no enum, no migration. Defined here because the customer book checks tiers and may not depend on the quote module.
 */
public interface StoreTiers {

    /** The tier codes of the latest deployed rebate decision, in the table's order (e.g. KA, COMMUNITY, …). */
    List<String> codes();
}
