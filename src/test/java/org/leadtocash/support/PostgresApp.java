package org.leadtocash.support;

import java.util.ArrayList;
import java.util.List;

import org.leadtocash.LeadToCashApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole application on the {@code postgres} profile against an embedded PostgreSQL, beside the shared test context:
 * its own engine name (closing it must not unregister the shared context's "default" engine), no webapps (they keep
 * static singletons per JVM and would take over the shared context's Cockpit and Tasklist), job executor off.
 */
public final class PostgresApp {
    private PostgresApp() {
    }

    /** @param more further Spring arguments: the admin user, channel keys, … (the profile refuses defaults) */
    public static ConfigurableApplicationContext start(String jdbcUrl, String engineName, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--DB_URL=" + jdbcUrl, "--DB_USER=postgres",
                "--DB_PASSWORD=postgres", "--camunda.bpm.job-execution.enabled=false", "--spring.jmx.enabled=false",
                "--camunda.bpm.process-engine-name=" + engineName, "--camunda.bpm.webapp.enabled=false"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(LeadToCashApplication.class).profiles("postgres").run(args.toArray(String[]::new));
    }

    public static String baseUrl(ConfigurableApplicationContext app) {
        return "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
