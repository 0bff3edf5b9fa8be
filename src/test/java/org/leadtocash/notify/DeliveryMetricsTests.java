package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.DingTalkRobotStandIn;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.MetricsScraper;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code leadtocash_notification_deliveries} on {@code /actuator/prometheus}, scraped over HTTP: deliveries sent and
 * failed through a DingTalk robot stand-in (a second node's notification service on the app's database, as in a
 * cluster) and one not sent by the app's own service (no voice gateway in the tests), counted per channel and status.
 */
@AppTest
class DeliveryMetricsTests {
    private static final String SECRET = "SECdelivery-metrics";

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired IdentityService identityService;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired NotificationService appNotifications;

    private final DingTalkRobotStandIn robot = DingTalkRobotStandIn.start("delivery-metrics", SECRET);
    private MetricsScraper scraper;

    @BeforeEach
    void reset() {
        data.reset();
        scraper = MetricsScraper.create(rest, identityService);
    }

    @AfterEach
    void cleanUp() {
        robot.close();
        scraper.remove();
        data.reset();
    }

    @Test
    void countsSentFailedAndUnconfiguredDeliveriesPerChannelFromTheDeliveryLog() {
        NotificationService otherNode = new NotificationService(jdbc, transactionManager,
                List.of(new DingTalkRobotChannel(robot.url(), SECRET, new ObjectMapper())), Duration.ofMinutes(5),
                Duration.ofSeconds(5), Clock.systemUTC());
        otherNode.send(request("metrics:escalation-1", Channel.DINGTALK));
        otherNode.send(request("metrics:escalation-2", Channel.DINGTALK));
        robot.answer503(true);
        // two failed attempts of one key: each attempt is a row, and counts
        assertThatThrownBy(() -> otherNode.send(request("metrics:escalation-3", Channel.DINGTALK)))
                .isInstanceOf(NotificationFailedException.class);
        assertThatThrownBy(() -> otherNode.send(request("metrics:escalation-3", Channel.DINGTALK)))
                .isInstanceOf(NotificationFailedException.class);
        appNotifications.send(request("metrics:reminder-1", Channel.VOICE_CALL));

        assertThat(scraper.samples("leadtocash_notification_deliveries")).containsExactly(
                "leadtocash_notification_deliveries{channel=\"DINGTALK\",status=\"FAILED\"} 2.0",
                "leadtocash_notification_deliveries{channel=\"DINGTALK\",status=\"NOT_SENT_UNCONFIGURED\"} 0.0",
                "leadtocash_notification_deliveries{channel=\"DINGTALK\",status=\"SENT\"} 2.0",
                "leadtocash_notification_deliveries{channel=\"SMS\",status=\"FAILED\"} 0.0",
                "leadtocash_notification_deliveries{channel=\"SMS\",status=\"NOT_SENT_UNCONFIGURED\"} 0.0",
                "leadtocash_notification_deliveries{channel=\"SMS\",status=\"SENT\"} 0.0",
                "leadtocash_notification_deliveries{channel=\"VOICE_CALL\",status=\"FAILED\"} 0.0",
                "leadtocash_notification_deliveries{channel=\"VOICE_CALL\",status=\"NOT_SENT_UNCONFIGURED\"} 1.0",
                "leadtocash_notification_deliveries{channel=\"VOICE_CALL\",status=\"SENT\"} 0.0",
                "leadtocash_notification_deliveries{channel=\"WECOM\",status=\"FAILED\"} 0.0",
                "leadtocash_notification_deliveries{channel=\"WECOM\",status=\"NOT_SENT_UNCONFIGURED\"} 0.0",
                "leadtocash_notification_deliveries{channel=\"WECOM\",status=\"SENT\"} 0.0");
        assertThat(appNotifications.list(new DeliveryQuery(null, null, null, DeliveryStatus.FAILED, 100)))
                .as("the same truth as the delivery log's API").hasSize(2);
    }

    @Test
    void leavesTheFigureOutWhenTheDeliveryLogCannotBeRead() {
        JdbcTemplate noTables = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:delivery-metrics-empty", "sa", ""));

        assertThat(new DeliveryMetrics(noTables).collect().size()).isZero();
    }

    private static NotificationRequest request(String key, Channel channel) {
        return new NotificationRequest(key, channel, List.of(new Recipient("wanglei", "13800000009")), "线索未分配",
                "线索 L-1 两小时未分配", null, "L-1");
    }
}
