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
 * SMS gateway over HTTP (the shape of the common Chinese SMS APIs): POST
 * {@code {"phoneNumber":…, "signName":…, "templateCode":…, "templateParam":{…}}} as UTF-8 JSON to the configured URL
 * with {@code Authorization: Bearer <api key>}; the gateway answers {@code {"code":"OK","bizId":…}}. Any other code, a
 * non-2xx status, a timeout or an IO error is a failure.
 */
class HttpSmsGateway implements SmsGateway {
    private static final Logger log = LoggerFactory.getLogger(HttpSmsGateway.class);

    private final String url;
    private final String apiKey;
    private final String signName;
    private final ObjectMapper mapper;
    private final JsonHttpPeer peer;

    public HttpSmsGateway(String url, String apiKey, String signName, ObjectMapper mapper) {
        this(url, apiKey, signName, mapper, JsonHttpPeer.DEFAULT_CONNECT_TIMEOUT, JsonHttpPeer.DEFAULT_REQUEST_TIMEOUT);
    }

    public HttpSmsGateway(String url, String apiKey, String signName, ObjectMapper mapper, Duration connectTimeout,
                          Duration requestTimeout) {
        this.url = url == null ? "" : url.strip();
        this.apiKey = apiKey == null ? "" : apiKey.strip();
        this.signName = signName == null ? "" : signName.strip();
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.peer = new JsonHttpPeer("SMS gateway", mapper, connectTimeout, requestTimeout);
    }

    @Override
    public boolean configured() {
        return !url.isEmpty();
    }

    @Override
    public void send(String mobile, String templateCode, Map<String, String> params) {
        if (!configured()) {
            throw new IllegalStateException("SMS gateway URL is not configured");
        }
        ObjectNode body = mapper.createObjectNode()
                .put("phoneNumber", mobile)
                .put("signName", signName)
                .put("templateCode", templateCode);
        ObjectNode paramNode = body.putObject("templateParam");
        params.forEach(paramNode::put);
        JsonHttpPeer.Answer answer = peer.postExpectingCodeOk(URI.create(url), body, apiKey, "message", mobile);
        log.info("SMS gateway accepted the message to {}: bizId {}", Recipients.mask(mobile), answer.text("bizId"));
    }
}
