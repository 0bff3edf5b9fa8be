package org.leadtocash.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Security on by default, over real HTTP: every app endpoint under {@code /api} and the engine REST API need
 * credentials checked against the Camunda identity; health is open; every other path is denied.
 */
@AppTest
class EngineRestSecurityTests {
    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired IdentityService identityService;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    /** One endpoint of the app's API, with its path variables filled in. */
    record Endpoint(HttpMethod method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeEach
    void reset() {
        data.reset();
    }

    /** Wrong passwords lock a Camunda user for a while (and for good after 10): unlock, so no other test trips over it. */
    @AfterEach
    void unlockUsers() {
        for (String user : List.of("admin", "zhangwei", "lina", "limin", "wanglei")) {
            identityService.unlockUser(user);
        }
    }

    /** Every handler method of the app under /api, found from Spring MVC itself so a new endpoint is covered too. */
    private List<Endpoint> apiEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("org.leadtocash")) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{tripId}", "1").replaceAll("\\{[^}]+}", "x");
                (methods.isEmpty() ? Stream.of(RequestMethod.GET) : methods.stream())
                        .forEach(m -> endpoints.add(new Endpoint(HttpMethod.valueOf(m.name()), path)));
            }
        });
        return endpoints;
    }

    @Test
    void everyApiEndpointWithoutCredentialsIs401() {
        List<Endpoint> endpoints = apiEndpoints();
        assertThat(endpoints).extracting(Endpoint::toString).contains("POST /api/leads", "GET /api/leads", "GET /api/leads/x",
                "GET /api/customers", "GET /api/customers/x", "GET /api/kpi/leads/first-contact", "GET /api/reps/x/trips",
                "POST /api/reps/x/trips", "DELETE /api/reps/x/trips/1", "GET /api/notifications");

        for (Endpoint e : endpoints) {
            ResponseEntity<String> response = call(rest, e, null);
            assertThat(response.getStatusCode()).as(e.toString()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        assertThat(data.count("sales_lead")).isZero();
        assertThat(data.count("rep_trip")).isZero();
    }

    @Test
    void everyApiEndpointWithAWrongPasswordIs401() {
        for (Endpoint e : apiEndpoints()) {
            if (e.path().equals("/api/leads") && e.method() == HttpMethod.POST) {
                continue; // channel intake takes an API key, covered below
            }
            assertThat(call(rest.withBasicAuth("zhangwei", "wrong"), e, null).getStatusCode()).as(e.toString())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(call(rest.withBasicAuth("nobody", "nobody"), e, null).getStatusCode()).as(e.toString())
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void aWrongPasswordLocksNobodyOutForGoodAfterTheTestUnlocks() {
        // guards the @AfterEach: the wrong-password tests above must not leave demo users locked for later tests
        assertThat(rest.withBasicAuth("lina", "wrong").getForEntity("/api/leads", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        identityService.unlockUser("lina");
        assertThat(rest.withBasicAuth("lina", "lina").getForEntity("/api/leads", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void apiAnswersAValidUser() {
        assertThat(rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/api/leads", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(rest.withBasicAuth("limin", "limin").getForEntity("/api/customers", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void leadIntakeDoesNotAcceptAChannelKeyOnOtherEndpoints() {
        HttpHeaders h = new HttpHeaders();
        h.set("X-Api-Key", "test-website-key-0001");
        for (String path : List.of("/api/leads", "/api/customers", "/api/kpi/leads/first-contact?from=2026-01-01&to=2026-01-31")) {
            ResponseEntity<String> response = rest.exchange(path, HttpMethod.GET, new HttpEntity<>(h), String.class);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/engine-rest/task", "/engine-rest/task/count", "/engine-rest/process-definition", "/engine-rest/deployment",
            "/engine-rest/process-instance", "/engine-rest/history/process-instance", "/engine-rest/user", "/engine-rest/group",
            "/engine-rest/authorization", "/engine-rest/job", "/engine-rest/decision-definition", "/engine-rest/filter",
            "/engine-rest/engine/default/task", "/engine-rest/identity/groups?userId=admin"})
    void engineRestWithoutCredentialsIs401(String path) {
        assertThat(rest.getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("admin", "wrong").getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("ghost", "ghost").getForEntity(path, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void engineListIsTheOnlyOpenEngineRestResourceAndNamesNothingButTheEngine() {
        // Camunda's authentication filter leaves GET /engine-rest/engine open by design (it resolves the engine name)
        ResponseEntity<String> response = rest.getForEntity("/engine-rest/engine", String.class);
        assertThat(response.getBody()).isEqualTo("[{\"name\":\"default\"}]");
        assertThat(rest.getForEntity("/engine-rest/version", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void engineRestWritesWithoutCredentialsAre401() {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        for (String path : List.of("/engine-rest/process-definition/key/LeadRoutingProcess/start", "/engine-rest/deployment/create",
                "/engine-rest/user/create", "/engine-rest/authorization/create")) {
            ResponseEntity<String> response = rest.exchange(path, HttpMethod.POST, new HttpEntity<>("{}", h), String.class);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void engineRestWithBasicAuthOfAValidUserIs200() {
        for (String user : List.of("zhangwei", "lina", "limin", "wanglei", "admin")) {
            ResponseEntity<String> response = rest.withBasicAuth(user, user).getForEntity("/engine-rest/task", String.class);
            assertThat(response.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody()).startsWith("[");
        }
        assertThat(rest.withBasicAuth("wanglei", "wanglei").getForEntity("/engine-rest/process-definition?key=LeadRoutingProcess",
                String.class).getBody()).contains("LeadRoutingProcess");
    }

    @Test
    void repCannotReadIdentityOrAuthorizationsOverEngineRest() {
        // a rep may log in, but not list other users' authorizations or change them
        ResponseEntity<String> auths = rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/engine-rest/authorization", String.class);
        assertThat(auths.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(auths.getBody()).doesNotContain("\"groupId\":\"sales-manager\"");
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> grant = rest.withBasicAuth("zhangwei", "zhangwei").exchange("/engine-rest/authorization/create",
                HttpMethod.POST, new HttpEntity<>("{\"type\":1,\"permissions\":[\"ALL\"],\"userId\":\"zhangwei\",\"resourceType\":7,"
                        + "\"resourceId\":\"*\"}", h), String.class);
        assertThat(grant.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void healthIsOpen() {
        ResponseEntity<String> response = rest.getForEntity("/actuator/health", String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getBody()).contains("\"status\":\"UP\"");
        assertThat(rest.getForEntity("/actuator/health/liveness", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/foo", "/api-docs", "/actuator/env", "/actuator/beans", "/actuator/info", "/actuator/heapdump",
            "/h2-console", "/engine-restx/task", "/admin", "/static/../api/leads", "/swagger-ui.html", "/data/leadtocash.mv.db"})
    void pathsOutsideTheKnownOnesAreNeverServed(String path) {
        int anonymous = rest.getForEntity(path, String.class).getStatusCode().value();
        assertThat(anonymous).isIn(400, 401, 403);
        int asAdmin = rest.withBasicAuth("admin", "admin").getForEntity(path, String.class).getStatusCode().value();
        assertThat(asAdmin).isIn(400, 401, 403, 404);
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        int post = rest.exchange(path, HttpMethod.POST, new HttpEntity<>("{}", h), String.class).getStatusCode().value();
        assertThat(post).isIn(400, 401, 403);
    }

    @Test
    void webappApiNeedsTheWebappLogin() {
        // Cockpit's and Tasklist's own API: session login, not open
        int status = rest.getForEntity("/camunda/api/engine/engine/default/task", String.class).getStatusCode().value();
        assertThat(status).isIn(401, 403);
        int admin = rest.getForEntity("/camunda/api/admin/auth/user/default", String.class).getStatusCode().value();
        assertThat(admin).isIn(401, 403, 404);
    }

    private static ResponseEntity<String> call(TestRestTemplate client, Endpoint e, String body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        return client.exchange(e.path(), e.method(), new HttpEntity<>(body == null ? "{}" : body, h), String.class);
    }
}
