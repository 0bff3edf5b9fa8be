package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.shared.Groups;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user logged into Tasklist, Cockpit or Admin calls {@code /api/**} with that login (a PDF link in a task form, a
 * plugin's fetch) instead of answering a second HTTP Basic prompt: reads with the session alone, changes only with
 * the webapps' CSRF token, with the user's current groups and Camunda authorizations.
 */
@AppTest
class WebappSessionApiTests {
    private static final String TEMP_USER = "testsessionrep";

    @LocalServerPort int port;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;
    @Autowired IdentityService identityService;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @AfterEach
    void removeTempUser() {
        if (identityService.createUserQuery().userId(TEMP_USER).count() > 0) {
            identityService.deleteUser(TEMP_USER);
        }
    }

    @Test
    void theWebappLoginReadsTheApiWithTheUsersOwnRights() {
        WebappSession limin = WebappSession.login(port, "limin", "cockpit");
        assertThat(limin.get("/api/notifications").statusCode()).as("a manager reads the delivery log").isEqualTo(200);

        WebappSession zhangwei = WebappSession.login(port, "zhangwei", "tasklist");
        assertThat(zhangwei.get("/api/leads").statusCode()).isEqualTo(200);
        assertThat(zhangwei.get("/api/notifications").statusCode()).as("a rep may not read the delivery log").isEqualTo(403);

        assertThat(WebappSession.anonymous(port).get("/api/leads").statusCode()).as("a session nobody logged into").isEqualTo(401);
    }

    @Test
    void callingTheApiKeepsTheWebappSessionLoggedIn() {
        WebappSession limin = WebappSession.login(port, "limin", "cockpit");
        String session = limin.sessionId();
        for (String path : List.of("/api/kpi/contracts?from=2026-01-01&to=2026-01-31", "/api/leads", "/api/notifications")) {
            HttpResponse<String> response = limin.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(response.headers().allValues("Set-Cookie")).as("cookies set by " + path).isEmpty();
        }
        assertThat(limin.sessionId()).isEqualTo(session);
        assertThat(limin.get(WebappSession.AUTH_USER).statusCode()).as("still logged into the webapps").isEqualTo(200);
    }

    @Test
    void changingDataWithTheLoginNeedsTheWebappsCsrfToken() {
        WebappSession lina = WebappSession.login(port, "lina", "tasklist");
        String trip = "{\"tripStart\":\"" + TestData.today() + "\",\"tripEnd\":\"" + TestData.today().plusDays(1) + "\"}";

        HttpResponse<String> withoutToken = lina.sendWithToken("POST", "/api/reps/lina/trips", trip, null);
        assertThat(withoutToken.statusCode()).as(withoutToken.body()).isEqualTo(403);
        assertThat(withoutToken.body()).contains("X-XSRF-TOKEN");
        HttpResponse<String> wrongToken = lina.sendWithToken("POST", "/api/reps/lina/trips", trip, "not-the-token");
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        assertThat(trips("lina")).as("nothing stored without the token").isZero();

        HttpResponse<String> withToken = lina.send("POST", "/api/reps/lina/trips", trip);
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
        assertThat(trips("lina")).isEqualTo(1);
    }

    @Test
    void aUserDeletedAfterLoggingInIsNoLongerLetIn() {
        User user = identityService.newUser(TEMP_USER);
        user.setFirstName("临时");
        user.setLastName("Temp");
        user.setPassword(TEMP_USER);
        identityService.saveUser(user);
        identityService.createMembership(TEMP_USER, Groups.SALES_REP);
        WebappSession session = WebappSession.login(port, TEMP_USER, "tasklist");
        assertThat(session.get("/api/leads").statusCode()).isEqualTo(200);

        identityService.deleteUser(TEMP_USER);
        assertThat(session.get("/api/leads").statusCode()).isEqualTo(401);
    }

    private int trips(String rep) {
        return jdbc.sql("SELECT count(*) FROM rep_trip WHERE rep_id = ?").param(rep).query(Integer.class).single();
    }
}
