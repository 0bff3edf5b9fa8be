package org.leadtocash.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.SmsGatewayStandIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

/** SMS through {@link NotificationService}: the delivery log, exactly once per key, failures recorded and thrown. */
class SmsDeliveryLogTests {
    private final DataSource dataSource = new DriverManagerDataSource(
            "jdbc:h2:mem:sms-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE", "sa", "");
    private final SmsGatewayStandIn gateway = SmsGatewayStandIn.start("sms-key");
    private final NotificationService service;

    SmsDeliveryLogTests() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("2").load().migrate();
        service = new NotificationService(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource),
                List.of(new SmsChannel(new HttpSmsGateway(gateway.url(), "sms-key", "【测试】", new ObjectMapper()), "")),
                Duration.ofMinutes(5), Duration.ofSeconds(5), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        gateway.close();
        new JdbcTemplate(dataSource).execute("SHUTDOWN");
    }

    @Test
    void sendsOncePerIdempotencyKeyAndLogsTheMaskedRecipient() {
        NotificationRequest request = request("payment-journey:IR-1:payment-started-sms", "13912345678");

        Delivery first = service.send(request);
        Delivery again = service.send(request);

        assertThat(again).isEqualTo(first);
        assertThat(first.status()).isEqualTo(DeliveryStatus.SENT);
        assertThat(first.channel()).isEqualTo(Channel.SMS);
        assertThat(first.recipients()).isEqualTo("王采购(139****5678)");
        assertThat(first.text()).isEqualTo("请确认付款流程已启动，预计6月30日前完成");
        assertThat(gateway.messages()).singleElement()
                .satisfies(m -> assertThat(m.params()).isEqualTo(Map.of("expectedDate", "6月30日")));
    }

    @Test
    void aRefusedMessageIsLoggedAsFailedAndThrownSoTheJobRetries() {
        assertThatThrownBy(() -> service.send(request("k-bad", "12345")))
                .isInstanceOf(NotificationFailedException.class)
                .hasMessageContaining("isv.MOBILE_NUMBER_ILLEGAL");
        assertThat(service.list(DeliveryQuery.forBusinessKey("IR-1"))).singleElement()
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.FAILED));
    }

    @Test
    void withoutAGatewayUrlNothingIsSentAndTheLogSaysNotConfigured() {
        NotificationService unconfigured = new NotificationService(new JdbcTemplate(dataSource),
                new DataSourceTransactionManager(dataSource),
                List.of(new SmsChannel(new HttpSmsGateway("", "", "", new ObjectMapper()), "")),
                Duration.ofMinutes(5), Duration.ofSeconds(5), Clock.systemUTC());

        Delivery d = unconfigured.send(request("k-unconfigured", "13912345678"));

        assertThat(d.status()).isEqualTo(DeliveryStatus.NOT_SENT_UNCONFIGURED);
        assertThat(gateway.requests()).isZero();
    }

    private static NotificationRequest request(String key, String mobile) {
        return new NotificationRequest(key, Channel.SMS, List.of(new Recipient("王采购", mobile)),
                SmsTemplate.title("PAYMENT_PROCESS_STARTED", Map.of("expectedDate", "6月30日")),
                "请确认付款流程已启动，预计6月30日前完成", "pi-1", "IR-1");
    }
}
