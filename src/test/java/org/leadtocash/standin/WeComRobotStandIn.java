package org.leadtocash.standin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A WeCom group robot ({@code POST /cgi-bin/webhook/send?key=…}) that checks each request as WeCom documents it: POST,
 * the key, a UTF-8 JSON body with msgtype {@code text} (content at most 2048 bytes) or {@code markdown} (content at
 * most 4096 bytes). Answers {@code {"errcode":0,"errmsg":"ok"}}, or errcode 93000 (invalid webhook key), 40008
 * (invalid message type), 44004 (empty content), 40058 (content too long), 40035 (invalid JSON).
 */
public final class WeComRobotStandIn extends StandIn {
    /** A message the robot accepted. */
    public record Message(String msgtype, JsonNode body) {
        public String content() {
            return body.path(msgtype).path("content").asText();
        }

        public List<String> mentionedMobiles() {
            List<String> values = new ArrayList<>();
            body.path("text").path("mentioned_mobile_list").forEach(n -> values.add(n.asText()));
            return values;
        }
    }

    private final String key;
    private final List<Message> accepted = new CopyOnWriteArrayList<>();

    private WeComRobotStandIn(String key) {
        super("application/json; charset=UTF-8", "/cgi-bin/webhook/send");
        this.key = key;
    }

    public static WeComRobotStandIn start(String key) {
        return new WeComRobotStandIn(key);
    }

    @Override
    public String url(String node) {
        return super.url(node) + "/cgi-bin/webhook/send?key=" + key;
    }

    public List<Message> accepted() {
        return List.copyOf(accepted);
    }

    @Override
    protected Answer answer(Request r) {
        if (!"POST".equals(r.method())) {
            return error(40008, "invalid message type");
        }
        if (!key.equals(r.query("key"))) {
            return error(93000, "invalid webhook url");
        }
        JsonNode body;
        try {
            body = r.json();
        } catch (IOException e) {
            return error(40035, "invalid json");
        }
        String msgtype = body == null ? "" : body.path("msgtype").asText("");
        int max = switch (msgtype) {
            case "text" -> 2048;
            case "markdown" -> 4096;
            default -> -1;
        };
        if (max < 0) {
            return error(40008, "invalid message type");
        }
        String content = body.path(msgtype).path("content").asText("");
        if (content.isBlank()) {
            return error(44004, "empty content");
        }
        if (content.getBytes(StandardCharsets.UTF_8).length > max) {
            return error(40058, "content exceed max length " + max);
        }
        accepted.add(new Message(msgtype, body));
        return new Answer(200, "{\"errcode\":0,\"errmsg\":\"ok\"}");
    }

    private Answer error(int errcode, String errmsg) {
        return refuse(200, JSON.createObjectNode().put("errcode", errcode).put("errmsg", errmsg).toString());
    }
}
