package org.leadtocash.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Alibaba Cloud SMS (阿里云短信服务), action {@code SendSms} of Dysmsapi 2017-05-25: one mobile per call with
 * {@code PhoneNumbers}, {@code SignName}, {@code TemplateCode} and {@code TemplateParam} (the parameters as a JSON
 * string), signed by {@link AliyunRpc}. {@code Code "OK"} means accepted (delivery comes later in receipts); any other
 * code is a delivery failure naming it. SendSms is not idempotent: the delivery log keeps a retry from sending a key
 * twice.
 */
class AliyunSmsGateway implements SmsGateway {
    private static final Logger log = LoggerFactory.getLogger(AliyunSmsGateway.class);

    private final AliyunRpc rpc;
    private final String signName;

    AliyunSmsGateway(AliyunRpc rpc, String signName) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
        this.signName = signName == null ? "" : signName.strip();
    }

    @Override
    public boolean configured() {
        return rpc.configured() && !signName.isEmpty();
    }

    @Override
    public void send(String mobile, String templateCode, Map<String, String> params) {
        Map<String, String> request = new LinkedHashMap<>();
        request.put("PhoneNumbers", mobile);
        request.put("SignName", signName);
        request.put("TemplateCode", templateCode);
        if (params != null && !params.isEmpty()) {
            request.put("TemplateParam", rpc.json(params));
        }
        JsonNode answer = rpc.call("SendSms", AliyunRpc.VERSION_2017_05_25, request,
                "message to " + Recipients.mask(mobile));
        log.info("Alibaba Cloud SMS accepted the message to {}: BizId {}", Recipients.mask(mobile),
                answer.path("BizId").asText());
    }
}
