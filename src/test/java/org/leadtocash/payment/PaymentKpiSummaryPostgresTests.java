package org.leadtocash.payment;

import org.leadtocash.support.OnPostgres;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

/** {@link PaymentKpiSummaryTests} on PostgreSQL 17: the summaries' upserts, builds and reads there. */
@ContextConfiguration(initializers = OnPostgres.class)
@DirtiesContext
class PaymentKpiSummaryPostgresTests extends PaymentKpiSummaryTests {
}
