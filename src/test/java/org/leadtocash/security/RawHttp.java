package org.leadtocash.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A plain HTTP/1.1 client for the security tests: sends exactly the bytes and headers given (invalid UTF-8, odd
 * content types, no content type at all), which a template that serialises bodies itself cannot. Optionally keeps
 * cookies, as a browser does.
 */
final class RawHttp {
    private final String base;
    private final HttpClient client;
    private final CookieManager cookies;

    private RawHttp(String base, CookieManager cookies) {
        this.base = base;
        this.cookies = cookies;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        this.client = builder.build();
    }

    /** Without cookies: every request stands alone. */
    static RawHttp to(int port) {
        return new RawHttp("http://localhost:" + port, null);
    }

    /** With a cookie jar, like a browser tab. */
    static RawHttp browser(int port) {
        return new RawHttp("http://localhost:" + port, new CookieManager());
    }

    CookieManager cookies() {
        return cookies;
    }

    /** A request: method, path (with query), headers (a null value leaves the header out) and body bytes (null = none). */
    HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (value != null) {
                request.header(name, value);
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, Map<String, String> headers) {
        return send("GET", path, headers, null);
    }

    HttpResponse<String> get(String path) {
        return get(path, Map.of());
    }

    static Map<String, String> headers(String... nameValue) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            h.put(nameValue[i], nameValue[i + 1]);
        }
        return h;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
