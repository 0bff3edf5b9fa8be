package org.leadtocash.notify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A signed call to an Alibaba Cloud RPC-style API (Dysmsapi, Dyvmsapi) with the documented signature: common
 * parameters {@code Format=JSON, Version, AccessKeyId, SignatureMethod=HMAC-SHA1, SignatureVersion=1.0,
 * SignatureNonce (UUID), Timestamp (UTC, yyyy-MM-dd'T'HH:mm:ss'Z')}; every parameter except {@code Signature} sorted and
 * percent-encoded (UTF-8, space as %20, {@code *} as %2A, {@code ~} kept); {@code StringToSign = POST&%2F&
 * percentEncode(canonicalQuery)}; {@code Signature = Base64(HMAC-SHA1(key = AccessKeySecret + "&", StringToSign))}.
 * Everything travels in the query string of a POST with an empty body, as the official SDK sends it. An answer whose
 * {@code Code} is not {@code OK} (the gateway's own refusals such as {@code SignatureDoesNotMatch} come with HTTP 4xx,
 * the product's such as {@code isv.BUSINESS_LIMIT_CONTROL} with 200) is a {@link ChannelDeliveryException} naming the
 * code, the message and the request id; the AccessKey never appears in a message.
 */
final class AliyunRpc {
    static final String DEFAULT_SMS_ENDPOINT = "https://dysmsapi.aliyuncs.com/";
    static final String DEFAULT_VOICE_ENDPOINT = "https://dyvmsapi.aliyuncs.com/";
    static final String VERSION_2017_05_25 = "2017-05-25";
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private final String peerName;
    private final String endpoint;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final ObjectMapper mapper;
    private final Duration requestTimeout;
    private final Clock clock;
    private final Supplier<String> nonces;
    private final HttpClient client;

    AliyunRpc(String peerName, String endpoint, String accessKeyId, String accessKeySecret, ObjectMapper mapper,
              Duration connectTimeout, Duration requestTimeout, Clock clock, Supplier<String> nonces) {
        this.peerName = peerName;
        this.endpoint = endpoint == null ? "" : endpoint.strip();
        this.accessKeyId = accessKeyId == null ? "" : accessKeyId.strip();
        this.accessKeySecret = accessKeySecret == null ? "" : accessKeySecret.strip();
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.requestTimeout = requestTimeout;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nonces = nonces == null ? () -> UUID.randomUUID().toString() : nonces;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    boolean configured() {
        return !endpoint.isEmpty() && !accessKeyId.isEmpty() && !accessKeySecret.isEmpty();
    }

    /**
     * Calls {@code action} and returns the accepted answer ({@code Code == "OK"}).
     *
     * @param what   for error messages, e.g. "message to 139****5678"
     * @throws ChannelDeliveryException when the API refused the call, answered something else, or could not be reached
     */
    JsonNode call(String action, String version, Map<String, String> parameters, String what) {
        if (!configured()) {
            throw new IllegalStateException(peerName + " is not configured (endpoint, access key id and secret)");
        }
        Map<String, String> all = new TreeMap<>(parameters);
        all.put("Action", action);
        all.put("Version", version);
        all.put("Format", "JSON");
        all.put("AccessKeyId", accessKeyId);
        all.put("SignatureMethod", "HMAC-SHA1");
        all.put("SignatureVersion", "1.0");
        all.put("SignatureNonce", nonces.get());
        all.put("Timestamp", TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        String query = canonicalQuery(all);
        String signature = sign("POST", query, accessKeySecret);
        URI uri = URI.create(endpoint + (endpoint.contains("?") ? "&" : "?") + query + "&Signature="
                + percentEncode(signature));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new ChannelDeliveryException(peerName + " did not answer within " + requestTimeout.toMillis()
                    + " ms (timeout)", e);
        } catch (IOException e) {
            throw new ChannelDeliveryException("could not reach " + peerName + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelDeliveryException("interrupted while calling " + peerName, e);
        }
        JsonNode json = parse(response.body());
        String code = json == null ? null : json.path("Code").asText(null);
        if (response.statusCode() / 100 != 2 || !"OK".equals(code)) {
            String detail = json == null ? JsonHttpPeer.excerpt(response.body())
                    : "Code " + code + ", Message " + json.path("Message").asText("")
                    + (json.hasNonNull("RequestId") ? ", RequestId " + json.get("RequestId").asText() : "");
            throw new ChannelDeliveryException(peerName + " refused the " + what + ": HTTP " + response.statusCode()
                    + ", " + detail);
        }
        return json;
    }

    /** Sorted {@code percentEncode(name)=percentEncode(value)} joined by {@code &}. */
    static String canonicalQuery(Map<String, String> parameters) {
        return new TreeMap<>(parameters).entrySet().stream()
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** Base64(HMAC-SHA1(key = secret + "&", method + "&%2F&" + percentEncode(canonicalQuery))). */
    static String sign(String method, String canonicalQuery, String accessKeySecret) {
        String stringToSign = method + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /** UTF-8 URL encoding with {@code +}→{@code %20}, {@code *}→{@code %2A}, {@code %7E}→{@code ~}. */
    static String percentEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    String json(Map<String, String> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("parameters cannot be written as JSON", e);
        }
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
