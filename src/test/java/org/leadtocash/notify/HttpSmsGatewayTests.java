package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.SmsGatewayStandIn;

import com.fasterxml.jackson.databind.ObjectMapper;

class HttpSmsGatewayTests {
    private static final String API_KEY = "sms-key-123";

    private final SmsGatewayStandIn server = SmsGatewayStandIn.start(API_KEY);

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void sendsTemplateWithParamsSignNameAndBearerKey() {
        gateway(API_KEY).send("13912345678", "PAYMENT_PROCESS_STARTED", Map.of("expectedDate", "6月30日"));

        assertThat(server.messages()).singleElement().satisfies(m -> {
            assertThat(m.phoneNumber()).isEqualTo("13912345678");
            assertThat(m.signName()).isEqualTo("【测试科技】");
            assertThat(m.templateCode()).isEqualTo("PAYMENT_PROCESS_STARTED");
            assertThat(m.params()).containsExactlyEntriesOf(Map.of("expectedDate", "6月30日"));
        });
    }

    @Test
    void failsWhenTheApiKeyIsWrongWithoutShowingIt() {
        assertThatThrownBy(() -> gateway("wrong-key").send("13912345678", "T", Map.of()))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("139****5678")
                .hasMessageNotContaining("wrong-key");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void failsWhenTheGatewayAnswersAnErrorCodeWithStatus200() {
        server.answerNextWith(200, "{\"code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"message\":\"触发天级流控\"}");

        assertThatThrownBy(() -> gateway(API_KEY).send("13912345678", "T", Map.of()))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("code isv.BUSINESS_LIMIT_CONTROL")
                .hasMessageContaining("触发天级流控");
    }

    @Test
    void failsWhenTheGatewayRejectsTheNumberOrAnswersSomethingThatIsNotJson() {
        assertThatThrownBy(() -> gateway(API_KEY).send("12345", "T", Map.of()))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("isv.MOBILE_NUMBER_ILLEGAL");
        server.answerNextWith(502, "Bad Gateway");
        assertThatThrownBy(() -> gateway(API_KEY).send("13912345678", "T", Map.of()))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("HTTP 502")
                .hasMessageContaining("Bad Gateway");
    }

    @Test
    void failsWhenTheGatewayDoesNotAnswerWithinTheRequestTimeout() {
        server.delayAnswers(Duration.ofSeconds(3));
        HttpSmsGateway impatient = new HttpSmsGateway(server.url(), API_KEY, "s", new ObjectMapper(),
                Duration.ofSeconds(5), Duration.ofMillis(200));

        assertThatThrownBy(() -> impatient.send("13912345678", "T", Map.of()))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("SMS gateway did not answer within 200 ms");
    }

    @Test
    void isNotConfiguredWithoutUrl() {
        assertThat(new HttpSmsGateway(" ", API_KEY, "s", new ObjectMapper()).configured()).isFalse();
        assertThat(gateway(API_KEY).configured()).isTrue();
    }

    private HttpSmsGateway gateway(String apiKey) {
        return new HttpSmsGateway(server.url(), apiKey, "【测试科技】", new ObjectMapper());
    }
}
