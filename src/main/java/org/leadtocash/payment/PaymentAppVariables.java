package org.leadtocash.payment;

import java.util.Map;
import java.util.Set;

import org.leadtocash.shared.AppVariables;
import org.springframework.stereotype.Component;

/** The variables this module's code gives the payment journey: {@link PaymentJourneyProcess.Vars}. */
@Component
class PaymentAppVariables implements AppVariables {
    @Override
    public Map<String, Set<String>> byKey() {
        return Map.of(PaymentJourneyProcess.KEY, AppVariables.constants(PaymentJourneyProcess.Vars.class));
    }
}
