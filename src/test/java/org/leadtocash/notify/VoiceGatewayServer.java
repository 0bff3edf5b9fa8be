package org.leadtocash.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * A voice-call gateway on 127.0.0.1 that checks each request: POST, {@code Authorization: Bearer <key>}, a JSON body
 * with {@code calledNumber} (11 digits), {@code templateCode} and an object {@code params} of strings. Answers
 * {@code {"code":"OK","callId":…}}, or 401 / 400 with an error code.
 */
final class VoiceGatewayServer extends LocalJsonPeer {
    /** A call the gateway placed. */
    record Call(String calledNumber, String templateCode, Map<String, String> params) {
    }

    private final String apiKey;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private VoiceGatewayServer(String apiKey) {
        super("/voice/call");
        this.apiKey = apiKey;
    }

    static VoiceGatewayServer start(String apiKey) {
        return new VoiceGatewayServer(apiKey);
    }

    String url() {
        return baseUrl() + "/voice/call";
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    protected Answer check(HttpExchange exchange, byte[] raw) {
        if (!"POST".equals(exchange.getRequestMethod())) {
            return answer(405, "MethodNotAllowed", "use POST");
        }
        if (!("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return answer(401, "Unauthorized", "bad or missing API key");
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(new String(raw, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return answer(400, "InvalidJson", "body is not JSON");
        }
        String number = body.path("calledNumber").asText("");
        String template = body.path("templateCode").asText("");
        JsonNode params = body.path("params");
        if (!number.matches("1\\d{10}")) {
            return answer(400, "InvalidCalledNumber", "calledNumber must be an 11-digit mobile");
        }
        if (template.isEmpty() || !params.isObject()) {
            return answer(400, "MissingParameter", "templateCode and params are required");
        }
        Map<String, String> values = new LinkedHashMap<>();
        params.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        calls.add(new Call(number, template, values));
        return new Answer(200, MAPPER.createObjectNode().put("code", "OK")
                .put("callId", UUID.randomUUID().toString()).toString());
    }

    private static Answer answer(int status, String code, String message) {
        return new Answer(status, MAPPER.createObjectNode().put("code", code).put("message", message).toString());
    }
}
