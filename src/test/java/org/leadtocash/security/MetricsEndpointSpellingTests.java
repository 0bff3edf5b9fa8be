package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code /actuator/prometheus} is not reachable under another spelling of its path — one that might slip past the
 * security matcher of its chain — without credentials or as a sales rep, and no other actuator endpoint opens.
 */
@AppTest
class MetricsEndpointSpellingTests {
    @LocalServerPort int port;
    @Autowired TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @Test
    void noSpellingOfThePathServesTheFiguresToAnonymousCallersOrReps() {
        RawHttp http = RawHttp.to(port);
        List<String> failures = new ArrayList<>();
        for (String path : List.of("/actuator/prometheus", "/actuator/prometheus/", "/actuator//prometheus",
                "/actuator/./prometheus", "/ACTUATOR/prometheus", "/actuator/Prometheus", "/actuator/prometheus;x=y",
                "/actuator;x=y/prometheus", "/actuator/prometheus%2F", "/actuator/%70rometheus", "/actuator/prometheus.txt",
                "/actuator/health/../prometheus", "/actuator/health/..;/prometheus", "/./actuator/prometheus",
                "/actuator/prometheus?includedNames=leadtocash_jobs_due", "/actuator/metrics", "/actuator",
                "/actuator/metrics/jvm.memory.used")) {
            for (Map<String, String> credential : List.of(Map.<String, String>of(),
                    Map.of("Authorization", RawHttp.basic("zhangwei", "zhangwei")))) {
                HttpResponse<String> r = http.get(path, credential);
                if (r.statusCode() < 400 || r.body().contains("leadtocash_") || r.body().contains("jvm_")) {
                    failures.add(path + (credential.isEmpty() ? "" : " as a rep") + " -> " + r.statusCode() + " "
                            + UnauthenticatedAccessTests.abbreviate(r.body()));
                }
            }
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
    }
}
