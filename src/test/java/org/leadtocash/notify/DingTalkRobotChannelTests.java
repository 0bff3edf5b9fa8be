package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.DingTalkRobotStandIn;

import com.fasterxml.jackson.databind.ObjectMapper;

class DingTalkRobotChannelTests {
    private static final String TOKEN = "robot-token-1";
    private static final String SECRET = "SECdemo0123456789abcdef";

    private final DingTalkRobotStandIn robot = DingTalkRobotStandIn.start(TOKEN, SECRET);

    @AfterEach
    void stopRobot() {
        robot.close();
    }

    @Test
    void sendsSignedMarkdownMessageThatTheRobotAccepts() {
        channel(robot.url(), SECRET).deliver(request("线索未分配提醒 Lead unassigned",
                "### 线索 L-42 已超过 2 小时未分配\n客户：杭州某某科技有限公司",
                new Recipient("wang.manager", "13800001111")));

        assertThat(robot.accepted()).singleElement().satisfies(message -> {
            assertThat(message.msgtype()).isEqualTo("markdown");
            assertThat(message.title()).isEqualTo("线索未分配提醒 Lead unassigned");
            assertThat(message.text())
                    .startsWith("### 线索 L-42 已超过 2 小时未分配\n客户：杭州某某科技有限公司")
                    .contains("@13800001111");
            assertThat(message.atMobiles()).containsExactly("13800001111");
            assertThat(message.isAtAll()).isFalse();
        });
    }

    @Test
    void sendsPlainTextMessageWhenNoTitleIsGiven() {
        channel(robot.url(), SECRET).deliver(request(null, "请尽快联系客户 张三",
                new Recipient("li.rep", "13900002222"), new Recipient("zhao.rep", "13900003333")));

        assertThat(robot.accepted()).singleElement().satisfies(message -> {
            assertThat(message.msgtype()).isEqualTo("text");
            assertThat(message.text()).isEqualTo("请尽快联系客户 张三\n\n@13900002222 @13900003333");
            assertThat(message.atMobiles()).containsExactly("13900002222", "13900003333");
        });
    }

    @Test
    void linksFollowTheTextAsMarkdownLinksBeforeTheMentionsOrAsPlainUrlsInAText() {
        Link task = new Link("打开任务 Open the task", "https://crm.example.cn/camunda/app/tasklist/default/#/?task=t-1");
        channel(robot.url(), SECRET).deliver(new NotificationRequest("key-1", Channel.DINGTALK,
                List.of(new Recipient("li.rep", "13900002222")), "提醒", "请处理", "pi-1", "L-42", List.of(task)));
        channel(robot.url(), SECRET).deliver(new NotificationRequest("key-2", Channel.DINGTALK,
                List.of(new Recipient("li.rep", "13900002222")), null, "请处理", "pi-1", "L-42", List.of(task)));

        assertThat(robot.accepted()).extracting(DingTalkRobotStandIn.Message::msgtype).containsExactly("markdown", "text");
        assertThat(robot.accepted().get(0).text()).isEqualTo("请处理\n\n[打开任务 Open the task]"
                + "(https://crm.example.cn/camunda/app/tasklist/default/#/?task=t-1)\n\n@13900002222");
        assertThat(robot.accepted().get(0).atMobiles()).containsExactly("13900002222");
        assertThat(robot.accepted().get(1).text()).isEqualTo("请处理\n\n打开任务 Open the task: "
                + "https://crm.example.cn/camunda/app/tasklist/default/#/?task=t-1\n\n@13900002222");
    }

    @Test
    void mentionsNobodyWhenRecipientsHaveNoMobile() {
        channel(robot.url(), SECRET).deliver(request("提醒", "无手机号 no mobile", new Recipient("wang", null)));

        assertThat(robot.accepted()).singleElement().satisfies(message -> {
            assertThat(message.text()).isEqualTo("无手机号 no mobile");
            assertThat(message.atMobiles()).isEmpty();
        });
    }

    @Test
    void doesNotRepeatAMentionTheTextAlreadyHas() {
        channel(robot.url(), SECRET).deliver(request("提醒", "@13800001111 请处理",
                new Recipient("wang", "13800001111")));

        assertThat(robot.accepted()).singleElement()
                .satisfies(message -> assertThat(message.text()).isEqualTo("@13800001111 请处理"));
    }

    @Test
    void rejectsRequestWithWrongSignature() {
        DingTalkRobotChannel wrongSecret = channel(robot.url(), "SECnot-the-robots-secret");

        assertThatThrownBy(() -> wrongSecret.deliver(request("t", "内容", new Recipient("u", null))))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("errcode 310000")
                .hasMessageContaining("sign not match");
        assertThat(robot.requests()).isEqualTo(1);
        assertThat(robot.accepted()).isEmpty();
    }

    @Test
    void rejectsRequestWhoseTimestampIsMoreThanAnHourOff() {
        Clock twoHoursSlow = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        DingTalkRobotChannel slowClock = new DingTalkRobotChannel(robot.url(), SECRET, new ObjectMapper(),
                Duration.ofSeconds(5), Duration.ofSeconds(10), twoHoursSlow);

        assertThatThrownBy(() -> slowClock.deliver(request("t", "内容", new Recipient("u", null))))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("errcode 310000");
    }

    @Test
    void failsWhenTheRobotAnswersHttp500() {
        robot.answerNextWith(500, "<html>Internal Server Error</html>");

        assertThatThrownBy(() -> channel(robot.url(), SECRET).deliver(request("t", "内容", new Recipient("u", null))))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("HTTP 500");
    }

    @Test
    void failsWhenTheRobotAnswersErrcode300001ForAnUnknownToken() {
        String unknownToken = robot.url().replace(TOKEN, "no-such-token");

        assertThatThrownBy(() -> channel(unknownToken, SECRET).deliver(request("t", "内容", new Recipient("u", null))))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("errcode 300001")
                .hasMessageNotContaining("no-such-token");
    }

    @Test
    void failsWhenTheRobotAnswersWithoutErrcode() {
        robot.answerNextWith(200, "{\"unexpected\":true}");

        assertThatThrownBy(() -> channel(robot.url(), SECRET).deliver(request("t", "内容", new Recipient("u", null))))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("without an errcode");
    }

    @Test
    void failsWhenTheRobotDoesNotAnswerWithinTheRequestTimeout() {
        robot.delayAnswers(Duration.ofSeconds(3));
        DingTalkRobotChannel impatient = new DingTalkRobotChannel(robot.url(), SECRET, new ObjectMapper(),
                Duration.ofSeconds(5), Duration.ofMillis(200), Clock.systemUTC());

        assertThatThrownBy(() -> impatient.deliver(request("t", "内容", new Recipient("u", null))))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("did not answer within 200 ms");
    }

    @Test
    void failsWhenTheRobotCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> channel("http://127.0.0.1:" + closedPort + "/robot/send?access_token=" + TOKEN, SECRET)
                .deliver(request("t", "内容", new Recipient("u", null))))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("could not reach DingTalk robot")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void sendsWithoutTimestampAndSignWhenNoSecretIsConfigured() {
        try (DingTalkRobotStandIn keywordRobot = DingTalkRobotStandIn.start(TOKEN, null)) {
            channel(keywordRobot.url(), "").deliver(request(null, "监控报警 alert", new Recipient("u", null)));

            assertThat(keywordRobot.accepted()).singleElement()
                    .satisfies(message -> assertThat(message.text()).isEqualTo("监控报警 alert"));
        }
        assertThat(DingTalkRobotChannel.signedUri(robot.url(), "", 1L).toString()).isEqualTo(robot.url());
    }

    @Test
    void appendsTimestampAndUrlEncodedSignToTheWebhookQuery() {
        long timestamp = 1_700_000_000_000L;
        String sign = DingTalkRobotChannel.sign(timestamp, "this is secret");

        String withToken = DingTalkRobotChannel.signedUri("https://oapi.dingtalk.com/robot/send?access_token=abc",
                "this is secret", timestamp).toString();
        String withoutQuery = DingTalkRobotChannel.signedUri("https://robot.example/send", "this is secret", timestamp)
                .toString();

        assertThat(withToken).startsWith("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000000&sign=");
        assertThat(withoutQuery).startsWith("https://robot.example/send?timestamp=1700000000000&sign=");
        String encodedSign = withToken.substring(withToken.indexOf("&sign=") + 6);
        assertThat(encodedSign).doesNotContain("+", "/", "=");
        assertThat(URLDecoder.decode(encodedSign, StandardCharsets.UTF_8)).isEqualTo(sign);
    }

    @Test
    void isNotConfiguredWithoutWebhookUrl() {
        assertThat(channel("", SECRET).configured()).isFalse();
        assertThat(channel(null, null).configured()).isFalse();
        assertThat(channel(robot.url(), "").configured()).isTrue();
    }

    private static DingTalkRobotChannel channel(String webhookUrl, String secret) {
        return new DingTalkRobotChannel(webhookUrl, secret, new ObjectMapper());
    }

    private static NotificationRequest request(String title, String text, Recipient... recipients) {
        return new NotificationRequest("key-1", Channel.DINGTALK, List.of(recipients), title, text, "pi-1", "L-42");
    }
}
