package org.leadtocash.notify;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Voice-call gateway over HTTP: POST {@code {"calledNumber":…, "templateCode":…, "params":{…}}} as UTF-8 JSON to the
 * configured URL with {@code Authorization: Bearer <api key>}; the gateway answers {@code {"code":"OK","callId":…}}.
 * Any other code, a non-2xx status, a timeout or an IO error is a failure.
 */
class HttpVoiceCallGateway implements VoiceCallGateway {
    private static final Logger log = LoggerFactory.getLogger(HttpVoiceCallGateway.class);

    private final String url;
    private final String apiKey;
    private final ObjectMapper mapper;
    private final JsonHttpPeer peer;

    public HttpVoiceCallGateway(String url, String apiKey, ObjectMapper mapper) {
        this(url, apiKey, mapper, JsonHttpPeer.DEFAULT_CONNECT_TIMEOUT, JsonHttpPeer.DEFAULT_REQUEST_TIMEOUT);
    }

    public HttpVoiceCallGateway(String url, String apiKey, ObjectMapper mapper, Duration connectTimeout,
                                Duration requestTimeout) {
        this.url = url == null ? "" : url.strip();
        this.apiKey = apiKey == null ? "" : apiKey.strip();
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.peer = new JsonHttpPeer("voice-call gateway", mapper, connectTimeout, requestTimeout);
    }

    @Override
    public boolean configured() {
        return !url.isEmpty();
    }

    @Override
    public void call(String mobile, String templateCode, Map<String, String> params) {
        if (!configured()) {
            throw new IllegalStateException("voice-call gateway URL is not configured");
        }
        ObjectNode body = mapper.createObjectNode()
                .put("calledNumber", mobile)
                .put("templateCode", templateCode);
        ObjectNode paramsNode = body.putObject("params");
        params.forEach(paramsNode::put);
        JsonHttpPeer.Answer answer = peer.postExpectingCodeOk(URI.create(url), body, apiKey, "call", mobile);
        log.info("voice-call gateway accepted the call to {}: callId {}", Recipients.mask(mobile), answer.text("callId"));
    }
}
