package org.leadtocash.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code leadtocash.notify.*}. An empty URL leaves that channel unconfigured: notifications through it are recorded
 * as NOT_SENT_UNCONFIGURED and nothing is sent.
 *
 * @param claimTimeout after this long an unfinished send of another node (it died mid-send) may be taken over
 * @param claimWait    how long a send waits for another node that is sending the same idempotency key
 */
@ConfigurationProperties(prefix = "leadtocash.notify")
record NotifyProperties(@DefaultValue DingTalk dingtalk, @DefaultValue Voice voice, @DefaultValue Sms sms,
                               @DefaultValue("PT5M") Duration claimTimeout, @DefaultValue("PT30S") Duration claimWait) {

    /**
     * @param webhookUrl the robot's webhook, {@code https://oapi.dingtalk.com/robot/send?access_token=…}
     * @param secret     the {@code SEC…} signing secret; empty for robots secured by keyword or IP
     */
    public record DingTalk(@DefaultValue("") String webhookUrl, @DefaultValue("") String secret,
                           @DefaultValue("PT5S") Duration connectTimeout,
                           @DefaultValue("PT10S") Duration requestTimeout) {
        @Override
        public String toString() {
            return "DingTalk[webhookUrl=" + (webhookUrl.isEmpty() ? "" : "(set)") + ", secret="
                    + (secret.isEmpty() ? "" : "(set)") + ", connectTimeout=" + connectTimeout
                    + ", requestTimeout=" + requestTimeout + "]";
        }
    }

    /**
     * @param url          the voice-call gateway's endpoint
     * @param apiKey       sent as {@code Authorization: Bearer <apiKey>}
     * @param templateCode the call script to read
     */
    public record Voice(@DefaultValue("") String url, @DefaultValue("") String apiKey,
                        @DefaultValue("LEAD_FIRST_CONTACT_REMINDER") String templateCode,
                        @DefaultValue("PT5S") Duration connectTimeout,
                        @DefaultValue("PT10S") Duration requestTimeout) {
        @Override
        public String toString() {
            return "Voice[url=" + url + ", apiKey=" + (apiKey.isEmpty() ? "" : "(set)") + ", templateCode="
                    + templateCode + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
        }
    }

    /**
     * @param url                 the SMS gateway's endpoint
     * @param apiKey              sent as {@code Authorization: Bearer <apiKey>}
     * @param signName            the registered sender signature (短信签名), e.g. 【某某科技】
     * @param defaultTemplateCode the template for requests that name none (its one parameter is {@code content})
     */
    public record Sms(@DefaultValue("") String url, @DefaultValue("") String apiKey, @DefaultValue("") String signName,
                      @DefaultValue("") String defaultTemplateCode,
                      @DefaultValue("PT5S") Duration connectTimeout,
                      @DefaultValue("PT10S") Duration requestTimeout) {
        @Override
        public String toString() {
            return "Sms[url=" + url + ", apiKey=" + (apiKey.isEmpty() ? "" : "(set)") + ", signName=" + signName
                    + ", defaultTemplateCode=" + defaultTemplateCode + ", connectTimeout=" + connectTimeout
                    + ", requestTimeout=" + requestTimeout + "]";
        }
    }
}
