package org.leadtocash.erp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.standin.U8StandIn;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The U8 stand-in itself, through {@link U8Client}: the rules the hand-off tests rely on. */
class U8StandInTests {
    private final TestClock clock = new TestClock(Instant.parse("2025-06-02T02:00:00Z"));
    private final U8StandIn u8 = new U8StandIn(clock);
    private final U8Client client = new U8Client(u8.properties(), new ObjectMapper(), clock);
    private final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void close() {
        u8.close();
    }

    @Test
    void refusesATradeIdItDidNotIssue() {
        U8Client.Answer answer = client.addSaleInvoice("made-up", "IR-1", body("IR-1"));

        assertThat(answer.errcode()).isEqualTo("20003");
        assertThat(u8.acceptedAdds("IR-1")).isZero();
    }

    @Test
    void refusesATradeIdThatAlreadyCarriedADifferentRequest() {
        String tradeId = client.newTradeId();
        assertThat(client.addSaleInvoice(tradeId, "IR-1", body("IR-1")).ok()).isTrue();

        U8Client.Answer other = client.addSaleInvoice(tradeId, "IR-2", body("IR-2"));

        assertThat(other.errcode()).isEqualTo("20006");
        assertThat(u8.acceptedAdds("IR-2")).isZero();
    }

    @Test
    void answersARepeatedRequestWithTheFirstAnswerAndCreatesNothing() {
        String tradeId = client.newTradeId();
        U8Client.Answer first = client.addSaleInvoice(tradeId, "IR-1", body("IR-1"));

        U8Client.Answer repeat = client.addSaleInvoice(tradeId, "IR-1", body("IR-1"));
        U8Client.Answer sameBizIdNewTradeId = client.addSaleInvoice(client.newTradeId(), "IR-1", body("IR-1"));

        assertThat(repeat.id()).isEqualTo(first.id());
        assertThat(sameBizIdNewTradeId.id()).isEqualTo(first.id());
        assertThat(u8.acceptedAdds("IR-1")).isEqualTo(1);
        assertThat(u8.addCalls("IR-1")).isEqualTo(3);
    }

    @Test
    void refusesATokenPastItsExpiryAndTheClientFetchesANewOne() {
        TestClock clientClock = new TestClock(clock.instant());
        U8Client skewed = new U8Client(u8.properties(), new ObjectMapper(), clientClock);
        u8.tokenLifetime(Duration.ofSeconds(60));
        skewed.newTradeId();
        clock.advance(Duration.ofSeconds(61)); // U8's clock runs ahead of ours: it sees the token expired

        String tradeId = skewed.newTradeId();

        assertThat(tradeId).isNotBlank();
        assertThat(u8.tokenRequests()).isEqualTo(2);
    }

    private String body(String bizId) {
        return SaleInvoicePayload.json(U8HandOffTests.order(bizId), u8.properties(), mapper);
    }
}
