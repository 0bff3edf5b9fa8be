package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class NotifyConfigTests {
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(NotifyConfig.class);

    @Test
    void theGenericHttpGatewaysAreTheDefault() {
        context.run(c -> {
            assertThat(c.getBean(SmsGateway.class)).isInstanceOf(HttpSmsGateway.class);
            assertThat(c.getBean(VoiceCallGateway.class)).isInstanceOf(HttpVoiceCallGateway.class);
            assertThat(c.getBean(WeComRobotChannel.class).configured()).isFalse();
        });
    }

    @Test
    void providerAliyunSelectsAlibabaCloudForSmsAndVoice() {
        context.withPropertyValues("leadtocash.notify.sms.provider=aliyun",
                        "leadtocash.notify.sms.sign-name=测试科技",
                        "leadtocash.notify.sms.aliyun.access-key-id=LTAI",
                        "leadtocash.notify.sms.aliyun.access-key-secret=s",
                        "leadtocash.notify.voice.provider=ALIYUN",
                        "leadtocash.notify.voice.aliyun.access-key-id=LTAI",
                        "leadtocash.notify.voice.aliyun.access-key-secret=s",
                        "leadtocash.notify.wecom.webhook-url=https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")
                .run(c -> {
                    assertThat(c.getBean(SmsGateway.class)).isInstanceOf(AliyunSmsGateway.class);
                    assertThat(c.getBean(SmsGateway.class).configured()).isTrue();
                    assertThat(c.getBean(VoiceCallGateway.class)).isInstanceOf(AliyunVoiceCallGateway.class);
                    assertThat(c.getBean(WeComRobotChannel.class).configured()).isTrue();
                    assertThat(c.getBean(NotifyProperties.class).sms().toString()).doesNotContain("=s,");
                });
    }

    @Test
    void aliyunWithoutKeysLeavesSmsUnconfigured() {
        context.withPropertyValues("leadtocash.notify.sms.provider=aliyun", "leadtocash.notify.sms.sign-name=x")
                .run(c -> assertThat(c.getBean(SmsChannel.class).configured()).isFalse());
    }
}
