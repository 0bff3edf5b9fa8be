package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.leadtocash.standin.DingTalkRobotStandIn;
import org.leadtocash.standin.VoiceGatewayStandIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The service on a real H2 database migrated by Flyway, sending through a real local DingTalk robot and voice gateway.
 * {@link NotificationServicePostgresTests} runs the same tests on PostgreSQL.
 */
class NotificationServiceTests {
    private static final String TOKEN = "robot-token";
    private static final String SECRET = "SECservice-tests";

    private final DataSource dataSource = newDatabase();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
    private final DingTalkRobotStandIn robot = DingTalkRobotStandIn.start(TOKEN, SECRET);
    private final VoiceGatewayStandIn voiceGateway = VoiceGatewayStandIn.start("voice-key");
    private final NotificationService service;

    NotificationServiceTests() {
        service = service(robot.url(), Duration.ofSeconds(10));
    }

    /** A new, empty database with the app's migrations up to V2 (this file's) applied. */
    protected DataSource newDatabase() {
        DataSource h2 = new DriverManagerDataSource(
                "jdbc:h2:mem:notify-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE", "sa", "");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").target("2").load().migrate();
        return h2;
    }

    protected void dropDatabase(JdbcTemplate database) {
        database.execute("SHUTDOWN");
    }

    @AfterEach
    void tearDown() {
        robot.close();
        voiceGateway.close();
        dropDatabase(jdbc);
    }

    @Test
    void sendsOncePerIdempotencyKey() {
        Delivery first = service.send(request("lead-42:unassigned-2h"));
        Delivery second = service.send(request("lead-42:unassigned-2h"));

        assertThat(second).isEqualTo(first);
        assertThat(first.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(first.error()).isNull();
        assertThat(first.recipients()).isEqualTo("wang.manager(138****1111), li.director");
        assertThat(robot.requests()).isEqualTo(1);
        assertThat(robot.accepted()).singleElement()
                .satisfies(m -> assertThat(m.text()).startsWith("线索 L-42 已超过 2 小时未分配"));
        assertThat(service.list(all())).containsExactly(first);
        assertThat(claims()).isZero();
    }

    @Test
    void recordsFailedAttemptAndThrowsThenRecordsSentWhenARetrySucceeds() {
        robot.answerNextWith(500, "Internal Server Error");

        assertThatThrownBy(() -> service.send(request("lead-42:unassigned-2h")))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e).hasMessageContaining("HTTP 500");
                    assertThat(e.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
                });
        Delivery failed = service.list(all()).get(0);
        assertThat(failed.status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(failed.error()).contains("HTTP 500");
        assertThat(claims()).isZero();

        Delivery retried = service.send(request("lead-42:unassigned-2h"));
        Delivery again = service.send(request("lead-42:unassigned-2h"));

        assertThat(retried.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(again).isEqualTo(retried);
        assertThat(service.list(all())).extracting(Delivery::status)
                .containsExactly(DeliveryStatus.SENT, DeliveryStatus.FAILED);
        assertThat(robot.requests()).isEqualTo(2);
    }

    @Test
    void recordsTheRobotsErrcodeWhenItRefusesTheMessage() {
        NotificationService wrongSecret = new NotificationService(jdbc, transactionManager,
                List.of(new DingTalkRobotChannel(robot.url(), "SECwrong", new ObjectMapper())),
                Duration.ofMinutes(5), Duration.ofSeconds(10), Clock.systemUTC());

        assertThatThrownBy(() -> wrongSecret.send(request("k"))).isInstanceOf(NotificationFailedException.class)
                .hasMessageContaining("errcode 310000");
        assertThat(service.list(all())).singleElement()
                .satisfies(d -> assertThat(d.error()).contains("errcode 310000", "sign not match"));
    }

    @Test
    void recordsUnconfiguredChannelAsNotSentWithoutSending() {
        NotificationService unconfigured = service("", Duration.ofSeconds(10));

        Delivery delivery = unconfigured.send(request("lead-42:unassigned-2h"));

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.NOT_SENT_UNCONFIGURED);
        assertThat(delivery.error()).isEqualTo("未配置，未发送 not configured: not sent");
        assertThat(unconfigured.send(request("lead-42:unassigned-2h"))).isEqualTo(delivery);
        assertThat(unconfigured.list(all())).containsExactly(delivery);
        assertThat(robot.requests()).isZero();
    }

    @Test
    void recordsSmsAsNotSentBecauseThereIsNoSmsChannel() {
        Delivery delivery = service.send(new NotificationRequest("invoice-7:signed", Channel.SMS,
                List.of(new Recipient("customer-contact", "13700004444")), null, "请确认付款流程已发起", "pi-7", "INV-7"));

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.NOT_SENT_UNCONFIGURED);
        assertThat(delivery.channel()).isEqualTo(Channel.SMS);
        assertThat(robot.requests()).isZero();
    }

    @Test
    void keepsTheFailedAttemptWhenTheCallersTransactionRollsBack() {
        jdbc.execute("CREATE TABLE caller_work (id INT PRIMARY KEY)");
        robot.answerNextWith(500, "Internal Server Error");

        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            jdbc.update("INSERT INTO caller_work (id) VALUES (1)");
            service.send(request("lead-42:unassigned-2h"));
        })).isInstanceOf(NotificationFailedException.class);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM caller_work", Integer.class)).isZero();
        assertThat(service.list(all())).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED));
    }

    @Test
    void keepsTheSentDeliveryWhenTheCallersTransactionRollsBackSoTheRetrySendsNothing() {
        assertThatThrownBy(() -> new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            service.send(request("lead-42:unassigned-2h"));
            throw new IllegalStateException("the job fails after the notification was sent");
        })).isInstanceOf(IllegalStateException.class);

        Delivery retry = service.send(request("lead-42:unassigned-2h"));

        assertThat(retry.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(robot.requests()).isEqualTo(1);
    }

    @Test
    void sendsOnlyOnceWhenTwoThreadsSendTheSameKeyAtTheSameTime() throws Exception {
        robot.delayAnswers(Duration.ofMillis(500));
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Delivery>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                results.add(nodes.submit(() -> {
                    start.await();
                    return service.send(request("lead-42:unassigned-2h"));
                }));
            }

            Delivery a = results.get(0).get(30, TimeUnit.SECONDS);
            Delivery b = results.get(1).get(30, TimeUnit.SECONDS);

            assertThat(a).isEqualTo(b);
            assertThat(robot.requests()).isEqualTo(1);
            assertThat(service.list(all())).containsExactly(a);
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void takesOverAClaimWhoseNodeDiedMidSend() {
        jdbc.update("INSERT INTO notification_claim (idempotency_key, claim_token, claimed_at) VALUES (?, ?, ?)",
                "lead-42:unassigned-2h", "dead-node", Instant.now().minus(Duration.ofMinutes(6)).atOffset(ZoneOffset.UTC));

        Delivery delivery = service.send(request("lead-42:unassigned-2h"));

        assertThat(delivery.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(robot.requests()).isEqualTo(1);
        assertThat(claims()).isZero();
    }

    @Test
    void sendsNothingWhileAnotherNodeHoldsAFreshClaim() {
        jdbc.update("INSERT INTO notification_claim (idempotency_key, claim_token, claimed_at) VALUES (?, ?, ?)",
                "lead-42:unassigned-2h", "busy-node", Instant.now().atOffset(ZoneOffset.UTC));
        NotificationService impatient = service(robot.url(), Duration.ofMillis(300));

        assertThatThrownBy(() -> impatient.send(request("lead-42:unassigned-2h")))
                .isInstanceOfSatisfying(NotificationFailedException.class, e -> {
                    assertThat(e).hasMessageContaining("is being sent by another node");
                    assertThat(e.delivery()).isNull();
                });
        assertThat(robot.requests()).isZero();
        assertThat(service.list(all())).isEmpty();
    }

    @Test
    void recordsAVoiceCallToARecipientWithoutMobileAsFailed() {
        NotificationService withVoice = new NotificationService(jdbc, transactionManager,
                List.of(new VoiceCallChannel(new HttpVoiceCallGateway(voiceGateway.url(), "voice-key",
                        new ObjectMapper()), "LEAD_FIRST_CONTACT_REMINDER")),
                Duration.ofMinutes(5), Duration.ofSeconds(10), Clock.systemUTC());
        NotificationRequest noMobile = new NotificationRequest("lead-42:first-contact-4h", Channel.VOICE_CALL,
                List.of(new Recipient("li.rep", null)), "首次联系提醒", "请联系客户", "pi-42", "L-42");

        assertThatThrownBy(() -> withVoice.send(noMobile)).isInstanceOf(NotificationFailedException.class)
                .hasMessageContaining("recipient li.rep has no mobile number");
        assertThat(withVoice.list(all())).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(d.channel()).isEqualTo(Channel.VOICE_CALL);
            assertThat(d.error()).isEqualTo("recipient li.rep has no mobile number");
        });
        assertThat(voiceGateway.requests()).isZero();
    }

    @Test
    void listsDeliveriesNewestFirstFilteredByProcessInstanceBusinessKeyChannelAndStatus() {
        Delivery lead1 = service.send(request("a", "pi-1", "L-1"));
        Delivery lead2 = service.send(request("b", "pi-2", "L-2"));
        Delivery sms = service.send(new NotificationRequest("c", Channel.SMS, List.of(new Recipient("x", null)),
                null, "短信", "pi-2", "L-2"));

        assertThat(service.list(all())).containsExactly(sms, lead2, lead1);
        assertThat(service.list(DeliveryQuery.forProcessInstance("pi-2"))).containsExactly(sms, lead2);
        assertThat(service.list(DeliveryQuery.forBusinessKey("L-1"))).containsExactly(lead1);
        assertThat(service.list(new DeliveryQuery(null, "L-2", Channel.DINGTALK, null, 100))).containsExactly(lead2);
        assertThat(service.list(new DeliveryQuery(null, null, null, DeliveryStatus.NOT_SENT_UNCONFIGURED, 100)))
                .containsExactly(sms);
        assertThat(service.list(new DeliveryQuery(null, null, null, null, 2))).containsExactly(sms, lead2);
        assertThatThrownBy(() -> service.list(new DeliveryQuery(null, null, null, null, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidRequests")
    void rejectsRequestWithAMissingOrInvalidField(NotificationRequest request, String field) {
        assertThatThrownBy(() -> service.send(request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field);
        assertThat(robot.requests()).isZero();
        assertThat(service.list(all())).isEmpty();
    }

    static Stream<Arguments> invalidRequests() {
        List<Recipient> one = List.of(new Recipient("u", "13800001111"));
        return Stream.of(
                Arguments.of(new NotificationRequest(null, Channel.DINGTALK, one, "t", "x", null, null), "idempotencyKey"),
                Arguments.of(new NotificationRequest("  ", Channel.DINGTALK, one, "t", "x", null, null), "idempotencyKey"),
                Arguments.of(new NotificationRequest("k".repeat(201), Channel.DINGTALK, one, "t", "x", null, null),
                        "idempotencyKey must be at most 200"),
                Arguments.of(new NotificationRequest("k", null, one, "t", "x", null, null), "channel"),
                Arguments.of(new NotificationRequest("k", Channel.DINGTALK, List.of(), "t", "x", null, null), "recipients"),
                Arguments.of(new NotificationRequest("k", Channel.DINGTALK, null, "t", "x", null, null), "recipients"),
                Arguments.of(new NotificationRequest("k", Channel.DINGTALK, one, "t", " ", null, null), "text"),
                Arguments.of(new NotificationRequest("k", Channel.DINGTALK, one, "t", null, null, null), "text"),
                Arguments.of(new NotificationRequest("k", Channel.DINGTALK, one, "t", "x", "p".repeat(65), null),
                        "processInstanceId"));
    }

    private NotificationService service(String webhookUrl, Duration claimWait) {
        return new NotificationService(jdbc, transactionManager,
                List.of(new DingTalkRobotChannel(webhookUrl, SECRET, new ObjectMapper())),
                Duration.ofMinutes(5), claimWait, Clock.systemUTC());
    }

    private int claims() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM notification_claim", Integer.class);
    }

    private static DeliveryQuery all() {
        return new DeliveryQuery(null, null, null, null, 100);
    }

    private static NotificationRequest request(String key) {
        return request(key, "pi-42", "L-42");
    }

    private static NotificationRequest request(String key, String processInstanceId, String businessKey) {
        return new NotificationRequest(key, Channel.DINGTALK,
                List.of(new Recipient("wang.manager", "13800001111"), new Recipient("li.director", null)),
                "线索未分配 Lead unassigned", "线索 L-42 已超过 2 小时未分配", processInstanceId, businessKey);
    }
}
