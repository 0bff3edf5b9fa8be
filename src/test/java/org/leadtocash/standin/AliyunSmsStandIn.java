package org.leadtocash.standin;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Alibaba Cloud SMS, {@code SendSms} (Dysmsapi 2017-05-25): the gateway checks of {@link AliyunRpcStandIn}, then
 * {@code PhoneNumbers}, {@code SignName} and {@code TemplateCode} required ({@code Missing<Name>}), a mainland mobile
 * ({@code isv.MOBILE_NUMBER_ILLEGAL}) and {@code TemplateParam} a JSON object ({@code isv.INVALID_JSON_PARAM}); answers
 * {@code {"Code":"OK","Message":"OK","BizId":…,"RequestId":…}}.
 */
public final class AliyunSmsStandIn extends AliyunRpcStandIn {
    /** A message the provider accepted. */
    public record Message(String phoneNumber, String signName, String templateCode, Map<String, String> params) {
    }

    private final List<Message> messages = new CopyOnWriteArrayList<>();

    private AliyunSmsStandIn(String accessKeyId, String accessKeySecret, Clock clock) {
        super("SendSms", "2017-05-25", accessKeyId, accessKeySecret, clock);
    }

    public static AliyunSmsStandIn start(String accessKeyId, String accessKeySecret) {
        return new AliyunSmsStandIn(accessKeyId, accessKeySecret, Clock.systemUTC());
    }

    public List<Message> messages() {
        return List.copyOf(messages);
    }

    @Override
    protected Answer accepted(Map<String, String> p) {
        Answer missing = missing(p, "PhoneNumbers", "SignName", "TemplateCode");
        if (missing != null) {
            return missing;
        }
        String number = p.get("PhoneNumbers").replaceFirst("^(\\+86|0086|86)", "");
        if (!number.matches("1\\d{10}")) {
            return productError("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号");
        }
        Map<String, String> params = jsonObject(p.get("TemplateParam"));
        if (params == null) {
            return productError("isv.INVALID_JSON_PARAM", "JSON参数不合法，只接受字符串值");
        }
        messages.add(new Message(number, p.get("SignName"), p.get("TemplateCode"), params));
        return ok("BizId", UUID.randomUUID().toString());
    }
}
