package org.leadtocash.standin;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Alibaba Cloud voice, {@code SingleCallByTts} (Dyvmsapi 2017-05-25): the gateway checks of {@link AliyunRpcStandIn},
 * then {@code CalledNumber} and {@code TtsCode} required ({@code Missing<Name>}) and {@code TtsParam} a JSON object
 * ({@code isv.INVALID_JSON_PARAM}); answers {@code {"Code":"OK","Message":"OK","CallId":…,"RequestId":…}}.
 */
public final class AliyunVoiceStandIn extends AliyunRpcStandIn {
    /** A call the provider placed. */
    public record Call(String calledNumber, String calledShowNumber, String ttsCode, Map<String, String> params) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private AliyunVoiceStandIn(String accessKeyId, String accessKeySecret, Clock clock) {
        super("SingleCallByTts", "2017-05-25", accessKeyId, accessKeySecret, clock);
    }

    public static AliyunVoiceStandIn start(String accessKeyId, String accessKeySecret) {
        return new AliyunVoiceStandIn(accessKeyId, accessKeySecret, Clock.systemUTC());
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    @Override
    protected Answer accepted(Map<String, String> p) {
        Answer missing = missing(p, "CalledNumber", "TtsCode");
        if (missing != null) {
            return missing;
        }
        Map<String, String> params = jsonObject(p.get("TtsParam"));
        if (params == null) {
            return productError("isv.INVALID_JSON_PARAM", "JSON参数不合法");
        }
        calls.add(new Call(p.get("CalledNumber"), p.get("CalledShowNumber"), p.get("TtsCode"), params));
        return ok("CallId", UUID.randomUUID() + "@aliyun");
    }
}
