package org.leadtocash.standin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A DingTalk custom robot ({@code POST /robot/send?access_token=…}) that checks each request the way DingTalk does:
 * POST, the access token, a timestamp within an hour of now and the HmacSHA256 signature (when the robot has a secret),
 * a JSON content type, a UTF-8 JSON body with a known msgtype and a non-blank text. Answers
 * {@code {"errcode":0,"errmsg":"ok"}} or DingTalk's error codes (300001 unknown token, 310000 sign not match, 40035
 * missing parameter). A message counts the moment it arrives: the real robot posts it to the group then.
 */
public final class DingTalkRobotStandIn extends StandIn {
    /** A message the robot accepted, from the node its URL names. */
    public record Message(long seq, String node, String msgtype, JsonNode body) {
        public String title() {
            return body.path("markdown").path("title").asText(null);
        }

        public String text() {
            return "markdown".equals(msgtype) ? body.path("markdown").path("text").asText()
                    : body.path("text").path("content").asText();
        }

        public List<String> atMobiles() {
            List<String> values = new ArrayList<>();
            body.path("at").path("atMobiles").forEach(n -> values.add(n.asText()));
            return values;
        }

        public boolean isAtAll() {
            return body.path("at").path("isAtAll").asBoolean(true);
        }
    }

    private static final long ONE_HOUR_MS = Duration.ofHours(1).toMillis();

    private final String accessToken;
    private final String secret;
    private final List<Message> accepted = new CopyOnWriteArrayList<>();

    private DingTalkRobotStandIn(String accessToken, String secret) {
        super("application/json;charset=utf-8", "/robot/send");
        this.accessToken = accessToken;
        this.secret = secret;
    }

    /** A robot with 加签 security; {@code secret} null for a robot secured by keyword only. */
    public static DingTalkRobotStandIn start(String accessToken, String secret) {
        return new DingTalkRobotStandIn(accessToken, secret);
    }

    /** The robot's webhook URL, with its access token. */
    @Override
    public String url(String node) {
        return super.url(node) + "/robot/send?access_token=" + accessToken;
    }

    public List<Message> accepted() {
        return List.copyOf(accepted);
    }

    /** Messages of the node that the robot accepted and has not answered yet. */
    public List<Message> acceptedInFlight(String node) {
        return accepted.stream().filter(m -> m.node().equals(node) && inFlight(m.seq())).toList();
    }

    @Override
    protected Answer answer(Request r) {
        if (!"POST".equals(r.method())) {
            return error(43002, "需要POST请求");
        }
        if (!accessToken.equals(r.query("access_token"))) {
            return error(300001, "token is not exist");
        }
        if (secret != null) {
            String timestamp = r.query("timestamp");
            String sign = r.query("sign");
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
        String contentType = r.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            return error(43004, "无效的HTTP HEADER Content-Type");
        }
        JsonNode body;
        try {
            body = r.json();
        } catch (IOException e) {
            return error(40035, "缺少参数 json");
        }
        String msgtype = body.path("msgtype").asText("");
        boolean complete = switch (msgtype) {
            case "text" -> body.path("text").hasNonNull("content");
            case "markdown" -> body.path("markdown").hasNonNull("title") && body.path("markdown").hasNonNull("text");
            default -> false;
        };
        Message message = new Message(r.seq(), r.node(), msgtype, body);
        if (!complete || message.text().isBlank()) {
            return error(40035, "缺少参数 json");
        }
        accepted.add(message);
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

    /** DingTalk's answer: HTTP 200 with an errcode, 0 for a message accepted. */
    private Answer error(int errcode, String errmsg) {
        String body = JSON.createObjectNode().put("errcode", errcode).put("errmsg", errmsg).toString();
        return errcode == 0 ? new Answer(200, body) : refuse(200, body);
    }
}
