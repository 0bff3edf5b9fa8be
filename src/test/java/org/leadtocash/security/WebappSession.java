package org.leadtocash.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A browser's session with the Camunda webapps, logged in the way Tasklist logs in: a GET hands out the XSRF token
 * (cookie {@code XSRF-TOKEN} and header {@code X-XSRF-TOKEN}), the login form is posted to
 * {@code /camunda/api/admin/auth/user/default/login/{app}} with that token, and every later state-changing request
 * carries the token of the current session in {@code X-XSRF-TOKEN}.
 */
final class WebappSession {
    static final String ENGINE_API = "/camunda/api/engine/engine/default";
    static final String AUTH_USER = "/camunda/api/admin/auth/user/default";

    private final RawHttp http;
    private String token;

    private WebappSession(RawHttp http) {
        this.http = http;
    }

    /** A fresh browser that has loaded a page: it holds a session cookie and an XSRF token, nobody is logged in. */
    static WebappSession anonymous(int port) {
        WebappSession s = new WebappSession(RawHttp.browser(port));
        s.get(AUTH_USER); // answers 404 while nobody is logged in, and hands out the token
        assertThat(s.token).as("XSRF token handed out on a GET").isNotBlank();
        return s;
    }

    /** Logs the user into the app (tasklist, cockpit, admin) with the token handshake; the password is the user id. */
    static WebappSession login(int port, String user, String app) {
        WebappSession s = anonymous(port);
        HttpResponse<String> login = s.tryLogin(user, user, app, true);
        assertThat(login.statusCode()).as(user + " logs into " + app + ": " + login.body()).isEqualTo(200);
        s.refreshToken();
        return s;
    }

    HttpResponse<String> tryLogin(String user, String password, String app, boolean withToken) {
        String form = "username=" + java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/x-www-form-urlencoded");
        h.put("Accept", "application/json");
        if (withToken) {
            h.put("X-XSRF-TOKEN", token);
        }
        return remember(http.send("POST", AUTH_USER + "/login/" + app, h, RawHttp.utf8(form)));
    }

    /** The session id changes at login; the next GET hands out the new session's token. */
    void refreshToken() {
        get(AUTH_USER);
    }

    String token() {
        return token;
    }

    /** The value of the session cookie (JSESSIONID). */
    String sessionId() {
        return cookie("JSESSIONID");
    }

    String cookie(String name) {
        return http.cookies().getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).reduce((a, b) -> b).orElse(null);
    }

    HttpResponse<String> get(String path) {
        return remember(http.get(path, Map.of("Accept", "application/json")));
    }

    /** A state-changing request with the session's token. */
    HttpResponse<String> send(String method, String path, String json) {
        return sendWithToken(method, path, json, token);
    }

    /** A state-changing request with the given token header (null: no header at all). */
    HttpResponse<String> sendWithToken(String method, String path, String json, String xsrfToken) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json");
        if (json != null) {
            h.put("Content-Type", "application/json");
        }
        if (xsrfToken != null) {
            h.put("X-XSRF-TOKEN", xsrfToken);
        }
        return remember(http.send(method, path, h, json == null ? null : RawHttp.utf8(json)));
    }

    private HttpResponse<String> remember(HttpResponse<String> response) {
        response.headers().firstValue("X-XSRF-TOKEN").filter(t -> !t.equalsIgnoreCase("Required")).ifPresent(t -> token = t);
        return response;
    }
}
