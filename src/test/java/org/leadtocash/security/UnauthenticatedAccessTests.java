package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.security.EngineRestResources.Operation;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Extends {@code EngineRestSecurityTests} (which sends no credentials, an unknown user and a wrong password to every
 * {@code /api} endpoint): every {@code /api} endpoint, found from Spring MVC, refuses every credential that is not a
 * user's password — a channel key (except on intake), a webapp session cookie, a bearer token, malformed Basic — and
 * path spellings that might slip past the security matchers; every operation of the engine REST API, read from
 * Camunda's JAX-RS annotations, answers 401 without credentials and does not take a webapp session instead; the
 * webapps' own API answers nothing without a webapp login. Nothing is stored by any of it.
 */
@AppTest
class UnauthenticatedAccessTests {
    private static final Logger log = LoggerFactory.getLogger(UnauthenticatedAccessTests.class);
    static final String CHANNEL_KEY = "test-website-key-0001";

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;
    @Autowired RuntimeService runtimeService;
    @Autowired RepositoryService repositoryService;
    @Autowired IdentityService identityService;

    private RawHttp http;

    record Endpoint(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        boolean isIntake() {
            return method.equals("POST") && path.equals("/api/leads");
        }
    }

    @BeforeEach
    void reset() {
        data.reset();
        http = RawHttp.to(port);
    }

    /** Every handler method of the app under /api, from Spring MVC itself, path variables filled in. */
    private List<Endpoint> apiEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("org.leadtocash")) {
                return;
            }
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api")) {
                    String path = pattern.replaceAll("\\{tripId}", "1").replaceAll("\\{[^}]+}", "x");
                    (methods.isEmpty() ? Stream.of(RequestMethod.GET) : methods.stream()).forEach(m -> endpoints.add(new Endpoint(m.name(), path)));
                }
            }
        });
        assertThat(endpoints).extracting(Endpoint::toString).contains("POST /api/leads", "GET /api/leads", "POST /api/quotes",
                "POST /api/bank-statements", "GET /api/payment-journeys/x", "POST /api/reps/x/trips");
        return endpoints;
    }

    @Test
    void everyApiEndpointRefusesEveryCredentialThatIsNotAUsersPassword() {
        // a webapp login is a user's password too (WebappSessionApiTests); a session nobody logged into is not
        WebappSession nobody = WebappSession.anonymous(port);
        String sessionCookie = "JSESSIONID=" + nobody.sessionId() + "; XSRF-TOKEN=" + nobody.token();
        Map<String, Map<String, String>> credentials = new LinkedHashMap<>();
        credentials.put("no credentials", Map.of());
        credentials.put("a webapp session nobody logged into, with its XSRF token", Map.of("Cookie", sessionCookie, "X-XSRF-TOKEN", nobody.token()));
        credentials.put("a bearer token", Map.of("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9."));
        credentials.put("Basic that is not base64", Map.of("Authorization", "Basic !!!"));
        credentials.put("Basic without a colon", Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin".getBytes())));
        credentials.put("Basic with an empty user", Map.of("Authorization", RawHttp.basic("", "")));
        credentials.put("Basic with a user id that is no user", Map.of("Authorization", RawHttp.basic("admin' OR '1'='1", "x")));
        credentials.put("the channel key as X-Api-Key", Map.of("X-Api-Key", CHANNEL_KEY));
        credentials.put("the channel key as Basic password", Map.of("Authorization", RawHttp.basic("WEBSITE_FORM", CHANNEL_KEY)));

        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Endpoint e : apiEndpoints()) {
            for (var credential : credentials.entrySet()) {
                if (e.isIntake() && credential.getKey().startsWith("the channel key as X-Api-Key")) {
                    continue; // the one endpoint a channel key opens
                }
                Map<String, String> h = new LinkedHashMap<>(credential.getValue());
                h.put("Content-Type", "application/json");
                h.put("Accept", "application/json");
                HttpResponse<String> r = http.send(e.method(), e.path(), h, RawHttp.utf8("{}"));
                calls++;
                if (r.statusCode() != 401) {
                    failures.add(e + " with " + credential.getKey() + " -> " + r.statusCode() + " " + abbreviate(r.body()));
                } else if (e.isIntake() && !r.body().contains("X-Api-Key")) {
                    failures.add(e + " with " + credential.getKey() + ": the 401 does not name the X-Api-Key header: " + r.body());
                } else if (!e.isIntake() && r.headers().firstValue("WWW-Authenticate").isEmpty()) {
                    failures.add(e + " with " + credential.getKey() + ": the 401 does not name the scheme (WWW-Authenticate)");
                }
            }
        }
        log.info("/api: {} calls with {} kinds of non-credentials, {} not refused", calls, credentials.size(), failures.size());
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertNothingStored();
    }

    @Test
    void pathSpellingsThatMightSlipPastTheMatchersAreNeverServed() {
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Endpoint e : apiEndpoints()) {
            String rest = e.path().substring("/api".length());
            for (String variant : List.of(e.path() + "/", "/API" + rest, "/Api" + rest, "/" + e.path(), e.path() + ";jsessionid=x",
                    "/api;x=y" + rest, "/api/." + rest, "/api/x/.." + rest, "/api/%2e" + rest, "/api%2F" + rest.substring(1),
                    "/%61pi" + rest, e.path() + "%20", e.path() + "%00", e.path() + "?x=%0d%0aSet-Cookie:x", "/./api" + rest,
                    "/engine-rest/../api" + rest, "/camunda/../api" + rest, "/actuator/health/../../api" + rest)) {
                // with the channel key: even the intake must not be reachable under another spelling
                HttpResponse<String> r = http.send(e.method(), variant,
                        RawHttp.headers("Content-Type", "application/json", "X-Api-Key", CHANNEL_KEY), RawHttp.utf8(body(e)));
                calls++;
                boolean intakeItself = e.isIntake() && variant.startsWith("/api/leads?");
                if (r.statusCode() < 400 && !intakeItself) {
                    failures.add(e.method() + " " + variant + " -> " + r.statusCode() + " " + abbreviate(r.body()));
                }
            }
        }
        log.info("/api path spellings: {} calls, {} served", calls, failures.size());
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertNothingStored();
    }

    @Test
    void otherHttpMethodsOnTheApiWithoutCredentialsAreRefused() {
        List<String> failures = new ArrayList<>();
        for (String path : apiEndpoints().stream().map(Endpoint::path).distinct().toList()) {
            for (String method : List.of("HEAD", "OPTIONS", "TRACE", "PATCH", "PUT", "DELETE", "PROPFIND")) {
                HttpResponse<String> r = http.send(method, path, RawHttp.headers("Content-Type", "application/json"), RawHttp.utf8("{}"));
                if (r.statusCode() < 400 || r.statusCode() >= 500) {
                    failures.add(method + " " + path + " -> " + r.statusCode() + " " + abbreviate(r.body()));
                }
            }
        }
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertNothingStored();
    }

    @Test
    void everyEngineRestOperationWithoutCredentialsIs401AndAWebappSessionIsNoCredential() {
        List<Operation> operations = EngineRestResources.operations();
        assertThat(operations).as("operations read from Camunda's JAX-RS resources").hasSizeGreaterThan(200);
        assertThat(operations).extracting(Operation::toString).contains("GET /task", "POST /process-definition/key/x/start",
                "POST /deployment/create", "POST /message", "GET /history/variable-instance", "POST /user/create", "GET /version", "GET /engine/default/task", "POST /engine/default/deployment/create");

        WebappSession admin = WebappSession.login(port, "admin", "cockpit");
        String adminSession = "JSESSIONID=" + admin.sessionId() + "; XSRF-TOKEN=" + admin.token();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Operation op : operations) {
            for (String prefix : List.of("/engine-rest")) {
                boolean engineList = op.method().equals("GET") && (prefix + op.path()).equals("/engine-rest/engine");
                if (engineList) {
                    continue; // open by design, names only the engine (EngineRestSecurityTests)
                }
                for (Map<String, String> credential : List.of(Map.<String, String>of(),
                        Map.of("Cookie", adminSession, "X-XSRF-TOKEN", admin.token()))) {
                    Map<String, String> h = new LinkedHashMap<>(credential);
                    h.put("Accept", "application/json");
                    boolean body = op.method().equals("POST") || op.method().equals("PUT");
                    if (body) {
                        h.put("Content-Type", "application/json");
                    }
                    HttpResponse<String> r = http.send(op.method(), prefix + op.path(), h, body ? RawHttp.utf8("{}") : null);
                    byStatus.merge(r.statusCode(), 1, Integer::sum);
                    if (r.statusCode() != 401) {
                        failures.add(op.method() + " " + prefix + op.path() + (credential.isEmpty() ? "" : " with admin's webapp session")
                                + " -> " + r.statusCode() + " " + abbreviate(r.body()));
                    }
                }
            }
        }
        log.info("/engine-rest: {} operations, answers by status {}", operations.size(), byStatus);
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertNothingStored();
    }

    @Test
    void theWebappsOwnApiAnswersNothingWithoutAWebappLogin() {
        List<Operation> operations = EngineRestResources.operations();
        List<String> paths = new ArrayList<>();
        for (Operation op : operations) {
            if (!op.path().startsWith("/engine")) {
                paths.add(op.method() + " /camunda/api/engine/engine/default" + op.path());
            }
        }
        for (String plugin : List.of("GET /camunda/api/cockpit/plugin/base/default/process-definition/statistics",
                "POST /camunda/api/cockpit/plugin/base/default/process-instance", "GET /camunda/api/cockpit/plugin/base/default/incident",
                "GET /camunda/api/admin/plugin/adminPlugins/default/users", "GET /camunda/api/admin/auth/user/default",
                "POST /camunda/api/admin/setup/default/user/create", "GET /camunda/api/tasklist/plugin/tasklistPlugins/default",
                "GET /camunda/api/welcome/default/plugin/welcome/default")) {
            paths.add(plugin);
        }
        // a browser that loaded a page but logged nobody in: a session and its XSRF token, so CSRF lets it through to the login check
        WebappSession anonymous = WebappSession.anonymous(port);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (String call : paths) {
            String method = call.substring(0, call.indexOf(' '));
            String path = call.substring(call.indexOf(' ') + 1);
            for (boolean withSession : new boolean[] {false, true}) {
                Map<String, String> h = RawHttp.headers("Content-Type", "application/json", "Accept", "application/json");
                if (withSession) {
                    h.put("Cookie", "JSESSIONID=" + anonymous.sessionId());
                    h.put("X-XSRF-TOKEN", anonymous.token());
                }
                HttpResponse<String> r = http.send(method, path, h, method.equals("GET") || method.equals("DELETE") ? null : RawHttp.utf8("{}"));
                byStatus.merge(r.statusCode(), 1, Integer::sum);
                // 404: a path the webapps do not serve (or "nobody is logged in" for auth/user)
                boolean refused = r.statusCode() == 401 || r.statusCode() == 403 || r.statusCode() == 404;
                if (!refused) {
                    failures.add(call + (withSession ? " with an anonymous session" : "") + " -> " + r.statusCode() + " " + abbreviate(r.body()));
                }
            }
        }
        log.info("/camunda/api without a login: {} operations, each without and with an anonymous session, answers by status {}", paths.size(), byStatus);
        assertThat(failures).as(String.join("\n", failures)).isEmpty();
        assertNothingStored();
    }

    private void assertNothingStored() {
        for (String table : List.of("sales_lead", "customer", "rep_trip", "quote", "payment_journey", "bank_statement_import",
                "payment_receipt")) {
            assertThat(data.count(table)).as(table).isZero();
        }
        assertThat(runtimeService.createProcessInstanceQuery().count()).as("process instances").isZero();
        assertThat(repositoryService.createDeploymentQuery().list()).extracting(d -> d.getSource()).doesNotContain("Camunda Modeler");
        assertThat(identityService.createUserQuery().userId("x").count()).isZero();
        assertThat(identityService.createGroupQuery().groupId("x").count()).isZero();
    }

    private static String body(Endpoint e) {
        return e.isIntake() ? "{\"externalId\":\"sec-x\",\"source\":\"WEBSITE_FORM\"}" : "{}";
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }
}
