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
 * The three Yonyou U8 OpenAPI calls of a hand-off, over HTTPS with JSON answers.
 *
 * <h2>What the calls look like (and what that is based on)</h2>
 * <ul>
 * <li><b>Token</b>: {@code GET /system/token?from_account=&app_key=&app_secret=} →
 * {@code {"errcode":"0","errmsg":…,"token":{"id":"…","appKey":"…","expiresIn":7200}}}. The GET, the parameters and
 * {@code token.id}/{@code token.expiresIn} (seconds) are how public U8 OpenAPI clients call and read it (e.g. a Spring
 * {@code TokenService} parsing {@code token.id} and {@code token.expiresIn}; a Ruby client noting "平台的过期时间是 7200
 * 秒"). A flat {@code {"token":"…","expires_in":…}} is read too; without any expiry we assume 7200 s. The token is
 * cached until shortly before it expires (a tenth of its lifetime early, at most 5 minutes early) and shared by all
 * calls of this node.</li>
 * <li><b>Trade id</b>: {@code GET /system/tradeid?from_account=&app_key=&token=} →
 * {@code {"errcode":"0","errmsg":"成功","trade":{"id":"40d8c9b4…"}}} — the open platform's API centre page
 * "tradeid/get" (open.yonyouup.com/apiCenter, u8open.yonyou.com/apiCenter/tradeGet), which also says what the trade
 * id is for: a resubmission with the same tradeid (or the same {@code biz_id}) is recognised as a repeat and never
 * creates a second voucher ("多次提交请使用同一个 tradeid").</li>
 * <li><b>Sale invoice</b>: {@code POST /api/saleinvoice/add?from_account=&to_account=&app_key=&token=&tradeid=&biz_id=&sync=1}
 * with body {@code {"saleinvoice":{…,"entry":[…]}}} → {@code {"errcode","errmsg","id","tradeid"}} — the API centre
 * page "新增一张销售发票" (yonyouup.apifox.cn, U8 V12.0+), which lists {@code ds_sequence} and {@code sync} as optional
 * parameters. Without {@code sync=1} add calls are asynchronous and answer with a result {@code url}
 * ({@code /result?requestid=}) to poll, as public clients show; {@code sync=1} makes U8 answer with the outcome.</li>
 * </ul>
 * {@code errcode} comes as a string ({@code "0"}) in the documentation and as a number in some answers; both are read.
 * U8 answers with {@code Content-Type: text/html} although the body is JSON, so the body is parsed whatever the type.
 *
 * <h2>Failures</h2>
 * Connection errors, timeouts, HTTP statuses other than 2xx and answers that are not JSON with an {@code errcode}
 * throw {@link U8UnavailableException}, as do a refused token or tradeid (a set-up problem, not invoice data). An
 * errcode that means the token is invalid or expired (a configured {@code token-errcodes} value, or an errmsg naming
 * the token — the open platform's pages we found do not list that code) makes the client fetch a new token once and
 * repeat the call; U8 checks the token before it looks at the request, so the repeat cannot create anything twice.
 * Exception messages never contain the URL, the app secret or the token.
 */
final class U8Client {
    static final String TOKEN_PATH = "/system/token";
    static final String TRADEID_PATH = "/system/tradeid";
    static final String SALE_INVOICE_ADD_PATH = "/api/saleinvoice/add";
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
        Reply reply = withToken("saleinvoice/add", token -> {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("from_account", properties.fromAccount());
            query.put("to_account", properties.toAccount());
            query.put("app_key", properties.appKey());
            query.put("token", token);
            query.put("tradeid", tradeId);
            query.put("biz_id", bizId);
            query.put("sync", "1");
            return post("saleinvoice/add", SALE_INVOICE_ADD_PATH, query, payloadJson);
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
