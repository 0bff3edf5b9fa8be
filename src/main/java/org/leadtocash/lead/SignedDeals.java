package org.leadtocash.lead;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Turns a {@link DealSigned} event into a signed deal on the rep's workload, in the publisher's transaction. */
@Component
class SignedDeals {
    private final SalesTeam salesTeam;

    SignedDeals(SalesTeam salesTeam) {
        this.salesTeam = salesTeam;
    }

    @EventListener
    void on(DealSigned deal) {
        salesTeam.recordSignedDeal(deal.repId(), deal.customerId(), deal.amountCny(), deal.reference(), deal.signedAt());
    }
}
