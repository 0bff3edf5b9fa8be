package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.AliyunSmsStandIn;

import com.fasterxml.jackson.databind.ObjectMapper;

class AliyunSmsGatewayTests {
    private static final String KEY_ID = "LTAI5tTestKeyId";
    private static final String SECRET = "test-secret-不要泄露";

    private final AliyunSmsStandIn provider = AliyunSmsStandIn.start(KEY_ID, SECRET);

    @AfterEach
    void stop() {
        provider.close();
    }

    @Test
    void signsLikeTheDocumentedExample() {
        // the worked example of Alibaba Cloud's "签名机制" page: testid / testsecret, DescribeRegions, GET
        Map<String, String> p = new LinkedHashMap<>();
        p.put("TimeStamp", "2016-02-23T12:46:24Z");
        p.put("Format", "XML");
        p.put("AccessKeyId", "testid");
        p.put("Action", "DescribeRegions");
        p.put("SignatureMethod", "HMAC-SHA1");
        p.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
        p.put("Version", "2014-05-26");
        p.put("SignatureVersion", "1.0");

        assertThat(AliyunRpc.sign("GET", AliyunRpc.canonicalQuery(p), "testsecret"))
                .isEqualTo("CT9X0VtwR86fNWSnsc6v8YGOjuE=");
    }

    @Test
    void sendsTheTemplateWithItsParamsAndTheProviderAcceptsTheSignature() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("expectedDate", "6月30日");
        params.put("note", "A+B *~ 100%");
        gateway(SECRET).send("13912345678", "SMS_153055065", params);

        assertThat(provider.messages()).singleElement().satisfies(m -> {
            assertThat(m.phoneNumber()).isEqualTo("13912345678");
            assertThat(m.signName()).isEqualTo("测试科技");
            assertThat(m.templateCode()).isEqualTo("SMS_153055065");
            assertThat(m.params()).containsExactlyEntriesOf(params);
        });
    }

    @Test
    void aWrongSecretIsRefusedWithSignatureDoesNotMatchAndNotShown() {
        assertThatThrownBy(() -> gateway("wrong-secret").send("13912345678", "SMS_1", Map.of()))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("Code SignatureDoesNotMatch")
                .hasMessageContaining("139****5678")
                .hasMessageNotContaining("wrong-secret");
        assertThat(provider.messages()).isEmpty();
    }

    @Test
    void aReplayedNonceIsRefusedWithSignatureNonceUsed() {
        AliyunSmsGateway sameNonce = gateway(SECRET, Clock.systemUTC(), () -> "nonce-1");
        sameNonce.send("13912345678", "SMS_1", Map.of());

        assertThatThrownBy(() -> sameNonce.send("13912345678", "SMS_1", Map.of()))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("Code SignatureNonceUsed");
        assertThat(provider.messages()).hasSize(1);
    }

    @Test
    void aTimestampMoreThanFifteenMinutesOffIsRefused() {
        Clock late = Clock.fixed(Instant.now().minus(Duration.ofMinutes(16)), ZoneOffset.UTC);

        assertThatThrownBy(() -> gateway(SECRET, late, null).send("13912345678", "SMS_1", Map.of()))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("Code InvalidTimeStamp.Expired");
        assertThat(provider.messages()).isEmpty();
    }

    @Test
    void aMissingFieldIsRefusedNamingIt() {
        AliyunSmsGateway noSignName = new AliyunSmsGateway(rpc(SECRET, Clock.systemUTC(), null), "");

        assertThat(noSignName.configured()).isFalse();
        assertThatThrownBy(() -> noSignName.send("13912345678", "SMS_1", Map.of()))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("Code MissingSignName")
                .hasMessageContaining("SignName is mandatory");
        assertThatThrownBy(() -> gateway(SECRET).send("13912345678", "", Map.of()))
                .hasMessageContaining("Code MissingTemplateCode");
        assertThat(provider.messages()).isEmpty();
    }

    @Test
    void aProductRefusalWithStatus200IsAFailureWithTheProvidersCodeAndMessage() {
        assertThatThrownBy(() -> gateway(SECRET).send("12345", "SMS_1", Map.of()))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("HTTP 200")
                .hasMessageContaining("Code isv.MOBILE_NUMBER_ILLEGAL")
                .hasMessageContaining("Message 非法手机号")
                .hasMessageContaining("RequestId ");

        provider.answerNextWith(200, "{\"Code\":\"isv.BUSINESS_LIMIT_CONTROL\",\"Message\":\"触发天级流控\"}");
        assertThatThrownBy(() -> gateway(SECRET).send("13912345678", "SMS_1", Map.of()))
                .hasMessageContaining("Code isv.BUSINESS_LIMIT_CONTROL, Message 触发天级流控");
    }

    @Test
    void anUnknownAccessKeyIsRefused() {
        AliyunSmsGateway other = new AliyunSmsGateway(new AliyunRpc("Alibaba Cloud SMS", provider.url(), "LTAIother",
                SECRET, new ObjectMapper(), Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC(), null),
                "测试科技");

        assertThatThrownBy(() -> other.send("13912345678", "SMS_1", Map.of()))
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining("Code InvalidAccessKeyId.NotFound");
    }

    @Test
    void isNotConfiguredWithoutKeys() {
        assertThat(new AliyunSmsGateway(new AliyunRpc("Alibaba Cloud SMS", AliyunRpc.DEFAULT_SMS_ENDPOINT, "", "",
                new ObjectMapper(), Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC(), null), "s")
                .configured()).isFalse();
        assertThat(gateway(SECRET).configured()).isTrue();
    }

    private AliyunSmsGateway gateway(String secret) {
        return gateway(secret, Clock.systemUTC(), null);
    }

    private AliyunSmsGateway gateway(String secret, Clock clock, Supplier<String> nonces) {
        return new AliyunSmsGateway(rpc(secret, clock, nonces), "测试科技");
    }

    private AliyunRpc rpc(String secret, Clock clock, Supplier<String> nonces) {
        return new AliyunRpc("Alibaba Cloud SMS", provider.url(), KEY_ID, secret, new ObjectMapper(),
                Duration.ofSeconds(2), Duration.ofSeconds(5), clock, nonces);
    }
}
