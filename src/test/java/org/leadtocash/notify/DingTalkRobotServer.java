package org.leadtocash.notify;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * A DingTalk custom robot on 127.0.0.1 that checks each request the way DingTalk does: POST, the access token, a
 * timestamp within an hour of now and the HmacSHA256 signature (when the robot has a secret), a JSON content type,
 * a UTF-8 JSON body with a known msgtype and its fields. Answers {@code {"errcode":0,"errmsg":"ok"}} or DingTalk's
 * error codes (300001 unknown token, 310000 sign not match, 40035 missing parameter).
 */
final class DingTalkRobotServer extends LocalJsonPeer {
    /** A message the robot accepted. */
    record Message(String msgtype, JsonNode body) {
        String title() {
            return body.path("markdown").path("title").asText(null);
        }

        String text() {
            return "markdown".equals(msgtype) ? body.path("markdown").path("text").asText()
                    : body.path("text").path("content").asText();
        }

        List<String> atMobiles() {
            List<String> values = new ArrayList<>();
            body.path("at").path("atMobiles").forEach(n -> values.add(n.asText()));
            return values;
        }

        boolean isAtAll() {
            return body.path("at").path("isAtAll").asBoolean(true);
        }
    }

    private static final long ONE_HOUR_MS = Duration.ofHours(1).toMillis();

    private final String accessToken;
    private final String secret;
    private final List<Message> accepted = new CopyOnWriteArrayList<>();

    private DingTalkRobotServer(String accessToken, String secret) {
        super("/robot/send");
        this.accessToken = accessToken;
        this.secret = secret;
    }

    /** A robot with 加签 security; {@code secret} null for a robot secured by keyword only. */
    static DingTalkRobotServer start(String accessToken, String secret) {
        return new DingTalkRobotServer(accessToken, secret);
    }

    String webhookUrl() {
        return baseUrl() + "/robot/send?access_token=" + accessToken;
    }

    List<Message> accepted() {
        return List.copyOf(accepted);
    }

    @Override
    protected Answer check(HttpExchange exchange, byte[] raw) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return error(43002, "需要POST请求");
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (!accessToken.equals(query.get("access_token"))) {
            return error(300001, "token is not exist");
        }
        if (secret != null) {
            String timestamp = query.get("timestamp");
            String sign = query.get("sign");
            if (timestamp == null || sign == null || !timestamp.matches("\\d{1,15}")) {
                return error(310000, "sign not match, more: [timestamp or sign missing]");
            }
            long ts = Long.parseLong(timestamp);
            if (Math.abs(System.currentTimeMillis() - ts) > ONE_HOUR_MS) {
                return error(310000, "sign not match, more: [timestamp is more than one hour off]");
            }
            if (!MessageDigest.isEqual(expectedSign(ts).getBytes(StandardCharsets.UTF_8),
                    sign.getBytes(StandardCharsets.UTF_8))) {
                return error(310000, "sign not match");
            }
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            return error(43004, "无效的HTTP HEADER Content-Type");
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(new String(raw, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return error(40035, "缺少参数 json");
        }
        String msgtype = body.path("msgtype").asText("");
        boolean complete = switch (msgtype) {
            case "text" -> body.path("text").hasNonNull("content");
            case "markdown" -> body.path("markdown").hasNonNull("title") && body.path("markdown").hasNonNull("text");
            default -> false;
        };
        if (!complete) {
            return error(40035, "缺少参数 json");
        }
        accepted.add(new Message(msgtype, body));
        return error(0, "ok");
    }

    private String expectedSign(long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery == null) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static Answer error(int errcode, String errmsg) {
        return new Answer(200, MAPPER.createObjectNode().put("errcode", errcode).put("errmsg", errmsg).toString());
    }
}
