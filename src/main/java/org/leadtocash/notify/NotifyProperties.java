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
 * @param publicBaseUrl the address users open the webapps at (e.g. {@code https://crm.example.cn}): DingTalk and WeCom
 *                      messages link to their task there ({@link TaskLinks}); empty sends no links
 */
@ConfigurationProperties(prefix = "leadtocash.notify")
record NotifyProperties(@DefaultValue DingTalk dingtalk, @DefaultValue Voice voice, @DefaultValue Sms sms,
                               @DefaultValue("PT5M") Duration claimTimeout, @DefaultValue("PT30S") Duration claimWait,
                               @DefaultValue WeCom wecom, @DefaultValue("") String publicBaseUrl) {

    /** Which SMS or voice provider the channel talks to. */
    public enum Provider {
        /** The generic HTTP gateway ({@link HttpSmsGateway}, {@link HttpVoiceCallGateway}). */
        HTTP,
        /** Alibaba Cloud's signed RPC API ({@link AliyunSmsGateway}, {@link AliyunVoiceCallGateway}). */
        ALIYUN
    }

    /**
     * Alibaba Cloud credentials and endpoint for SMS or voice.
     *
     * @param endpoint         e.g. {@code https://dysmsapi.aliyuncs.com/}; empty takes the product's central endpoint
     * @param calledShowNumber voice only: the purchased caller id; empty in common (公共) mode
     */
    public record Aliyun(@DefaultValue("") String endpoint, @DefaultValue("") String accessKeyId,
                         @DefaultValue("") String accessKeySecret, @DefaultValue("") String calledShowNumber) {
        @Override
        public String toString() {
            return "Aliyun[endpoint=" + endpoint + ", accessKeyId=" + (accessKeyId.isEmpty() ? "" : "(set)")
                    + ", accessKeySecret=" + (accessKeySecret.isEmpty() ? "" : "(set)") + ", calledShowNumber="
                    + calledShowNumber + "]";
        }
    }

    /** @param webhookUrl the WeCom group robot's webhook, {@code https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…} */
    public record WeCom(@DefaultValue("") String webhookUrl, @DefaultValue("PT5S") Duration connectTimeout,
                        @DefaultValue("PT10S") Duration requestTimeout) {
        @Override
        public String toString() {
            return "WeCom[webhookUrl=" + (webhookUrl.isEmpty() ? "" : "(set)") + ", connectTimeout=" + connectTimeout
                    + ", requestTimeout=" + requestTimeout + "]";
        }
    }

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
     * @param templateCode the call script to read (for Alibaba Cloud the TtsCode)
     * @param provider     {@code http} (the generic gateway at {@code url}) or {@code aliyun}
     */
    public record Voice(@DefaultValue("") String url, @DefaultValue("") String apiKey,
                        @DefaultValue("LEAD_FIRST_CONTACT_REMINDER") String templateCode,
                        @DefaultValue("PT5S") Duration connectTimeout,
                        @DefaultValue("PT10S") Duration requestTimeout,
                        @DefaultValue("http") Provider provider, @DefaultValue Aliyun aliyun) {
        @Override
        public String toString() {
            return "Voice[provider=" + provider + ", url=" + url + ", apiKey=" + (apiKey.isEmpty() ? "" : "(set)")
                    + ", templateCode=" + templateCode + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                    + requestTimeout + ", aliyun=" + aliyun + "]";
        }
    }

    /**
     * @param url                 the SMS gateway's endpoint
     * @param apiKey              sent as {@code Authorization: Bearer <apiKey>}
     * @param signName            the registered sender signature (短信签名), e.g. 【某某科技】
     * @param defaultTemplateCode the template for requests that name none (its one parameter is {@code content})
     * @param provider            {@code http} (the generic gateway at {@code url}) or {@code aliyun}
     */
    public record Sms(@DefaultValue("") String url, @DefaultValue("") String apiKey, @DefaultValue("") String signName,
                      @DefaultValue("") String defaultTemplateCode,
                      @DefaultValue("PT5S") Duration connectTimeout,
                      @DefaultValue("PT10S") Duration requestTimeout,
                      @DefaultValue("http") Provider provider, @DefaultValue Aliyun aliyun) {
        @Override
        public String toString() {
            return "Sms[provider=" + provider + ", aliyun=" + aliyun + ", url=" + url + ", apiKey=" + (apiKey.isEmpty() ? "" : "(set)") + ", signName=" + signName
                    + ", defaultTemplateCode=" + defaultTemplateCode + ", connectTimeout=" + connectTimeout
                    + ", requestTimeout=" + requestTimeout + "]";
        }
    }
}
