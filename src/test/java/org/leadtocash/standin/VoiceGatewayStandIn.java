package org.leadtocash.standin;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A voice-call gateway ({@code POST /voice/call}) that checks each request: POST, {@code Authorization: Bearer <key>},
 * a JSON body with {@code calledNumber} (11 digits), {@code templateCode} and an object {@code params} of strings
 * holding the {@code text} to read out. Answers {@code {"code":"OK","callId":…}}, or 401 / 400 with an error code. A
 * call counts the moment it arrives: the real gateway dials then.
 */
public final class VoiceGatewayStandIn extends HttpGatewayStandIn {
    /** A call the gateway placed, for the node its URL names. */
    public record Call(long seq, String node, String calledNumber, String templateCode, Map<String, String> params) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private VoiceGatewayStandIn(String apiKey) {
        super(apiKey, "/voice/call");
    }

    public static VoiceGatewayStandIn start(String apiKey) {
        return new VoiceGatewayStandIn(apiKey);
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Calls of the node that the gateway placed and has not answered yet. */
    public List<Call> callsInFlight(String node) {
        return calls.stream().filter(c -> c.node().equals(node) && inFlight(c.seq())).toList();
    }

    @Override
    protected Answer accepted(Request r, JsonNode body) {
        String number = body.path("calledNumber").asText("");
        String template = body.path("templateCode").asText("");
        JsonNode params = body.path("params");
        if (!number.matches("1\\d{10}")) {
            return error(400, "InvalidCalledNumber", "calledNumber must be an 11-digit mobile");
        }
        if (template.isEmpty() || !params.isObject() || !params.hasNonNull("text")) {
            return error(400, "MissingParameter", "templateCode and params with a text are required");
        }
        calls.add(new Call(r.seq(), r.node(), number, template, strings(params)));
        return new Answer(200, JSON.createObjectNode().put("code", "OK").put("callId", UUID.randomUUID().toString())
                .toString());
    }
}
