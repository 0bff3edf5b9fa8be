package org.leadtocash.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Reads {@code /actuator/prometheus} over HTTP the way Prometheus does: HTTP Basic as a user of the {@code metrics}
 * group, which {@link #create} adds (with the group) and {@link #remove} deletes again.
 */
public final class MetricsScraper {
    public static final String USER = "testprometheus";
    public static final String PASSWORD = "test-prometheus-secret";
    public static final String GROUP = "metrics";

    private final TestRestTemplate rest;
    private final IdentityService identityService;

    private MetricsScraper(TestRestTemplate rest, IdentityService identityService) {
        this.rest = rest;
        this.identityService = identityService;
    }

    /** Adds the {@code metrics} group (if missing) and the scraper user in it. */
    public static MetricsScraper create(TestRestTemplate rest, IdentityService identityService) {
        if (identityService.createGroupQuery().groupId(GROUP).count() == 0) {
            Group group = identityService.newGroup(GROUP);
            group.setName("Prometheus");
            identityService.saveGroup(group);
        }
        if (identityService.createUserQuery().userId(USER).count() == 0) {
            User user = identityService.newUser(USER);
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership(USER, GROUP);
        }
        return new MetricsScraper(rest, identityService);
    }

    public void remove() {
        identityService.deleteUser(USER);
        identityService.deleteGroup(GROUP);
    }

    /** The whole answer, in Prometheus's text format. */
    public String scrape() {
        ResponseEntity<String> answer = rest.withBasicAuth(USER, PASSWORD).getForEntity("/actuator/prometheus", String.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    /** The sample lines of one metric ({@code name{labels} value}), in the order the endpoint wrote them. */
    public List<String> samples(String metric) {
        return Arrays.stream(scrape().split("\n"))
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .toList();
    }
}
