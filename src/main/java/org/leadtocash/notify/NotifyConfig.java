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
    HttpVoiceCallGateway voiceCallGateway(NotifyProperties properties, ObjectProvider<ObjectMapper> mapper) {
        NotifyProperties.Voice v = properties.voice();
        return new HttpVoiceCallGateway(v.url(), v.apiKey(), mapper.getIfAvailable(ObjectMapper::new),
                v.connectTimeout(), v.requestTimeout());
    }

    @Bean
    VoiceCallChannel voiceCallChannel(VoiceCallGateway gateway, NotifyProperties properties) {
        return new VoiceCallChannel(gateway, properties.voice().templateCode());
    }

    @Bean
    HttpSmsGateway smsGateway(NotifyProperties properties, ObjectProvider<ObjectMapper> mapper) {
        NotifyProperties.Sms s = properties.sms();
        return new HttpSmsGateway(s.url(), s.apiKey(), s.signName(), mapper.getIfAvailable(ObjectMapper::new),
                s.connectTimeout(), s.requestTimeout());
    }

    @Bean
    SmsChannel smsChannel(SmsGateway gateway, NotifyProperties properties) {
        return new SmsChannel(gateway, properties.sms().defaultTemplateCode());
    }
}
