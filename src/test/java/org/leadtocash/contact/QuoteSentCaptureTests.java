package org.leadtocash.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.contact.CallRecordFixtures.at;
import static org.leadtocash.contact.CallRecordFixtures.json;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.quote.QuoteTestSupport;
import org.leadtocash.support.AppTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * the quote PDF served to the quote's rep is recorded as sent — time, recipient (the customer company) and
 * document — and counts as a captured contact record; a manager reading the same PDF sends nothing.
 */
@AppTest
class QuoteSentCaptureTests {
    private static final LocalDate D = LocalDate.of(2027, 9, 6);

    @Autowired TestRestTemplate rest;
    @Autowired QuoteTestSupport quotes;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;
    CallRecordFixtures fx;

    @BeforeEach
    void reset() {
        quotes.reset();
        fx = new CallRecordFixtures(rest, managementService, taskService, jdbc);
        fx.reset();
        at(D, 10, 0);
    }

    @AfterEach
    void resetClock() {
        quotes.reset();
        ClockUtil.reset();
    }

    @Test
    void quotePdfServedToItsRepIsRecordedAsSentToTheCustomer() throws Exception {
        String quoteId = quotes.quote("zhangwei").quoteId();
        String customer = jdbc.sql("SELECT customer_name FROM quote WHERE id = ?").param(quoteId).query(String.class).single();
        at(D, 10, 30);

        assertThat(rest.withBasicAuth("limin", "limin").getForEntity("/api/quotes/" + quoteId + "/pdf", byte[].class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(fx.count("contact_record")).as("a manager's download is no sending").isZero();
        assertThat(rest.withBasicAuth("zhangwei", "zhangwei").getForEntity("/api/quotes/" + quoteId + "/pdf", byte[].class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        Map<String, Object> row = jdbc.sql("SELECT kind, captured, rep_id, recipient, document FROM contact_record")
                .query().singleRow();
        assertThat(row).containsEntry("KIND", "DOCUMENT_SENT").containsEntry("CAPTURED", true).containsEntry("REP_ID", "zhangwei")
                .containsEntry("RECIPIENT", customer).containsEntry("DOCUMENT", "QUOTE_PDF " + quoteId + " r1");
        assertThat(jdbc.sql("SELECT occurred_at FROM contact_record").query((rs, i) -> rs.getTimestamp(1).toInstant()).single())
                .isEqualTo(D.atTime(10, 30).atZone(CallRecordFixtures.SHANGHAI).toInstant());

        JsonNode capture = json(fx.get("zhangwei", "/api/kpi/contact-capture?from=" + D + "&to=" + D)).path("overall");
        assertThat(capture.path("records").asInt()).isEqualTo(1);
        assertThat(capture.path("capturedShare").decimalValue()).isEqualByComparingTo(BigDecimal.ONE);
    }
}
