package org.leadtocash.shared;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** {@link SummaryCountersTests} on a real PostgreSQL 17 (embedded): the upsert is {@code INSERT ... ON CONFLICT}. */
class SummaryCountersPostgresTests extends SummaryCountersTests {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    protected String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }
}
