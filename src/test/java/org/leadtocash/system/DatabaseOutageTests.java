package org.leadtocash.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.leadtocash.support.PostgresApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.TestData;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A PostgreSQL that goes away under the running app: lead intake answers 503 with {@code Retry-After} (not 500), stores
 * nothing, and once the database is back the client's retry with the same source and externalId stores the lead once.
 */
class DatabaseOutageTests {
    private static final String KEY = "outage-test-website-key-0123456789";
    private static Path dataDirectory;
    private static int port;
    private static EmbeddedPostgres postgres;
    private static ConfigurableApplicationContext app;
    private static String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        dataDirectory = Files.createTempDirectory("outage-pg-");
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        postgres = startPostgres();
        app = PostgresApp.start(postgres.getJdbcUrl("postgres", "postgres"), "outageTest",
                "--camunda.bpm.admin-user.id=opsadmin",
                "--camunda.bpm.admin-user.password=Strong-Admin-Pw-2026",
                "--leadtocash.security.channel-keys.WEBSITE_FORM=" + KEY,
                "--spring.datasource.hikari.connection-timeout=2000");
        base = PostgresApp.baseUrl(app);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void intakeAnswers503WithRetryAfterWhileTheDatabaseIsDownAndTheRetryStoresTheLeadOnce() throws Exception {
        assertThat(post(lead("outage-before")).statusCode()).isEqualTo(201);
        Map<String, Object> lead = lead("outage-during");

        postgres.close();
        HttpResponse<String> down = post(lead);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
        JsonNode problem = json.readTree(down.body());
        assertThat(problem.path("detail").asText()).contains("retry the same request", "externalId");

        postgres = startPostgres();
        HttpResponse<String> retried = post(lead);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        HttpResponse<String> again = post(lead);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).path("leadId").asText()).isEqualTo(json.readTree(retried.body()).path("leadId").asText());

        JdbcClient jdbc = app.getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT count(*) FROM sales_lead WHERE external_id = 'outage-during'").query(Integer.class).single())
                .as("the lead sent during the outage and twice after it").isEqualTo(1);
    }

    private static Map<String, Object> lead(String externalId) {
        Map<String, Object> lead = TestData.leadBody("WEBSITE_FORM", "EAST", "120000");
        lead.put("externalId", externalId);
        return lead;
    }

    private HttpResponse<String> post(Map<String, Object> lead) throws Exception {
        String body = json.writeValueAsString(lead);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/leads"))
                .header("Content-Type", "application/json").header("X-Api-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The same server (data directory and port) every time, so the app's connection settings stay valid; the data
     * directory is kept when the server stops (it is removed after the test).
     */
    private static EmbeddedPostgres startPostgres() throws Exception {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port).start();
    }
}
