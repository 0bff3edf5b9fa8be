package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.VoiceGatewayStandIn;

import com.fasterxml.jackson.databind.ObjectMapper;

class VoiceCallChannelTests {
    private final VoiceGatewayStandIn server = VoiceGatewayStandIn.start("k");
    private final VoiceCallChannel channel = new VoiceCallChannel(
            new HttpVoiceCallGateway(server.url(), "k", new ObjectMapper()), "LEAD_FIRST_CONTACT_REMINDER");

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void callsEveryRecipientWithTitleAndText() {
        channel.deliver(request("首次联系提醒", "请联系客户",
                new Recipient("li.rep", "13900002222"), new Recipient("zhao.rep", "13900003333")));

        assertThat(server.calls()).extracting(VoiceGatewayStandIn.Call::calledNumber)
                .containsExactly("13900002222", "13900003333");
        assertThat(server.calls()).allSatisfy(call -> {
            assertThat(call.templateCode()).isEqualTo("LEAD_FIRST_CONTACT_REMINDER");
            assertThat(call.params()).isEqualTo(Map.of("title", "首次联系提醒", "text", "请联系客户"));
        });
    }

    @Test
    void sendsAnEmptyTitleParamWhenTheRequestHasNoTitle() {
        channel.deliver(request(null, "请联系客户", new Recipient("li.rep", "13900002222")));

        assertThat(server.calls()).singleElement()
                .satisfies(call -> assertThat(call.params()).isEqualTo(Map.of("title", "", "text", "请联系客户")));
    }

    @Test
    void failsForARecipientWithoutMobileBeforeCallingAnyone() {
        assertThatThrownBy(() -> channel.deliver(request("t", "x",
                new Recipient("li.rep", "13900002222"), new Recipient("zhao.rep", null))))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessage("recipient zhao.rep has no mobile number");
        assertThat(server.requests()).isZero();
    }

    @Test
    void isNotConfiguredWhenTheGatewayHasNoUrlOrNoTemplateIsSet() {
        assertThat(channel.configured()).isTrue();
        assertThat(new VoiceCallChannel(new HttpVoiceCallGateway("", "k", new ObjectMapper()), "T").configured())
                .isFalse();
        assertThat(new VoiceCallChannel(new HttpVoiceCallGateway(server.url(), "k", new ObjectMapper()), " ")
                .configured()).isFalse();
    }

    private static NotificationRequest request(String title, String text, Recipient... recipients) {
        return new NotificationRequest("k-1", Channel.VOICE_CALL, List.of(recipients), title, text, null, null);
    }
}
