package org.leadtocash.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.leadtocash.contact.CallRecordFixtures.JSON;
import static org.leadtocash.contact.CallRecordFixtures.KEY;
import static org.leadtocash.contact.CallRecordFixtures.ZHANGWEI_MOBILE;
import static org.leadtocash.contact.CallRecordFixtures.at;
import static org.leadtocash.contact.CallRecordFixtures.call;
import static org.leadtocash.contact.CallRecordFixtures.json;
import static org.leadtocash.contact.CallRecordFixtures.signature;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
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

/**
 * {@code POST /api/telephony/call-records}: every refusal (unsigned, wrong or stale signature, malformed, replayed)
 * answers its 4xx naming the header or field and the rule, and stores nothing; a resend of the same record is
 * answered 200 without a second row; a number that matches no lead is stored as unmatched.
 */
@AppTest
class CallRecordWebhookTests {
    private static final LocalDate D = LocalDate.of(2027, 9, 6);

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;
    CallRecordFixtures fx;

    @BeforeEach
    void reset() {
        data.reset();
        fx = new CallRecordFixtures(rest, managementService, taskService, jdbc);
        fx.reset();
        at(D, 10, 0);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private static String body(String id) throws Exception {
        return JSON.writeValueAsString(call(id, ZHANGWEI_MOBILE, "13700000000", "2027-09-06T09:30:00+08:00", 120, "OUTBOUND"));
    }

    @Test
    void unsignedRecordIsRefusedWith401AndNothingIsStored() throws Exception {
        ResponseEntity<String> response = fx.post(body("CR-U1"), null, null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("HMAC-SHA256 ");
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple(CallRecordSignature.TIMESTAMP_HEADER, "required"));
        assertNothingStored();
    }

    @Test
    void recordWithoutSignatureHeaderIsRefused() throws Exception {
        String ts = Long.toString(ClockUtil.getCurrentTime().toInstant().getEpochSecond());
        ResponseEntity<String> response = fx.post(body("CR-U2"), ts, null);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple(CallRecordSignature.SIGNATURE_HEADER, "required"));
        assertNothingStored();
    }

    @Test
    void recordSignedWithAnotherKeyOrAlteredAfterSigningIsRefused() throws Exception {
        String ts = Long.toString(ClockUtil.getCurrentTime().toInstant().getEpochSecond());
        String body = body("CR-B1");

        ResponseEntity<String> otherKey = fx.post(body, ts, signature("not-the-key", ts, body));
        ResponseEntity<String> altered = fx.post(body.replace("120", "7200"), ts, signature(KEY, ts, body));
        ResponseEntity<String> notHex = fx.post(body, ts, "zz-not-hex");

        for (ResponseEntity<String> response : List.of(otherKey, altered, notHex)) {
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                    .containsExactly(tuple(CallRecordSignature.SIGNATURE_HEADER, "hmac-sha256"));
        }
        assertNothingStored();
    }

    @Test
    void correctlySignedRecordOutsideTheFiveMinuteWindowIsRefused() throws Exception {
        String body = body("CR-S1");
        for (long offset : new long[] {-301, 301}) {
            String ts = Long.toString(ClockUtil.getCurrentTime().toInstant().getEpochSecond() + offset);
            ResponseEntity<String> response = fx.post(body, ts, signature(KEY, ts, body));
            assertThat(response.getStatusCode()).as("offset " + offset).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                    .containsExactly(tuple(CallRecordSignature.TIMESTAMP_HEADER, "window"));
        }
        String ts = Long.toString(ClockUtil.getCurrentTime().toInstant().getEpochSecond() - 300);
        assertThat(fx.post(body, ts, signature(KEY, ts, body)).getStatusCode()).as("5 minutes old").isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void malformedRecordIsRefusedNamingEveryFieldAndRuleAndNothingIsStored() throws Exception {
        Map<String, Object> bad = call("CR 1", ZHANGWEI_MOBILE, "abc", "2027-09-06 09:30", -5, "SIDEWAYS");
        bad.remove("caller");
        bad.put("connected", "yes");
        bad.put("agent", "x");

        ResponseEntity<String> response = fx.post(bad);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactlyInAnyOrder(tuple("agent", "known-field"), tuple("recordId", "pattern"), tuple("caller", "required"),
                        tuple("callee", "phone"), tuple("start", "offset-datetime"), tuple("durationSeconds", "range"),
                        tuple("direction", "one-of"), tuple("connected", "boolean"));
        assertNothingStored();
    }

    @Test
    void startWithoutOffsetAndFractionalDurationAreRefused() throws Exception {
        Map<String, Object> bad = call("CR-M2", ZHANGWEI_MOBILE, "13700000000", "2027-09-06T09:30:00", 120, "outbound");
        bad.put("durationSeconds", 1.5);

        ResponseEntity<String> response = fx.post(bad);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactlyInAnyOrder(tuple("start", "offset-datetime"), tuple("durationSeconds", "integer"));
        assertNothingStored();
    }

    @Test
    void malformedJsonIsRefusedNamingTheBody() {
        for (String body : List.of("{\"recordId\": ", "[1, 2]", "", "{\"recordId\":\"a\",\"recordId\":\"b\"}")) {
            ResponseEntity<String> response = fx.post(body);
            assertThat(response.getStatusCode()).as(body).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getBody()).as(body).contains("\"field\":\"body\"");
        }
        assertNothingStored();
    }

    @Test
    void resendOfTheSameRecordIsAnsweredOkWithoutASecondRow() throws Exception {
        String body = body("CR-R1");

        ResponseEntity<String> first = fx.post(body);
        ResponseEntity<String> again = fx.post(body);

        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(json(first).path("stored").asBoolean()).isTrue();
        assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(HttpStatus.OK);
        assertThat(json(again).path("stored").asBoolean()).isFalse();
        assertThat(json(again).path("recordId").asText()).isEqualTo("CR-R1");
        assertThat(fx.count("call_record")).isEqualTo(1);
    }

    @Test
    void replayedRecordIdWithOtherContentIsRefusedWith409AndTheStoredRecordStays() throws Exception {
        assertThat(fx.post(body("CR-R2")).getStatusCode()).isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> replay = fx.post(body("CR-R2").replace("120", "3600"));

        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(errors(replay)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple("recordId", "unique"));
        assertThat(fx.count("call_record")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT duration_seconds FROM call_record WHERE id = 'CR-R2'").query(Integer.class).single()).isEqualTo(120);
    }

    @Test
    void numberThatMatchesNoLeadIsKeptAsUnmatched() throws Exception {
        ResponseEntity<String> response = fx.post(body("CR-N1"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode outcome = json(response);
        assertThat(outcome.path("matched").asBoolean()).isFalse();
        assertThat(outcome.path("repId").asText()).isEqualTo("zhangwei");
        Map<String, Object> row = jdbc.sql("SELECT matched, rep_id, party_phone, lead_id, duration_seconds, direction FROM call_record "
                + "WHERE id = 'CR-N1'").query().singleRow();
        assertThat(row).containsEntry("MATCHED", false).containsEntry("REP_ID", "zhangwei").containsEntry("PARTY_PHONE", "13700000000")
                .containsEntry("DURATION_SECONDS", 120).containsEntry("DIRECTION", "OUTBOUND");
        assertThat(row.get("LEAD_ID")).isNull();
        assertThat(fx.count("contact_record")).as("an unknown party is no customer contact").isZero();
    }

    @Test
    void inboundCallFromAnUnknownRepNumberIsKeptWithoutRep() throws Exception {
        ResponseEntity<String> response = fx.post(call("CR-N2", "+86 139 1111 0009", "021-62345678", "2027-09-06T09:30:00+08:00",
                60, "INBOUND"));

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(json(response).path("repId").isMissingNode() || json(response).path("repId").isNull()).isTrue();
        assertThat(jdbc.sql("SELECT party_phone FROM call_record WHERE id = 'CR-N2'").query(String.class).single())
                .isEqualTo("13911110009");
    }

    private void assertNothingStored() {
        assertThat(fx.count("call_record")).as("call records stored").isZero();
        assertThat(fx.count("contact_record")).as("contact records stored").isZero();
    }

    private static List<JsonNode> errors(ResponseEntity<String> response) throws Exception {
        JsonNode errors = JSON.readTree(response.getBody()).path("errors");
        assertThat(errors.isArray()).as("errors array in " + response.getBody()).isTrue();
        List<JsonNode> list = new ArrayList<>();
        errors.forEach(list::add);
        return list;
    }
}
