package org.leadtocash.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Alibaba Cloud voice service (阿里云语音服务), action {@code SingleCallByTts} of Dyvmsapi 2017-05-25: one callee per
 * call with {@code CalledNumber}, {@code TtsCode} (the approved TTS template), {@code TtsParam} (its variables as a JSON
 * string; the provider allows under 250 characters and no URLs) and, in dedicated-number mode,
 * {@code CalledShowNumber}. {@code Code "OK"} means the call was placed; any other code is a delivery failure naming it.
 */
class AliyunVoiceCallGateway implements VoiceCallGateway {
    private static final Logger log = LoggerFactory.getLogger(AliyunVoiceCallGateway.class);

    private final AliyunRpc rpc;
    private final String calledShowNumber;

    /** @param calledShowNumber the purchased caller id; empty in common (公共) mode */
    AliyunVoiceCallGateway(AliyunRpc rpc, String calledShowNumber) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.calledShowNumber = calledShowNumber == null ? "" : calledShowNumber.strip();
    }

    @Override
    public boolean configured() {
        return rpc.configured();
    }

    @Override
    public void call(String mobile, String templateCode, Map<String, String> params) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("CalledNumber", mobile);
        request.put("TtsCode", templateCode);
        if (params != null && !params.isEmpty()) {
            request.put("TtsParam", rpc.json(params));
        }
        if (!calledShowNumber.isEmpty()) {
            request.put("CalledShowNumber", calledShowNumber);
        }
        JsonNode answer = rpc.call("SingleCallByTts", AliyunRpc.VERSION_2017_05_25, request,
                "call to " + Recipients.mask(mobile));
        log.info("Alibaba Cloud voice placed the call to {}: CallId {}", Recipients.mask(mobile),
                answer.path("CallId").asText());
    }
}
