package org.leadtocash.erp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.U8StandIn;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.MetricsScraper;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code leadtocash_u8_handoff_attempts} on {@code /actuator/prometheus}, scraped over HTTP: hand-offs accepted and
 * rejected by the U8 stand-in and one held in flight (a second node's hand-off on the app's database, as in a cluster),
 * and one exported by the app's own hand-off (no U8 in the tests), counted per outcome — and the in-flight one counted
 * as accepted once U8 answers.
 */
@AppTest
class HandOffMetricsTests {
    private static final String NODE = "metrics-node";

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired IdentityService identityService;
    @Autowired JdbcTemplate jdbc;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired U8HandOff appHandOff;

    private final U8StandIn u8 = new U8StandIn();
    private MetricsScraper scraper;

    @BeforeEach
    void reset() {
        data.reset();
        scraper = MetricsScraper.create(rest, identityService);
    }

    @AfterEach
    void cleanUp() {
        u8.close();
        scraper.remove();
        data.reset();
    }

    @Test
    void countsAcceptedRejectedInFlightAndExportedHandOffsFromTheHandOffLog() throws Exception {
        U8HandOff otherNode = new U8HandOff(jdbc, transactionManager,
                U8Properties.of(u8.url(NODE), U8StandIn.FROM, U8StandIn.TO, U8StandIn.APP_KEY, U8StandIn.APP_SECRET),
                Clock.systemUTC(), Clock.systemUTC());
        assertThat(otherNode.handOff(U8HandOffTests.order("IR-M-1")).outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        u8.rejectNext(U8StandIn.UNKNOWN_CUSTOMER, "客户编码不存在");
        assertThatThrownBy(() -> otherNode.handOff(U8HandOffTests.order("IR-M-2"))).isInstanceOf(U8RejectedException.class);
        assertThat(appHandOff.handOff(U8HandOffTests.order("IR-M-3")).outcome()).isEqualTo(HandOffOutcome.EXPORTED_NOT_SENT);
        // U8 holds its answer to the next add: the attempt stays IN_FLIGHT while the scrape runs
        u8.holdAnswers(NODE, 1, Duration.ofSeconds(20));
        CompletableFuture<HandOffResult> held = CompletableFuture.supplyAsync(
                () -> otherNode.handOff(U8HandOffTests.order("IR-M-4")));
        awaitHeldAdd();

        assertThat(scraper.samples("leadtocash_u8_handoff_attempts")).containsExactly(
                "leadtocash_u8_handoff_attempts{outcome=\"ACCEPTED\"} 1.0",
                "leadtocash_u8_handoff_attempts{outcome=\"EXPORTED_NOT_SENT\"} 1.0",
                "leadtocash_u8_handoff_attempts{outcome=\"FAILED\"} 0.0",
                "leadtocash_u8_handoff_attempts{outcome=\"IN_FLIGHT\"} 1.0",
                "leadtocash_u8_handoff_attempts{outcome=\"REJECTED\"} 1.0");

        u8.releaseHeld();
        assertThat(held.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(HandOffOutcome.ACCEPTED);
        assertThat(scraper.samples("leadtocash_u8_handoff_attempts")).containsExactly(
                "leadtocash_u8_handoff_attempts{outcome=\"ACCEPTED\"} 2.0",
                "leadtocash_u8_handoff_attempts{outcome=\"EXPORTED_NOT_SENT\"} 1.0",
                "leadtocash_u8_handoff_attempts{outcome=\"FAILED\"} 0.0",
                "leadtocash_u8_handoff_attempts{outcome=\"IN_FLIGHT\"} 0.0",
                "leadtocash_u8_handoff_attempts{outcome=\"REJECTED\"} 1.0");
    }

    @Test
    void leavesTheFigureOutWhenTheHandOffLogCannotBeRead() {
        JdbcTemplate noTables = new JdbcTemplate(new DriverManagerDataSource("jdbc:h2:mem:handoff-metrics-empty", "sa", ""));

        assertThat(new HandOffMetrics(noTables).collect().size()).isZero();
    }

    private void awaitHeldAdd() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (u8.inFlightAdds(NODE).isEmpty()) {
            assertThat(System.nanoTime()).as("U8 received the held add").isLessThan(end);
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }
}
