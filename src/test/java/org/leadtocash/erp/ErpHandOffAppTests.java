package org.leadtocash.erp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hand-off as the application wires it: no {@code leadtocash.erp.u8.base-url} in the test (and demo) settings, so
 * invoices are exported, and {@code GET /api/erp/handoffs} behind the app's HTTP Basic security with the demo users.
 */
@AppTest
class ErpHandOffAppTests {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired U8HandOff handOff;
    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void reset() {
        data.reset();
        jdbc.sql("DELETE FROM erp_handoff").update();
    }

    @Test
    void exportsInsteadOfSendingWhenNoU8IsConfigured() {
        assertThat(handOff.configured()).isFalse();

        HandOffResult result = handOff.handOff(U8HandOffTests.order("IR-APP-1"));

        assertThat(result.outcome()).isEqualTo(HandOffOutcome.EXPORTED_NOT_SENT);
        assertThat(handOff.handOff(U8HandOffTests.order("IR-APP-1"))).isEqualTo(result);
    }

    @Test
    void financeReadsTheExportedPayloadOverTheApi() throws Exception {
        handOff.handOff(U8HandOffTests.order("IR-APP-2"));

        ResponseEntity<String> answer = rest.withBasicAuth("wufang", "wufang")
                .getForEntity("/api/erp/handoffs?bizId=IR-APP-2", String.class);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode entry = JSON.readTree(answer.getBody()).get(0);
        assertThat(entry.get("outcome").asText()).isEqualTo("EXPORTED_NOT_SENT");
        assertThat(entry.get("payload").get("saleinvoice").get("entry").get(0).get("inventorycode").asText())
                .isEqualTo("JM-200");
    }

    @Test
    void refusesRepsAndAnonymousCallers() {
        assertThat(rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/api/erp/handoffs", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.getForEntity("/api/erp/handoffs", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("limin", "limin").getForEntity("/api/erp/handoffs", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
