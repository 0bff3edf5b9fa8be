package org.leadtocash.lead;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lead routing settings ({@code leadtocash.lead.*}). The SLA durations are not here: they are drawn on the timers of
 * {@code bpmn/lead-routing.bpmn} (see {@link LeadSla}).
 *
 * @param maxOpenLeads a rep with more open leads than this is skipped (R-03: more than 8)
 * @param signedDealWindow how far back "deals signed recently" looks (R-03: 7 days). Each rep's count is kept as deals
 *                         are signed and retired as they age out; after lengthening the window, deals already retired
 *                         count again only after {@link SalesTeam#recountWorkload()}
 */
@ConfigurationProperties(prefix = "leadtocash.lead")
record LeadProperties(@DefaultValue("8") int maxOpenLeads,
                             @DefaultValue("P7D") Duration signedDealWindow) {

    public LeadProperties {
        if (maxOpenLeads < 0) {
            throw new IllegalArgumentException("leadtocash.lead.max-open-leads must be >= 0");
        }
    }
}
