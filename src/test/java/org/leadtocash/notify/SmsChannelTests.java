package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.SmsGatewayStandIn;

import com.fasterxml.jackson.databind.ObjectMapper;

class SmsChannelTests {
    private final SmsGatewayStandIn server = SmsGatewayStandIn.start("k");
    private final SmsChannel channel = new SmsChannel(new HttpSmsGateway(server.url(), "k", "【测试】", new ObjectMapper()),
            "GENERIC_NOTICE");

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void sendsTheTemplateNamedInTheTitleWithItsParamsToEveryRecipient() {
        String title = SmsTemplate.title("PAYMENT_PROCESS_STARTED", Map.of("expectedDate", "6月30日"));
        channel.deliver(request(title, "请确认付款流程已启动，预计6月30日前完成",
                new Recipient("王采购", "13912345678"), new Recipient("李采购", " 13700001111 ")));

        assertThat(server.messages()).extracting(SmsGatewayStandIn.Message::phoneNumber)
                .containsExactly("13912345678", "13700001111");
        assertThat(server.messages()).allSatisfy(m -> {
            assertThat(m.templateCode()).isEqualTo("PAYMENT_PROCESS_STARTED");
            assertThat(m.params()).isEqualTo(Map.of("expectedDate", "6月30日"));
        });
    }

    @Test
    void withoutATitleSendsTheDefaultTemplateWithTheTextAsContent() {
        channel.deliver(request(null, "您的发票已寄出", new Recipient("王采购", "13912345678")));

        assertThat(server.messages()).singleElement().satisfies(m -> {
            assertThat(m.templateCode()).isEqualTo("GENERIC_NOTICE");
            assertThat(m.params()).isEqualTo(Map.of("content", "您的发票已寄出"));
        });
    }

    @Test
    void failsForARecipientWithoutMobileBeforeSendingToAnyone() {
        assertThatThrownBy(() -> channel.deliver(request("T", "x",
                new Recipient("王采购", "13912345678"), new Recipient("李采购", null))))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessage("recipient 李采购 has no mobile number");
        assertThat(server.requests()).isZero();
    }

    @Test
    void failsForATitleThatIsNotATemplateCallOrWhenNoTemplateIsKnown() {
        assertThatThrownBy(() -> channel.deliver(request("T {not json", "x", new Recipient("王采购", "13912345678"))))
                .isInstanceOf(ChannelDeliveryException.class).hasMessageContaining("templateCode");
        SmsChannel withoutDefault = new SmsChannel(new HttpSmsGateway(server.url(), "k", "s", new ObjectMapper()), "");
        assertThatThrownBy(() -> withoutDefault.deliver(request(null, "x", new Recipient("王采购", "13912345678"))))
                .isInstanceOf(ChannelDeliveryException.class).hasMessageContaining("default-template-code");
        assertThat(server.requests()).isZero();
    }

    @Test
    void isConfiguredWhenTheGatewayIs() {
        assertThat(channel.channel()).isEqualTo(Channel.SMS);
        assertThat(channel.configured()).isTrue();
        assertThat(new SmsChannel(new HttpSmsGateway("", "k", "s", new ObjectMapper()), "T").configured()).isFalse();
    }

    @Test
    void templateTitlesRoundTrip() {
        String title = SmsTemplate.title("PAYMENT_PROCESS_STARTED", Map.of("b", "2", "a", "一"));
        assertThat(title).isEqualTo("PAYMENT_PROCESS_STARTED {\"a\":\"一\",\"b\":\"2\"}");
        assertThat(SmsTemplate.parse(title, "x", "D")).isEqualTo(
                new SmsTemplate.Call("PAYMENT_PROCESS_STARTED", Map.of("a", "一", "b", "2")));
        assertThat(SmsTemplate.parse("ONLY_CODE", "x", "D")).isEqualTo(new SmsTemplate.Call("ONLY_CODE", Map.of()));
        assertThat(SmsTemplate.title("ONLY_CODE", Map.of())).isEqualTo("ONLY_CODE");
        assertThatThrownBy(() -> SmsTemplate.title("TWO WORDS", Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static NotificationRequest request(String title, String text, Recipient... recipients) {
        return new NotificationRequest("k-1", Channel.SMS, List.of(recipients), title, text, null, null);
    }
}
