package org.leadtocash.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Runs an {@link AppTest} class on an embedded PostgreSQL 17 instead of H2, with everything else as in the shared test
 * context (demo users, job executor off): {@code @ContextConfiguration(initializers = OnPostgres.class)} on a subclass
 * repeats its tests there, with {@code @DirtiesContext}: the engine has its own name and no webapps, so the shared H2
 * context in the same JVM keeps its engine and Cockpit, and closing the context after the class takes the second engine
 * out of the JVM's engine registry again (else {@code /engine-rest/engine} lists it to the tests that follow).
 */
public class OnPostgres implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("onPostgres", Map.of(
                "spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"),
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres",
                "camunda.bpm.database.type", "postgres",
                "camunda.bpm.process-engine-name", "onPostgres",
                "camunda.bpm.webapp.enabled", "false")));
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                try {
                    postgres.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }
}
