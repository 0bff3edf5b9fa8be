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
 * An SMS gateway on 127.0.0.1 that checks each request: POST, {@code Authorization: Bearer <key>}, a JSON body with
 * {@code phoneNumber} (11-digit mobile), {@code signName}, {@code templateCode} and an object {@code templateParam} of
 * strings. Answers {@code {"code":"OK","bizId":…}}, or 401 / 400 with an error code.
 */
final class SmsGatewayServer extends LocalJsonPeer {
    /** A message the gateway accepted. */
    record Message(String phoneNumber, String signName, String templateCode, Map<String, String> params) {
    }

    private final String apiKey;
    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private SmsGatewayServer(String apiKey) {
        super("/sms/send");
        this.apiKey = apiKey;
    }

    static SmsGatewayServer start(String apiKey) {
        return new SmsGatewayServer(apiKey);
    }

    String url() {
        return baseUrl() + "/sms/send";
    }

    List<Message> messages() {
        return List.copyOf(messages);
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
        String number = body.path("phoneNumber").asText("");
        String template = body.path("templateCode").asText("");
        JsonNode params = body.path("templateParam");
        if (!number.matches("1\\d{10}")) {
            return answer(400, "isv.MOBILE_NUMBER_ILLEGAL", "phoneNumber must be an 11-digit mobile");
        }
        if (template.isEmpty() || !params.isObject()) {
            return answer(400, "isv.MISSING_PARAMETER", "templateCode and templateParam are required");
        }
        Map<String, String> values = new LinkedHashMap<>();
        params.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        messages.add(new Message(number, body.path("signName").asText(""), template, values));
        return new Answer(200, MAPPER.createObjectNode().put("code", "OK")
                .put("bizId", UUID.randomUUID().toString()).toString());
    }

    private static Answer answer(int status, String code, String message) {
        return new Answer(status, MAPPER.createObjectNode().put("code", code).put("message", message).toString());
    }
}
