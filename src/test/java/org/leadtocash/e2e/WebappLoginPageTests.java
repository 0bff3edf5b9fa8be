package org.leadtocash.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.leadtocash.support.AppTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the browser tests need from the server, checked without a browser (so it runs everywhere): the requests the
 * Camunda login page makes before anyone has logged in must never be answered with an HTTP Basic challenge. Camunda's
 * login view asks for {@code /camunda-welcome} on a user's first visit; a {@code WWW-Authenticate} answer pops up the
 * browser's own login dialog over Tasklist and Cockpit (and headless Chromium then drops every key and click).
 */
@AppTest
class WebappLoginPageTests {
    @LocalServerPort int port;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/camunda-welcome", "/camunda/app/tasklist/default/", "/camunda/app/cockpit/default/",
            "/camunda/api/admin/auth/user/default", "/camunda/api/engine/engine/"})
    void loginPageRequestsAreNeverChallengedForHttpBasic(String path) throws IOException, InterruptedException {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.headers().allValues("WWW-Authenticate"))
                .as("GET %s answered %d with a Basic challenge", path, response.statusCode()).isEmpty();
    }
}
