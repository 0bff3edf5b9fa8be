package org.leadtocash.quote;

import java.util.Map;
import java.util.Set;

import org.leadtocash.shared.AppVariables;
import org.springframework.stereotype.Component;

/** The variables this module's code gives its processes (each process's {@code Vars}) and the rebate decision it evaluates. */
@Component
class QuoteAppVariables implements AppVariables {
    @Override
    public Map<String, Set<String>> byKey() {
        return Map.of(QuoteToInvoiceProcess.KEY, AppVariables.constants(QuoteToInvoiceProcess.Vars.class),
                ClausePublishProcess.KEY, AppVariables.constants(ClausePublishProcess.Vars.class),
                LockedClauseEffectiveProcess.KEY, AppVariables.constants(LockedClauseEffectiveProcess.Vars.class),
                RebatePolicy.DECISION, Set.of(RebatePolicy.INPUT_CUSTOMER_TIER));
    }
}
