package org.leadtocash.standin;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The gateway side of an Alibaba Cloud RPC API (POP): checks a call the way the provider documents it before the
 * product sees it, and answers refusals with the provider's codes: a missing common parameter
 * ({@code Missing<Name>}, 400), an unknown AccessKeyId ({@code InvalidAccessKeyId.NotFound}, 404), a Timestamp that is
 * not ISO 8601 UTC ({@code InvalidTimeStamp.Format}) or more than 15 minutes off ({@code InvalidTimeStamp.Expired}),
 * a signature that differs from the one recomputed from the parameters and the AccessKeySecret
 * ({@code SignatureDoesNotMatch}), and a SignatureNonce seen before ({@code SignatureNonceUsed}). The signature is
 * recomputed independently of the client code: sorted, percent-encoded parameters without {@code Signature},
 * {@code StringToSign = METHOD&%2F&encode(query)}, {@code Base64(HMAC-SHA1(secret + "&"))}.
 */
public abstract class AliyunRpcStandIn extends StandIn {
    private static final List<String> COMMON = List.of("AccessKeyId", "Action", "Format", "Signature",
            "SignatureMethod", "SignatureNonce", "SignatureVersion", "Timestamp", "Version");
    private static final Duration SKEW = Duration.ofMinutes(15);

    private final String action;
    private final String version;
    private final String accessKeyId;
    private final String accessKeySecret;
    private final Clock clock;
    private final Map<String, Instant> nonces = new ConcurrentHashMap<>();

    protected AliyunRpcStandIn(String action, String version, String accessKeyId, String accessKeySecret, Clock clock) {
        super("application/json;charset=utf-8", "/");
        this.action = action;
        this.version = version;
        this.accessKeyId = accessKeyId;
        this.accessKeySecret = accessKeySecret;
        this.clock = clock;
    }

    @Override
    public String url(String node) {
        return super.url(node) + "/";
    }

    /** The action's own checks and effect, after the call passed the gateway's. */
    protected abstract Answer accepted(Map<String, String> parameters);

    @Override
    protected final Answer answer(Request r) {
        if (!"POST".equals(r.method()) && !"GET".equals(r.method())) {
            return error(400, "UnsupportedHTTPMethod", "Specified HTTP method is not supported.");
        }
        Map<String, String> p = r.query();
        for (String name : COMMON) {
            if (p.get(name) == null || p.get(name).isEmpty()) {
                return error(400, "Missing" + name, name + " is mandatory for this action.");
            }
        }
        if (!"HMAC-SHA1".equals(p.get("SignatureMethod")) || !"1.0".equals(p.get("SignatureVersion"))) {
            return error(400, "InvalidSignatureMethod", "Specified signature method or version is not supported.");
        }
        if (!action.equals(p.get("Action"))) {
            return error(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.");
        }
        if (!version.equals(p.get("Version"))) {
            return error(400, "InvalidVersion", "Specified parameter Version is not valid.");
        }
        if (!accessKeyId.equals(p.get("AccessKeyId"))) {
            return error(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
        }
        Instant timestamp;
        try {
            timestamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC)
                    .parse(p.get("Timestamp"), Instant::from);
        } catch (DateTimeParseException e) {
            return error(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
        }
        Instant now = clock.instant();
        if (timestamp.isBefore(now.minus(SKEW)) || timestamp.isAfter(now.plus(SKEW))) {
            return error(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
        }
        if (!signature(r.method(), p, accessKeySecret).equals(p.get("Signature"))) {
            return error(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
        }
        nonces.values().removeIf(seen -> seen.isBefore(now.minus(SKEW)));
        if (nonces.putIfAbsent(p.get("SignatureNonce"), now) != null) {
            return error(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
        }
        return accepted(p);
    }

    /** The provider's signature of the parameters, computed here without the client's code. */
    static String signature(String method, Map<String, String> parameters, String secret) {
        Map<String, String> sorted = new TreeMap<>(parameters);
        sorted.remove("Signature");
        String query = sorted.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        String stringToSign = method + "&" + encode("/") + "&" + encode(query);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** A refusal by the gateway (HTTP 4xx) with the provider's error body. */
    protected Answer error(int status, String code, String message) {
        return refuse(status, JSON.createObjectNode().put("RequestId", UUID.randomUUID().toString().toUpperCase())
                .put("HostId", action.equals("SendSms") ? "dysmsapi.aliyuncs.com" : "dyvmsapi.aliyuncs.com")
                .put("Code", code).put("Message", message).toString());
    }

    /** A refusal by the product (HTTP 200, Code other than OK). */
    protected Answer productError(String code, String message) {
        return refuse(200, JSON.createObjectNode().put("RequestId", UUID.randomUUID().toString().toUpperCase())
                .put("Code", code).put("Message", message).toString());
    }

    /** The first missing one of {@code names}, as the provider answers it; null when all are there. */
    /** A parameter holding a JSON object, as its fields (none when it is absent); null when it is not a JSON object. */
    protected static Map<String, String> jsonObject(String parameter) {
        if (parameter == null) {
            return Map.of();
        }
        try {
            JsonNode json = JSON.readTree(parameter);
            return json != null && json.isObject() ? strings(json) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The API's answer to an accepted call: Code and Message "OK", the action's own id field, a request id. */
    protected static Answer ok(String idField, String id) {
        return new Answer(200, JSON.createObjectNode().put("Code", "OK").put("Message", "OK").put(idField, id)
                .put("RequestId", UUID.randomUUID().toString()).toString());
    }

    protected Answer missing(Map<String, String> p, String... names) {
        for (String name : names) {
            if (p.get(name) == null || p.get(name).isBlank()) {
                return error(400, "Missing" + name, name + " is mandatory for this action.");
            }
        }
        return null;
    }
}
