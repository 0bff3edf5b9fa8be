/**
 * Leads from intake to first contact (R-01…R-07): validation, customers and their one owner, DMN routing, load-aware
 * assignment, escalations, business trips, the sales roster and the lead KPIs. Listens to
 * {@link org.leadtocash.lead.DealSigned}. API: {@link org.leadtocash.lead.LeadIntake},
 * {@link org.leadtocash.lead.LeadQueries}, {@link org.leadtocash.lead.SalesTeam}, {@link org.leadtocash.lead.LeadRoutingProcess}.
 */
@ApplicationModule(displayName = "Lead 线索", allowedDependencies = {"shared", "notify"})
package org.leadtocash.lead;

import org.springframework.modulith.ApplicationModule;
