package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.security.SalesFixtures.JSON;
import static org.leadtocash.security.WebappSession.AUTH_USER;
import static org.leadtocash.security.WebappSession.ENGINE_API;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.security.SalesFixtures.RoutedLead;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The webapps' CSRF protection stays on: with a valid Tasklist session cookie, a state-changing call to
 * {@code /camunda/api/...} without the session's {@code X-XSRF-TOKEN}, with a wrong one or with another session's is
 * refused (403) and changes nothing — the very form submission Tasklist makes works with it. The login itself needs
 * the token; the cookies are out of a script's and another site's reach.
 */
@AppTest
class WebappCsrfTests {
    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired PaymentJourneys journeys;
    @Autowired JdbcClient jdbc;

    private RoutedLead lead;
    private String submit;
    private String reachedForm;

    @BeforeEach
    void setUp() throws Exception {
        data.reset();
        lead = new SalesFixtures(rest, data, managementService, taskService, journeys).leadForZhangwei();
        submit = ENGINE_API + "/task/" + lead.taskId() + "/submit-form";
        reachedForm = JSON.writeValueAsString(SalesFixtures.firstContactForm("REACHED", "CSRF 测试",
                LocalDate.now(SalesFixtures.SHANGHAI).plusDays(1).toString(), null));
    }

    @Test
    void aFormSubmissionWithTheSessionCookieButWithoutTheXsrfTokenIsRefusedAndWithItWorks() {
        WebappSession zhangwei = WebappSession.login(port, "zhangwei", "tasklist");
        assertThat(zhangwei.get(ENGINE_API + "/task/" + lead.taskId()).statusCode()).as("the session works").isEqualTo(200);

        HttpResponse<String> withoutToken = zhangwei.sendWithToken("POST", submit, reachedForm, null);

        assertThat(withoutToken.statusCode()).as(withoutToken.body()).isEqualTo(403);
        assertThat(withoutToken.headers().firstValue("X-XSRF-TOKEN")).as("the filter asks for the token").hasValue("Required");
        assertTaskOpen();
        // Camunda drops a session that sent a forged request: the cookie no longer authenticates anything
        assertThat(zhangwei.get(ENGINE_API + "/task/" + lead.taskId()).statusCode()).isEqualTo(401);

        WebappSession again = WebappSession.login(port, "zhangwei", "tasklist");
        HttpResponse<String> withToken = again.send("POST", submit, reachedForm);

        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(lead.taskId()).count()).isZero();
        assertThat(jdbc.sql("SELECT status FROM sales_lead WHERE id = ?").param(lead.leadId()).query(String.class).single())
                .isEqualTo("CONTACTED");
    }

    @Test
    void aWrongTokenOrAnotherSessionsTokenIsRefused() {
        WebappSession zhangwei = WebappSession.login(port, "zhangwei", "tasklist");
        WebappSession lina = WebappSession.login(port, "lina", "tasklist");
        String linasToken = lina.token();
        assertThat(linasToken).isNotEqualTo(zhangwei.token());

        for (String forged : List.of("", " ", "null", zhangwei.token().toLowerCase(), zhangwei.token() + "0", linasToken,
                zhangwei.token().substring(1))) {
            WebappSession fresh = WebappSession.login(port, "zhangwei", "tasklist");
            HttpResponse<String> r = fresh.sendWithToken("POST", submit, reachedForm, forged);
            assertThat(r.statusCode()).as("token '" + forged + "': " + r.body()).isEqualTo(403);
            assertTaskOpen();
        }
        // the token handed to the session before the login does not carry over to the logged-in session
        WebappSession browser = WebappSession.anonymous(port);
        String beforeLogin = browser.token();
        assertThat(browser.tryLogin("zhangwei", "zhangwei", "tasklist", true).statusCode()).isEqualTo(200);
        HttpResponse<String> stale = browser.sendWithToken("POST", submit, reachedForm, beforeLogin);
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(403);
        assertTaskOpen();
    }

    @Test
    void everyStateChangingMethodNeedsTheToken() throws Exception {
        String variable = ENGINE_API + "/task/" + lead.taskId() + "/localVariables/csrfProbe";
        String value = JSON.writeValueAsString(Map.of("value", "x", "type", "String"));
        for (String[] call : new String[][] {{"PUT", variable, value}, {"DELETE", variable, null},
                {"POST", ENGINE_API + "/task/" + lead.taskId() + "/comment/create", "{\"message\":\"csrf\"}"},
                {"POST", ENGINE_API + "/task/" + lead.taskId() + "/unclaim", null},
                {"POST", ENGINE_API + "/filter/create", "{\"resourceType\":\"Task\",\"name\":\"csrf\",\"query\":{}}"},
                {"POST", AUTH_USER + "/logout", null}}) {
            WebappSession zhangwei = WebappSession.login(port, "zhangwei", "tasklist");
            HttpResponse<String> r = zhangwei.sendWithToken(call[0], call[1], call[2], null);
            assertThat(r.statusCode()).as(call[0] + " " + call[1] + ": " + r.body()).isEqualTo(403);
        }
        assertTaskOpen();
        assertThat(taskService.getVariableLocal(lead.taskId(), "csrfProbe")).isNull();
        assertThat(taskService.getTaskComments(lead.taskId())).isEmpty();

        WebappSession zhangwei = WebappSession.login(port, "zhangwei", "tasklist");
        HttpResponse<String> put = zhangwei.send("PUT", variable, value);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
        assertThat(taskService.getVariableLocal(lead.taskId(), "csrfProbe")).isEqualTo("x");
    }

    @Test
    void theLoginItselfNeedsTheTokenAndTheCookiesAreHttpOnlyAndSameSite() {
        WebappSession browser = WebappSession.anonymous(port);

        HttpResponse<String> withoutToken = browser.tryLogin("zhangwei", "zhangwei", "tasklist", false);

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(browser.get(AUTH_USER).statusCode()).as("nobody logged in").isIn(401, 404);

        WebappSession fresh = WebappSession.anonymous(port);
        HttpResponse<String> login = fresh.tryLogin("zhangwei", "zhangwei", "tasklist", true);
        assertThat(login.statusCode()).isEqualTo(200);
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).as("a new session id at login (no session fixation)").anySatisfy(c -> assertThat(c).startsWith("JSESSIONID="));
        assertThat(cookies).filteredOn(c -> c.startsWith("JSESSIONID=")).allSatisfy(c -> {
            assertThat(c).containsIgnoringCase("HttpOnly");
            assertThat(c).containsIgnoringCase("SameSite=");
        });
        HttpResponse<String> page = fresh.get(AUTH_USER);
        assertThat(page.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("XSRF-TOKEN="))
                .allSatisfy(c -> assertThat(c).containsIgnoringCase("SameSite="));
    }

    /** The app's own {@code /api} does take the webapp login, CSRF-checked: {@link WebappSessionApiTests}. */
    @Test
    void theWebappSessionCookieDoesNotAuthenticateTheEngineRestApi() {
        WebappSession zhangwei = WebappSession.login(port, "zhangwei", "tasklist");
        RawHttp http = RawHttp.to(port);
        var cookie = RawHttp.headers("Cookie", "JSESSIONID=" + zhangwei.sessionId(), "X-XSRF-TOKEN", zhangwei.token(),
                "Content-Type", "application/json");

        assertThat(http.send("POST", "/engine-rest" + submit.substring(ENGINE_API.length()), cookie,
                RawHttp.utf8(reachedForm)).statusCode()).isEqualTo(401);
        assertThat(http.send("GET", "/engine-rest/task", cookie, null).statusCode()).isEqualTo(401);
        assertTaskOpen();
        assertThat(data.count("rep_trip")).as("only the fixture's trip of lina").isOne();
    }

    private void assertTaskOpen() {
        var task = taskService.createTaskQuery().taskId(lead.taskId()).singleResult();
        assertThat(task).as("the first-contact task is still open").isNotNull();
        assertThat(task.getAssignee()).isEqualTo("zhangwei");
        assertThat(jdbc.sql("SELECT status FROM sales_lead WHERE id = ?").param(lead.leadId()).query(String.class).single())
                .isEqualTo("ASSIGNED");
    }
}
