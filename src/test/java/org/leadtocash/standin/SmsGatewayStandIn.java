package org.leadtocash.standin;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An SMS gateway ({@code POST /sms/send}) that checks each request: POST, {@code Authorization: Bearer <key>}, a JSON
 * body with {@code phoneNumber} (11-digit mobile), {@code signName}, {@code templateCode} and an object
 * {@code templateParam} of strings. Answers {@code {"code":"OK","bizId":…}}, or 401 / 400 with an error code.
 */
public final class SmsGatewayStandIn extends HttpGatewayStandIn {
    /** A message the gateway accepted. */
    public record Message(String node, String phoneNumber, String signName, String templateCode,
                          Map<String, String> params) {
    }

    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private SmsGatewayStandIn(String apiKey) {
        super(apiKey, "/sms/send");
    }

    public static SmsGatewayStandIn start(String apiKey) {
        return new SmsGatewayStandIn(apiKey);
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    @Override
    protected Answer accepted(Request r, JsonNode body) {
        String number = body.path("phoneNumber").asText("");
        String template = body.path("templateCode").asText("");
        JsonNode params = body.path("templateParam");
        if (!number.matches("1\\d{10}")) {
            return error(400, "isv.MOBILE_NUMBER_ILLEGAL", "phoneNumber must be an 11-digit mobile");
        }
        if (template.isEmpty() || !params.isObject()) {
            return error(400, "isv.MISSING_PARAMETER", "templateCode and templateParam are required");
        }
        messages.add(new Message(r.node(), number, body.path("signName").asText(""), template, strings(params)));
        return new Answer(200, JSON.createObjectNode().put("code", "OK").put("bizId", UUID.randomUUID().toString())
                .toString());
    }
}
