package org.leadtocash.notify;

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
 * {@link NotificationServiceTests} on a real PostgreSQL 17 (embedded, from Maven Central): V2 must run there too, and
 * the claim relies on PostgreSQL reporting a duplicate key the way H2 does. Each test gets a database of its own with
 * only V2 applied (V1 belongs to the lead feature and is tested there).
 */
class NotificationServicePostgresTests extends NotificationServiceTests {
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
        String name = "notify_" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(postgres.getPostgresDatabase()).execute("CREATE DATABASE " + name);
        DataSource database = postgres.getDatabase("postgres", name);
        new ResourceDatabasePopulator(new ClassPathResource("db/migration/V2__notification_delivery.sql"))
                .execute(database);
        return database;
    }

    @Override
    protected void dropDatabase(JdbcTemplate database) {
        // the whole server goes away after the class
    }
}
