package org.leadtocash.erp;

import java.io.IOException;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * {@link U8HandOffTests} on a real PostgreSQL 17 (embedded): V5 must run there too, and the claim relies on PostgreSQL
 * reporting a duplicate key the way H2 does. Each test gets a database of its own with only V5 applied.
 */
class U8HandOffPostgresTests extends U8HandOffTests {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @Override
    protected DataSource newDatabase() {
        String name = "erp_" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE " + name);
        DataSource database = postgres.getDatabase("postgres", name);
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/V5__erp_handoff.sql")).execute(database);
        return database;
    }

    @Override
    protected void dropDatabase(JdbcTemplate database) {
        // the whole server goes away after the class
    }
}
