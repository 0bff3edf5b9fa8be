package org.leadtocash.lead;

import java.util.Map;
import java.util.Set;

import org.leadtocash.shared.AppVariables;
import org.springframework.stereotype.Component;

/**
 * The variables this module's code gives its processes ({@link LeadRoutingProcess.Vars}, {@link BusinessTripProcess.Vars})
 * and the decisions it evaluates: the routing table and its budget tiers read the routing process's variables, the
 * policy table the lead's region.
 */
@Component
class LeadAppVariables implements AppVariables {
    @Override
    public Map<String, Set<String>> byKey() {
        Set<String> routing = AppVariables.constants(LeadRoutingProcess.Vars.class);
        return Map.of(LeadRoutingProcess.KEY, routing, LeadRoutingProcess.DECISION, routing,
                LeadRoutingProcess.BUDGET_TIER_DECISION, routing,
                BusinessTripProcess.KEY, AppVariables.constants(BusinessTripProcess.Vars.class),
                LeadPolicy.DECISION, Set.of(LeadRoutingProcess.Vars.REGION));
    }
}
