package org.leadtocash.erp;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The three Yonyou U8 OpenAPI calls of a hand-off — token, tradeid, {@code saleinvoice/add?sync=1} (or, for the customer
 * archive, {@code customer/add?sync=1}) — over HTTPS with
 * JSON answers (read whatever the content type; errcode as string or number). The token is cached until shortly before
 * it expires. Unreachable, non-2xx, unreadable answers and a refused token or tradeid throw
 * {@link U8UnavailableException}; an invalid-token errcode fetches a new token and repeats the call once. Exception
 * messages never contain the URL, the app secret or the token. docs/design/u8-openapi.md says what the calls are
 * based on.
 */
final class U8Client {
    static final String TOKEN_PATH = "/system/token";
    static final String TRADEID_PATH = "/system/tradeid";
    static final String SALE_INVOICE_ADD_PATH = "/api/saleinvoice/add";
    static final String CUSTOMER_ADD_PATH = "/api/customer/add";
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(7200);
    private static final Duration MAX_REFRESH_MARGIN = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(U8Client.class);

    /** U8's answer to {@code saleinvoice/add}. */
    record Answer(String errcode, String errmsg, String id, String tradeId, String body) {
        boolean ok() {
            return "0".equals(errcode);
        }
    }

    private record Token(String id, Instant refreshAt) {
    }

    /** A parsed JSON answer with its errcode. */
    private record Reply(String errcode, String errmsg, JsonNode json, String body) {
    }

    private final U8Properties properties;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpClient http;
    private Token token;

    U8Client(U8Properties properties, ObjectMapper mapper, Clock clock) {
        this.properties = properties;
        this.mapper = mapper;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A fresh tradeid for one write. */
    String newTradeId() {
        Reply reply = withToken("tradeid", token -> get("tradeid", TRADEID_PATH, Map.of(
                "from_account", properties.fromAccount(), "app_key", properties.appKey(), "token", token)));
        if (!"0".equals(reply.errcode())) {
            throw new U8UnavailableException("U8 refused to issue a tradeid: errcode " + reply.errcode() + ", errmsg "
                    + reply.errmsg());
        }
        JsonNode trade = reply.json().get("trade");
        String id = trade != null && trade.hasNonNull("id") ? trade.get("id").asText().strip() : "";
        if (id.isEmpty()) {
            throw new U8UnavailableException("U8 answered the tradeid request without trade.id: "
                    + excerpt(reply.body()));
        }
        return id;
    }

    /**
     * Posts {@code payloadJson} (the exact bytes recorded in the log) to {@code saleinvoice/add}. Returns U8's
     * answer, whatever its errcode, except token errors (handled here).
     */
    Answer addSaleInvoice(String tradeId, String bizId, String payloadJson) {
        return add("saleinvoice/add", SALE_INVOICE_ADD_PATH, tradeId, bizId, payloadJson);
    }

    /** Posts an add of the archive or voucher at {@code path}, with the same parameters as {@link #addSaleInvoice}. */
    Answer add(String what, String path, String tradeId, String bizId, String payloadJson) {
        Reply reply = withToken(what, token -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("from_account", properties.fromAccount());
            query.put("to_account", properties.toAccount());
            query.put("app_key", properties.appKey());
            query.put("token", token);
            query.put("tradeid", tradeId);
            query.put("biz_id", bizId);
            query.put("sync", "1");
            return post(what, path, query, payloadJson);
        });
        JsonNode json = reply.json();
        return new Answer(reply.errcode(), reply.errmsg(), text(json, "id"), text(json, "tradeid"), reply.body());
    }

    /** Calls with the cached token; on a token error fetches a new token once and calls again. */
    private Reply withToken(String what, Function<String, Reply> call) {
        String used = token();
        Reply reply = call.apply(used);
        if (!tokenProblem(reply)) {
            return reply;
        }
        log.info("U8 refused the token on {} (errcode {}, errmsg {}); fetching a new token", what, reply.errcode(),
                reply.errmsg());
        invalidate(used);
        reply = call.apply(token());
        if (tokenProblem(reply)) {
            throw new U8UnavailableException("U8 refused a freshly issued token on " + what + ": errcode "
                    + reply.errcode() + ", errmsg " + reply.errmsg());
        }
        return reply;
    }

    private synchronized String token() {
        Instant now = clock.instant();
        if (token != null && now.isBefore(token.refreshAt())) {
            return token.id();
        }
        Reply reply = get("token", TOKEN_PATH, Map.of("from_account", properties.fromAccount(),
                "app_key", properties.appKey(), "app_secret", properties.appSecret()));
        if (!"0".equals(reply.errcode())) {
            throw new U8UnavailableException("U8 refused to issue a token: errcode " + reply.errcode() + ", errmsg "
                    + reply.errmsg());
        }
        JsonNode t = reply.json().get("token");
        String id = t == null ? "" : (t.isObject() ? text(t, "id") : t.asText());
        if (id == null || id.isBlank()) {
            throw new U8UnavailableException("U8 answered the token request without a token id");
        }
        Duration lifetime = lifetime(t, reply.json());
        Duration margin = lifetime.dividedBy(10);
        if (margin.compareTo(MAX_REFRESH_MARGIN) > 0) {
            margin = MAX_REFRESH_MARGIN;
        }
        token = new Token(id.strip(), now.plus(lifetime).minus(margin));
        log.debug("got a U8 token valid for {}", lifetime);
        return token.id();
    }

    private synchronized void invalidate(String failed) {
        if (token != null && token.id().equals(failed)) {
            token = null;
        }
    }

    private static Duration lifetime(JsonNode token, JsonNode answer) {
        for (JsonNode node : new JsonNode[] {token, answer}) {
            if (node != null && node.isObject()) {
                for (String field : new String[] {"expiresIn", "expires_in"}) {
                    JsonNode v = node.get(field);
                    long seconds = v == null ? 0
                            : v.isNumber() ? v.asLong()
                            : v.isTextual() && v.asText().strip().matches("\\d{1,9}") ? Long.parseLong(v.asText().strip())
                            : 0;
                    if (seconds > 0) {
                        return Duration.ofSeconds(seconds);
                    }
                }
            }
        }
        return DEFAULT_TOKEN_LIFETIME;
    }

    private boolean tokenProblem(Reply reply) {
        if ("0".equals(reply.errcode())) {
            return false;
        }
        if (properties.tokenErrcodes().contains(reply.errcode())) {
            return true;
        }
        String msg = reply.errmsg() == null ? "" : reply.errmsg().toLowerCase(Locale.ROOT);
        return msg.contains("token") || msg.contains("令牌");
    }

    private Reply get(String what, String path, Map<String, String> query) {
        return exchange(what, HttpRequest.newBuilder(uri(path, query)).GET());
    }

    private Reply post(String what, String path, Map<String, String> query, String json) {
        return exchange(what, HttpRequest.newBuilder(uri(path, query))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private Reply exchange(String what, HttpRequest.Builder request) {
        request.timeout(properties.requestTimeout()).header("Accept", "application/json");
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new U8UnavailableException("U8 did not answer " + what + " within "
                    + describe(properties.requestTimeout()) + " (timeout)", e);
        } catch (IOException e) {
            throw new U8UnavailableException("could not reach U8 for " + what + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new U8UnavailableException("interrupted while calling U8 for " + what, e);
        }
        String body = response.body();
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw new U8UnavailableException("U8 answered " + what + " with HTTP " + response.statusCode() + ": "
                    + excerpt(body));
        }
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            json = null;
        }
        if (json == null || !json.isObject() || !json.hasNonNull("errcode")) {
            throw new U8UnavailableException("U8 answered " + what + " with HTTP " + response.statusCode()
                    + " but not with JSON carrying an errcode: " + excerpt(body));
        }
        return new Reply(json.get("errcode").asText().strip(), text(json, "errmsg"), json, body);
    }

    private URI uri(String path, Map<String, String> query) {
        String q = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(properties.baseUrl() + path + "?" + q);
    }

    private static String text(JsonNode json, String field) {
        return json == null || !json.hasNonNull(field) ? null : json.get(field).asText();
    }

    /** At most the first 200 characters of a body, for error messages. */
    static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
