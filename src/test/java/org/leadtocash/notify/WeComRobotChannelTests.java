package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.WeComRobotStandIn;

import com.fasterxml.jackson.databind.ObjectMapper;

class WeComRobotChannelTests {
    private final WeComRobotStandIn robot = WeComRobotStandIn.start("wecom-key-1");

    @AfterEach
    void stop() {
        robot.close();
    }

    @Test
    void sendsMarkdownThenMentionsTheRecipientsByMobile() {
        channel(robot.url()).deliver(request(List.of(new Recipient("zhangsan", "13900000001"),
                new Recipient("lisi", null), new Recipient("wangwu", " 13900000003 "))));

        assertThat(robot.accepted()).hasSize(2);
        WeComRobotStandIn.Message markdown = robot.accepted().get(0);
        assertThat(markdown.msgtype()).isEqualTo("markdown");
        assertThat(markdown.content()).isEqualTo("### 线索超时未分配 Lead unassigned\n\n- 线索 Lead: L-1");
        WeComRobotStandIn.Message mention = robot.accepted().get(1);
        assertThat(mention.msgtype()).isEqualTo("text");
        assertThat(mention.content()).contains("线索超时未分配 Lead unassigned");
        assertThat(mention.mentionedMobiles()).containsExactly("13900000001", "13900000003");
    }

    @Test
    void sendsOnlyTheMarkdownWhenNobodyHasAMobile() {
        channel(robot.url()).deliver(request(List.of(new Recipient("lisi", null))));

        assertThat(robot.accepted()).singleElement().extracting(WeComRobotStandIn.Message::msgtype)
                .isEqualTo("markdown");
    }

    @Test
    void cutsMarkdownToWeComsLimitInBytes() {
        String longText = "回款".repeat(1000);
        channel(robot.url()).deliver(new NotificationRequest("k", Channel.WECOM, List.of(new Recipient("a", null)),
                "T", longText, null, null));

        String content = robot.accepted().get(0).content();
        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(content).endsWith("…");
    }

    @Test
    void linksFollowTheTextAsMarkdownLinksAndAreNeverCut() {
        Link task = new Link("打开任务 Open the task", "https://crm.example.cn/camunda/app/tasklist/default/#/?task=t-1");
        channel(robot.url()).deliver(new NotificationRequest("k", Channel.WECOM, List.of(new Recipient("a", null)),
                "T", "回款".repeat(1000), null, null, List.of(task)));

        String content = robot.accepted().get(0).content();
        assertThat(content.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4096);
        assertThat(content).startsWith("### T\n\n回款").endsWith("…\n\n[打开任务 Open the task]"
                + "(https://crm.example.cn/camunda/app/tasklist/default/#/?task=t-1)");
    }

    @Test
    void aWrongKeyIsAFailureWithWeComsErrcode() {
        String wrongKey = robot.url().replace("wecom-key-1", "other");

        assertThatThrownBy(() -> channel(wrongKey).deliver(request(List.of(new Recipient("a", "13900000001")))))
                .isInstanceOf(ChannelDeliveryException.class)
                .hasMessageContaining("WeCom robot refused the markdown message: errcode 93000")
                .hasMessageNotContaining("other");
        assertThat(robot.accepted()).isEmpty();
    }

    @Test
    void isNotConfiguredWithoutAWebhook() {
        assertThat(channel("").configured()).isFalse();
        assertThat(channel(robot.url()).channel()).isEqualTo(Channel.WECOM);
    }

    private static NotificationRequest request(List<Recipient> recipients) {
        return new NotificationRequest("lead-1/unassigned", Channel.WECOM, recipients, "线索超时未分配 Lead unassigned",
                "- 线索 Lead: L-1", "pi-1", "L-1");
    }

    private static WeComRobotChannel channel(String url) {
        return new WeComRobotChannel(url, new ObjectMapper(), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }
}
