package org.leadtocash.notify;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The notification channels, built from {@link NotifyProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotifyProperties.class)
class NotifyConfig {

    @Bean
    DingTalkRobotChannel dingTalkRobotChannel(NotifyProperties properties, ObjectProvider<ObjectMapper> mapper) {
        NotifyProperties.DingTalk d = properties.dingtalk();
        return new DingTalkRobotChannel(d.webhookUrl(), d.secret(), mapper.getIfAvailable(ObjectMapper::new),
                d.connectTimeout(), d.requestTimeout(), Clock.systemUTC());
    }

    @Bean
    WeComRobotChannel weComRobotChannel(NotifyProperties properties, ObjectProvider<ObjectMapper> mapper) {
        NotifyProperties.WeCom w = properties.wecom();
        return new WeComRobotChannel(w.webhookUrl(), mapper.getIfAvailable(ObjectMapper::new), w.connectTimeout(),
                w.requestTimeout());
    }

    /** {@code leadtocash.notify.voice.provider}: {@code http} (default) or {@code aliyun}. */
    @Bean
    VoiceCallGateway voiceCallGateway(NotifyProperties properties, ObjectProvider<ObjectMapper> mapper) {
        NotifyProperties.Voice v = properties.voice();
        ObjectMapper json = mapper.getIfAvailable(ObjectMapper::new);
        if (v.provider() == NotifyProperties.Provider.ALIYUN) {
            NotifyProperties.Aliyun a = v.aliyun();
            return new AliyunVoiceCallGateway(new AliyunRpc("Alibaba Cloud voice",
                    a.endpoint().isBlank() ? AliyunRpc.DEFAULT_VOICE_ENDPOINT : a.endpoint(), a.accessKeyId(),
                    a.accessKeySecret(), json, v.connectTimeout(), v.requestTimeout(), Clock.systemUTC(), null),
                    a.calledShowNumber());
        }
        return new HttpVoiceCallGateway(v.url(), v.apiKey(), json, v.connectTimeout(), v.requestTimeout());
    }

    @Bean
    VoiceCallChannel voiceCallChannel(VoiceCallGateway gateway, NotifyProperties properties) {
        return new VoiceCallChannel(gateway, properties.voice().templateCode());
    }

    /** {@code leadtocash.notify.sms.provider}: {@code http} (default) or {@code aliyun}. */
    @Bean
    SmsGateway smsGateway(NotifyProperties properties, ObjectProvider<ObjectMapper> mapper) {
        NotifyProperties.Sms s = properties.sms();
        ObjectMapper json = mapper.getIfAvailable(ObjectMapper::new);
        if (s.provider() == NotifyProperties.Provider.ALIYUN) {
            NotifyProperties.Aliyun a = s.aliyun();
            return new AliyunSmsGateway(new AliyunRpc("Alibaba Cloud SMS",
                    a.endpoint().isBlank() ? AliyunRpc.DEFAULT_SMS_ENDPOINT : a.endpoint(), a.accessKeyId(),
                    a.accessKeySecret(), json, s.connectTimeout(), s.requestTimeout(), Clock.systemUTC(), null),
                    s.signName());
        }
        return new HttpSmsGateway(s.url(), s.apiKey(), s.signName(), json, s.connectTimeout(), s.requestTimeout());
    }

    @Bean
    SmsChannel smsChannel(SmsGateway gateway, NotifyProperties properties) {
        return new SmsChannel(gateway, properties.sms().defaultTemplateCode());
    }
}
