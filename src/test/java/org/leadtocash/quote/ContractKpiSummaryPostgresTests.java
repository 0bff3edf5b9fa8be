package org.leadtocash.quote;

import org.leadtocash.support.OnPostgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/** {@link ContractKpiSummaryTests} on PostgreSQL 17: the summaries' upserts, builds and reads there. */
@ContextConfiguration(initializers = OnPostgres.class)
@DirtiesContext
class ContractKpiSummaryPostgresTests extends ContractKpiSummaryTests {
}
