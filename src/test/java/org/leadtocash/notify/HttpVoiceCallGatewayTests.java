package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.VoiceGatewayStandIn;

import com.fasterxml.jackson.databind.ObjectMapper;

class HttpVoiceCallGatewayTests {
    private static final String API_KEY = "voice-key-123";

    private final VoiceGatewayStandIn server = VoiceGatewayStandIn.start(API_KEY);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void placesCallWithBearerKeyTemplateAndParams() {
        gateway(API_KEY).call("13800001111", "LEAD_FIRST_CONTACT_REMINDER",
                Map.of("title", "首次联系提醒", "text", "线索 L-42 已 4 小时未联系"));

        assertThat(server.calls()).singleElement().satisfies(call -> {
            assertThat(call.calledNumber()).isEqualTo("13800001111");
            assertThat(call.templateCode()).isEqualTo("LEAD_FIRST_CONTACT_REMINDER");
            assertThat(call.params()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("title", "首次联系提醒", "text", "线索 L-42 已 4 小时未联系"));
        });
    }

    @Test
    void failsWhenTheApiKeyIsWrong() {
        assertThatThrownBy(() -> gateway("wrong-key").call("13800001111", "T", Map.of("text", "x")))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("Unauthorized")
                .hasMessageContaining("138****1111")
                .hasMessageNotContaining("wrong-key");
        assertThat(server.calls()).isEmpty();
    }

    @Test
    void failsWhenTheGatewayAnswersAnErrorCodeWithStatus200() {
        server.answerNextWith(200, "{\"code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"message\":\"触发流控\"}");

        assertThatThrownBy(() -> gateway(API_KEY).call("13800001111", "T", Map.of("text", "x")))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("code isv.BUSINESS_LIMIT_CONTROL")
                .hasMessageContaining("触发流控");
    }

    @Test
    void failsWhenTheGatewayRejectsTheNumber() {
        assertThatThrownBy(() -> gateway(API_KEY).call("12345", "T", Map.of("text", "x")))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("InvalidCalledNumber");
    }

    @Test
    void failsWhenTheGatewayAnswersSomethingThatIsNotJson() {
        server.answerNextWith(502, "Bad Gateway");

        assertThatThrownBy(() -> gateway(API_KEY).call("13800001111", "T", Map.of("text", "x")))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("Bad Gateway");
    }

    @Test
    void failsWhenTheGatewayDoesNotAnswerWithinTheRequestTimeout() {
        server.delayAnswers(Duration.ofSeconds(3));
        HttpVoiceCallGateway impatient = new HttpVoiceCallGateway(server.url(), API_KEY, new ObjectMapper(),
                Duration.ofSeconds(5), Duration.ofMillis(200));

        assertThatThrownBy(() -> impatient.call("13800001111", "T", Map.of("text", "x")))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("voice-call gateway did not answer within 200 ms");
    }

    @Test
    void isNotConfiguredWithoutUrl() {
        assertThat(new HttpVoiceCallGateway("", API_KEY, new ObjectMapper()).configured()).isFalse();
        assertThat(gateway(API_KEY).configured()).isTrue();
    }

    private HttpVoiceCallGateway gateway(String apiKey) {
        return new HttpVoiceCallGateway(server.url(), apiKey, new ObjectMapper());
    }
}
