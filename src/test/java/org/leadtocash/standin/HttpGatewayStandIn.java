package org.leadtocash.standin;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The generic HTTP gateway the SMS and voice channels can use ({@code leadtocash.notify.*.provider: http}): one write
 * path, POST only, {@code Authorization: Bearer <key>}, a JSON body; a refusal is {@code {"code":…,"message":…}} with 405,
 * 401 or 400. Subclasses check the body's fields.
 */
abstract class HttpGatewayStandIn extends StandIn {
    private final String apiKey;
    private final String path;

    HttpGatewayStandIn(String apiKey, String path) {
        super("application/json;charset=utf-8", path);
        this.apiKey = apiKey;
        this.path = path;
    }

    @Override
    public String url(String node) {
        return super.url(node) + path;
    }

    /** Checks the fields of a request that passed method, key and JSON, and records what it sends. */
    protected abstract Answer accepted(Request r, JsonNode body);

    @Override
    protected final Answer answer(Request r) {
        if (!"POST".equals(r.method())) {
            return error(405, "MethodNotAllowed", "use POST");
        }
        if (!("Bearer " + apiKey).equals(r.header("Authorization"))) {
            return error(401, "Unauthorized", "bad or missing API key");
        }
        try {
            return accepted(r, r.json());
        } catch (IOException e) {
            return error(400, "InvalidJson", "body is not JSON");
        }
    }

    protected Answer error(int status, String code, String message) {
        return refuse(status, JSON.createObjectNode().put("code", code).put("message", message).toString());
    }
}
