package org.leadtocash.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.leadtocash.contact.CallRecordFixtures.ZHANGWEI_MOBILE;
import static org.leadtocash.contact.CallRecordFixtures.at;
import static org.leadtocash.contact.CallRecordFixtures.call;
import static org.leadtocash.contact.CallRecordFixtures.json;

import java.math.BigDecimal;
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
 * {@code GET /api/kpi/contact-time}: working time Mon–Fri 09:00–12:00 and 13:00–18:00 Asia/Shanghai; overlapping
 * contact counts once, lunch and evening are cut off, a trip day is a full day of visits; bands from the DMN.
 *
 * <pre>
 * zhangwei, customer phone 13911110001 (his lead):
 * Mon 2027-09-06  11:30–12:30 reached (counts 11:30–12:00 = 1 800 s), 11:45–11:55 (inside the first: 0 more),
 *                 17:50–18:20 (counts 600 s), 10:00–11:00 to an unknown number (0), 15:00 not reached (0)  → 2 400 s = 0.0833
 * Tue 2027-09-07  business trip                                                           → 28 800 s = 1.0000 HEALTHY
 * Wed 2027-09-08  09:00–15:00 reached (10 800 + 7 200 s)                                    → 18 000 s = 0.6250 WATCH
 * Thu, Fri        nothing; Sat 2027-09-11 a call (weekend: no working time)
 * </pre>
 */
@AppTest
class ContactTimeKpiTests {
    private static final LocalDate MON = LocalDate.of(2027, 9, 6);

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
        data.deactivateAllRepsExcept("zhangwei");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void buildWeek() throws Exception {
        at(MON, 8, 0);
        fx.lead("13911110001", "zhangwei");
        at(MON.plusDays(6), 20, 0);
        String customer = "13911110001";
        post(call("T-1", ZHANGWEI_MOBILE, customer, "2027-09-06T11:30:00+08:00", 3600, "OUTBOUND"));
        post(call("T-2", ZHANGWEI_MOBILE, customer, "2027-09-06T11:45:00+08:00", 600, "OUTBOUND"));
        post(call("T-3", customer, ZHANGWEI_MOBILE, "2027-09-06T17:50:00+08:00", 1800, "INBOUND"));
        post(call("T-4", ZHANGWEI_MOBILE, "13700000000", "2027-09-06T10:00:00+08:00", 3600, "OUTBOUND"));
        Map<String, Object> unanswered = call("T-5", ZHANGWEI_MOBILE, customer, "2027-09-06T15:00:00+08:00", 40, "OUTBOUND");
        unanswered.put("connected", false);
        post(unanswered);
        post(call("T-6", ZHANGWEI_MOBILE, customer, "2027-09-08T09:00:00+08:00", 21_600, "OUTBOUND"));
        post(call("T-7", ZHANGWEI_MOBILE, customer, "2027-09-11T10:00:00+08:00", 3600, "OUTBOUND"));
        data.trip("zhangwei", MON.plusDays(1), MON.plusDays(1));
    }

    @Test
    void sharePerDayAndWeekCountsOverlapOnceWithinWorkingHoursAndTripDaysAsVisits() throws Exception {
        buildWeek();

        JsonNode rep = only(fx.get("limin", "/api/kpi/contact-time?rep=zhangwei&from=" + MON + "&to=" + MON.plusDays(6)));

        assertThat(dates(rep.path("days"))).containsExactly("2027-09-06", "2027-09-07", "2027-09-08", "2027-09-09", "2027-09-10");
        assertDay(rep.path("days").get(0), 2_400, "0.0833", "WARNING");
        assertDay(rep.path("days").get(1), 28_800, "1.0000", "HEALTHY");
        assertDay(rep.path("days").get(2), 18_000, "0.6250", "WATCH");
        assertDay(rep.path("days").get(3), 0, "0.0000", "WARNING");
        JsonNode week = rep.path("weeks").get(0);
        assertThat(rep.path("weeks")).hasSize(1);
        assertThat(week.path("weekStart").asText()).isEqualTo("2027-09-06");
        assertThat(week.path("workingSeconds").asLong()).isEqualTo(144_000);
        assertThat(week.path("contactSeconds").asLong()).isEqualTo(49_200);
        assertThat(week.path("share").decimalValue()).isEqualByComparingTo(new BigDecimal("0.3417"));
        assertThat(week.path("band").asText()).isEqualTo("WARNING");
    }

    @Test
    void weeksCoverOnlyTheDaysOfTheRangeAndTheWatchLineIsInclusive() throws Exception {
        buildWeek();

        JsonNode rep = only(fx.get("zhangwei", "/api/kpi/contact-time?from=" + MON + "&to=" + MON.plusDays(2)));

        // Mon–Wed: 49 200 of 86 400 s
        assertThat(rep.path("total").path("share").decimalValue()).isEqualByComparingTo(new BigDecimal("0.5694"));
        assertThat(rep.path("total").path("band").asText()).isEqualTo("WATCH");
        assertThat(rep.path("weeks").get(0).path("workingSeconds").asLong()).isEqualTo(86_400);
    }

    @Test
    void managerSeesEveryActiveRepAndARepOnlyHimself() throws Exception {
        buildWeek();
        data.deactivateAllRepsExcept("zhangwei", "lina");

        JsonNode all = json(fx.get("limin", "/api/kpi/contact-time?from=" + MON + "&to=" + MON));
        assertThat(all.path("reps").findValuesAsText("repId")).containsExactly("lina", "zhangwei");
        assertThat(all.path("reps").get(0).path("total").path("contactSeconds").asLong()).isZero();

        ResponseEntity<String> other = fx.get("lina", "/api/kpi/contact-time?rep=zhangwei&from=" + MON + "&to=" + MON);
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(json(fx.get("lina", "/api/kpi/contact-capture?from=" + MON + "&to=" + MON)).path("overall").path("records").asInt())
                .isZero();
        assertThat(fx.get("lina", "/api/kpi/contact-capture?rep=zhangwei&from=" + MON + "&to=" + MON).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }

    @Test
    void missingOrInvertedRangeIsRefusedNamingTheParameter() throws Exception {
        ResponseEntity<String> missing = fx.get("limin", "/api/kpi/contact-time?to=" + MON);
        ResponseEntity<String> inverted = fx.get("limin", "/api/kpi/contact-capture?from=" + MON + "&to=" + MON.minusDays(1));

        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json(missing).path("errors").get(0).path("field").asText()).isEqualTo("from");
        assertThat(inverted.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(json(inverted).path("errors").get(0).path("rule").asText()).isEqualTo("not-before-from");
    }

    @Test
    void unauthenticatedReadIsRefused() {
        assertThat(rest.getForEntity("/api/kpi/contact-time?from=" + MON + "&to=" + MON, String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private void post(Map<String, Object> body) throws Exception {
        ResponseEntity<String> response = fx.post(body);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
    }

    private static JsonNode only(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode reps = json(response).path("reps");
        assertThat(reps).hasSize(1);
        assertThat(reps.get(0).path("repId").asText()).isEqualTo("zhangwei");
        return reps.get(0);
    }

    private static void assertDay(JsonNode day, long contactSeconds, String share, String band) {
        assertThat(day.path("workingSeconds").asLong()).as(day.toString()).isEqualTo(28_800);
        assertThat(day.path("contactSeconds").asLong()).as(day.toString()).isEqualTo(contactSeconds);
        assertThat(day.path("share").decimalValue()).as(day.toString()).isEqualByComparingTo(new BigDecimal(share));
        assertThat(day.path("band").asText()).as(day.toString()).isEqualTo(band);
    }

    private static List<String> dates(JsonNode days) {
        List<String> list = new ArrayList<>();
        days.forEach(d -> list.add(d.path("date").asText()));
        return list;
    }
}
