package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.AliyunVoiceStandIn;

import com.fasterxml.jackson.databind.ObjectMapper;

class AliyunVoiceCallGatewayTests {
    private static final String KEY_ID = "LTAI5tVoice";
    private static final String SECRET = "voice-secret";

    private final AliyunVoiceStandIn provider = AliyunVoiceStandIn.start(KEY_ID, SECRET);

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void placesTheTtsCallWithParamsAndCallerId() {
        gateway(SECRET, "057188773344").call("13912345678", "TTS_10001", Map.of("title", "线索4小时未联系"));

        assertThat(provider.calls()).singleElement().satisfies(c -> {
            assertThat(c.calledNumber()).isEqualTo("13912345678");
            assertThat(c.calledShowNumber()).isEqualTo("057188773344");
            assertThat(c.ttsCode()).isEqualTo("TTS_10001");
            assertThat(c.params()).containsExactlyEntriesOf(Map.of("title", "线索4小时未联系"));
        });
    }

    @Test
    void commonModeSendsNoCallerId() {
        gateway(SECRET, "").call("13912345678", "TTS_10001", Map.of());

        assertThat(provider.calls()).singleElement().extracting(AliyunVoiceStandIn.Call::calledShowNumber).isNull();
    }

    @Test
    void aWrongSecretIsRefusedAndNobodyIsCalled() {
        assertThatThrownBy(() -> gateway("nope", "").call("13912345678", "TTS_1", Map.of()))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("Alibaba Cloud voice refused the call to 139****5678")
                .hasMessageContaining("Code SignatureDoesNotMatch");
        assertThat(provider.calls()).isEmpty();
    }

    @Test
    void aMissingTtsCodeIsRefused() {
        assertThatThrownBy(() -> gateway(SECRET, "").call("13912345678", "", Map.of()))
                .hasMessageContaining("Code MissingTtsCode");
    }

    @Test
    void theVoiceChannelCallsEveryRecipientThroughAlibabaCloud() {
        VoiceCallChannel channel = new VoiceCallChannel(gateway(SECRET, ""), "TTS_REMIND");

        channel.deliver(new NotificationRequest("k", Channel.VOICE_CALL,
                List.of(new Recipient("zhangsan", "13900000001"), new Recipient("lisi", "13900000002")),
                "线索未联系", "请尽快联系客户", null, null));

        assertThat(provider.calls()).extracting(AliyunVoiceStandIn.Call::calledNumber)
                .containsExactly("13900000001", "13900000002");
        assertThat(provider.calls().get(0).params()).containsEntry("text", "请尽快联系客户");
    }

    private AliyunVoiceCallGateway gateway(String secret, String callerId) {
        return new AliyunVoiceCallGateway(new AliyunRpc("Alibaba Cloud voice", provider.url(), KEY_ID, secret,
                new ObjectMapper(), Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC(), null), callerId);
    }
}
