package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.LeadRoutingProcess.Vars;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * R-07 first-contact KPI over {@code GET /api/kpi/leads/first-contact}: leads with known creation and first-contact
 * times, made by moving the engine clock and completing the rep's task, give exact shares and medians.
 *
 * <pre>
 * day D = 2026-03-02 (Asia/Shanghai); zhangwei is the only active rep in East, chenjing in South
 * L6  website  East   zhangwei  created D-1 12:00  reached 12:05   (5 min)   — outside [D, D]
 * L7  website  South  chenjing  created D 07:30    reached 07:40   (10 min)  — D in Shanghai, D-1 in UTC
 * L1  website  East   zhangwei  created D 09:00    reached 09:20   (20 min)
 * L2  trade    East   zhangwei  created D 09:00    not reached 10:00, reached 14:00 (300 min)
 * L5  trade    East   zhangwei  created D 09:00    invalid 10:00             — never counted
 * L3  phone    South  chenjing  created D 10:00    reached 14:00   (240 min, exactly 4 h: within)
 * L8  phone    South  chenjing  created D 10:00    not contacted
 * L9  website  East   zhangwei  created D+1 00:10  reached 00:25   (15 min)  — D+1 in Shanghai, D in UTC
 * </pre>
 */
@AppTest
class LeadKpiApiTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate D = LocalDate.of(2026, 3, 2);

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;

    @BeforeEach
    void reset() {
        data.reset();
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    private void buildLeads() throws Exception {
        data.deactivateAllRepsExcept("zhangwei", "chenjing");

        at(D.minusDays(1), 12, 0);
        String l6 = lead("WEBSITE_FORM", "EAST", "zhangwei");
        at(D.minusDays(1), 12, 5);
        complete(l6, "REACHED");

        at(D, 7, 30);
        String l7 = lead("WEBSITE_FORM", "SOUTH", "chenjing");
        at(D, 7, 40);
        complete(l7, "REACHED");

        at(D, 9, 0);
        String l1 = lead("WEBSITE_FORM", "EAST", "zhangwei");
        String l2 = lead("TRADE_SHOW_QR", "EAST", "zhangwei");
        String l5 = lead("TRADE_SHOW_QR", "EAST", "zhangwei");
        at(D, 9, 20);
        complete(l1, "REACHED");

        at(D, 10, 0);
        String l3 = lead("PHONE_CALL", "SOUTH", "chenjing");
        lead("PHONE_CALL", "SOUTH", "chenjing"); // L8, never contacted
        complete(l2, "NOT_REACHED");
        complete(l5, "INVALID");

        at(D, 14, 0);
        complete(l2, "REACHED");
        complete(l3, "REACHED");

        at(D.plusDays(1), 0, 10);
        String l9 = lead("WEBSITE_FORM", "EAST", "zhangwei");
        at(D.plusDays(1), 0, 25);
        complete(l9, "REACHED");
    }

    @Test
    void managerGetsShareWithinFourHoursAndMedianOverallPerRepPerSourceAndPerRegion() throws Exception {
        buildLeads();

        ResponseEntity<String> response = kpi("limin", "from=" + D + "&to=" + D);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode report = JSON.readTree(response.getBody());
        assertThat(report.path("from").asText()).isEqualTo(D.toString());
        assertThat(report.path("to").asText()).isEqualTo(D.toString());
        assertThat(report.path("slaMinutes").asLong()).isEqualTo(240);
        assertFigures(report.path("overall"), "all", 5, 4, 3, "0.6000", 130L, 210L, 240L);
        assertThat(groups(report.path("byRep"))).containsExactly("chenjing", "zhangwei");
        assertFigures(report.path("byRep").get(0), "chenjing", 3, 2, 2, "0.6667", 125L, 210L, 240L);
        assertFigures(report.path("byRep").get(1), "zhangwei", 2, 2, 1, "0.5000", 160L, 270L, 300L);
        assertThat(groups(report.path("bySource"))).containsExactly("PHONE_CALL", "TRADE_SHOW_QR", "WEBSITE_FORM");
        assertFigures(report.path("bySource").get(0), "PHONE_CALL", 2, 1, 1, "0.5000", 240L, 210L, 240L);
        assertFigures(report.path("bySource").get(1), "TRADE_SHOW_QR", 1, 1, 0, "0.0000", 300L, 270L, 300L);
        assertFigures(report.path("bySource").get(2), "WEBSITE_FORM", 2, 2, 2, "1.0000", 15L, 15L, 30L);
        assertThat(groups(report.path("byRegion"))).containsExactly("EAST", "SOUTH");
        assertFigures(report.path("byRegion").get(0), "EAST", 2, 2, 1, "0.5000", 160L, 270L, 300L);
        assertFigures(report.path("byRegion").get(1), "SOUTH", 3, 2, 2, "0.6667", 125L, 210L, 240L);
    }

    @Test
    void directorAndAdminSeeTheSameFiguresAsTheManager() throws Exception {
        buildLeads();

        String manager = kpi("limin", "from=" + D + "&to=" + D).getBody();
        assertThat(JSON.readTree(kpi("wanglei", "from=" + D + "&to=" + D).getBody())).isEqualTo(JSON.readTree(manager));
        assertThat(JSON.readTree(kpi("admin", "from=" + D + "&to=" + D).getBody())).isEqualTo(JSON.readTree(manager));
    }

    @Test
    void rangeCountsCalendarDaysInTheSalesTeamsZoneBothEndsInclusive() throws Exception {
        buildLeads();

        JsonNode threeDays = JSON.readTree(kpi("limin", "from=" + D.minusDays(1) + "&to=" + D.plusDays(1)).getBody());
        // minutes 5, 10, 15, 20, 240, 300 reached; L8 not: 5 of 7 within 4 h, median (15 + 20) / 2
        assertFigures(threeDays.path("overall"), "all", 7, 6, 5, "0.7143", 17L, 15L, 30L);

        JsonNode nextDay = JSON.readTree(kpi("limin", "from=" + D.plusDays(1) + "&to=" + D.plusDays(1)).getBody());
        assertFigures(nextDay.path("overall"), "all", 1, 1, 1, "1.0000", 15L, 10L, 15L);
        assertThat(groups(nextDay.path("byRep"))).containsExactly("zhangwei");

        JsonNode dayBefore = JSON.readTree(kpi("limin", "from=" + D.minusDays(1) + "&to=" + D.minusDays(1)).getBody());
        assertFigures(dayBefore.path("overall"), "all", 1, 1, 1, "1.0000", 5L, 1L, 5L);
    }

    @Test
    void rangeWithoutLeadsHasNoShareAndNoMedian() throws Exception {
        buildLeads();

        JsonNode report = JSON.readTree(kpi("limin", "from=2025-01-01&to=2025-01-31").getBody());

        assertThat(report.path("overall").path("leads").asInt()).isZero();
        assertThat(report.path("overall").path("shareWithinSla").isNull() || report.path("overall").path("shareWithinSla").isMissingNode())
                .isTrue();
        assertThat(report.path("overall").path("medianMinutesToFirstContact").isValueNode()).isFalse();
        assertThat(report.path("byRep")).isEmpty();
        assertThat(report.path("bySource")).isEmpty();
    }

    @Test
    void repGetsOnlyHisOwnFigures() throws Exception {
        buildLeads();

        JsonNode zhangwei = JSON.readTree(kpi("zhangwei", "from=" + D + "&to=" + D).getBody());
        assertFigures(zhangwei.path("overall"), "all", 2, 2, 1, "0.5000", 160L, 270L, 300L);
        assertThat(groups(zhangwei.path("byRep"))).containsExactly("zhangwei");
        assertThat(groups(zhangwei.path("bySource"))).containsExactly("TRADE_SHOW_QR", "WEBSITE_FORM");
        assertFigures(zhangwei.path("bySource").get(1), "WEBSITE_FORM", 1, 1, 1, "1.0000", 20L, 15L, 30L);

        JsonNode chenjing = JSON.readTree(kpi("chenjing", "from=" + D + "&to=" + D).getBody());
        assertFigures(chenjing.path("overall"), "all", 3, 2, 2, "0.6667", 125L, 210L, 240L);
        assertThat(groups(chenjing.path("byRep"))).containsExactly("chenjing");

        JsonNode lina = JSON.readTree(kpi("lina", "from=" + D + "&to=" + D).getBody());
        assertThat(lina.path("overall").path("leads").asInt()).isZero();
        assertThat(lina.path("byRep")).isEmpty();
    }

    @Test
    void missingFromIsRejectedNamingIt() throws Exception {
        ResponseEntity<String> response = kpi("limin", "to=" + D);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple("from", "required"));
    }

    @Test
    void missingToIsRejectedNamingIt() throws Exception {
        ResponseEntity<String> response = kpi("limin", "from=" + D);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText()).containsExactly("to");
    }

    @Test
    void toBeforeFromIsRejectedNamingTo() throws Exception {
        ResponseEntity<String> response = kpi("limin", "from=" + D + "&to=" + D.minusDays(1));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple("to", "not-before-from"));
    }

    @Test
    void malformedDateIsRejectedNamingTheParameter() throws Exception {
        for (String from : List.of("2026-13-01", "yesterday", "02.03.2026", "")) {
            ResponseEntity<String> response = kpi("limin", "from=" + from + "&to=" + D);
            assertThat(response.getStatusCode()).as(from).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(errors(response)).extracting(e -> e.path("field").asText()).as(from).containsExactly("from");
        }
    }

    @Test
    void rangeOfMoreThanFiveYearsIsRejected() throws Exception {
        ResponseEntity<String> response = kpi("limin", "from=2000-01-01&to=2026-01-01");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText()).containsExactly("to");
    }

    @Test
    void figuresStayTheSameAfterHistoryCleanupRemovedTheEndedInstances() throws Exception {
        // other tests of this class leave their ended instances around day D in the shared engine history
        java.util.Set<String> endedByOtherTests = endedLeadsAroundDIds();
        buildLeads();
        String before = kpi("limin", "from=" + D + "&to=" + D).getBody();
        java.util.Set<String> mine = new java.util.HashSet<>(endedLeadsAroundDIds());
        mine.removeAll(endedByOtherTests);
        assertThat(mine).as("ended lead instances of this test").hasSize(7);

        // past the diagrams' historyTimeToLive (P180D): the nightly cleanup removes the ended instances' history
        at(D.plusDays(200), 3, 0);
        Job cleanup = historyService.cleanUpHistoryAsync(true);
        for (int run = 0; run < 10 && endedLeadsAroundDIds().stream().anyMatch(mine::contains)
                && managementService.createJobQuery().jobId(cleanup.getId()).count() > 0; run++) {
            managementService.executeJob(cleanup.getId());
        }
        assertThat(endedLeadsAroundDIds()).as("ended lead instances of this test left in the engine history").doesNotContainAnyElementsOf(mine);
        ClockUtil.reset();
        historyService.cleanUpHistoryAsync(); // back to the nightly window, so the other tests find no due job of ours

        assertThat(kpi("limin", "from=" + D + "&to=" + D).getBody()).as("R-07 figures read the app's own tables").isEqualTo(before);
    }

    /** Ended lead instances started around day D (other tests' history in the shared database is left out). */
    private java.util.Set<String> endedLeadsAroundDIds() {
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey(LeadRoutingProcess.KEY).finished()
                .startedAfter(Date.from(D.minusDays(2).atStartOfDay(SHANGHAI).toInstant()))
                .startedBefore(Date.from(D.plusDays(2).atStartOfDay(SHANGHAI).toInstant())).list().stream()
                .map(org.camunda.bpm.engine.history.HistoricProcessInstance::getId).collect(java.util.stream.Collectors.toSet());
    }

    // --- helpers ---

    private static void at(LocalDate day, int hour, int minute) {
        ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(day, java.time.LocalTime.of(hour, minute)).atZone(SHANGHAI).toInstant()));
    }

    /** Posts a lead with a small budget (region default rule), routes it, checks the rep; returns the process instance id. */
    private String lead(String source, String region, String expectedRep) throws Exception {
        String key = switch (source) {
            case "WEBSITE_FORM" -> "test-website-key-0001";
            case "TRADE_SHOW_QR" -> "test-tradeshow-key-0001";
            default -> "test-phone-key-0001";
        };
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.set("X-Api-Key", key);
        ResponseEntity<String> response = rest.exchange("/api/leads", HttpMethod.POST,
                new HttpEntity<>(JSON.writeValueAsString(TestData.leadBody(source, region, "10000")), h), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        String pi = JSON.readTree(response.getBody()).path("processInstanceId").asText();
        managementService.executeJob(managementService.createJobQuery().processInstanceId(pi)
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult().getId());
        assertThat(firstContactTask(pi).getAssignee()).isEqualTo(expectedRep);
        return pi;
    }

    private void complete(String processInstanceId, String outcome) {
        Map<String, Object> vars = new HashMap<>();
        vars.put(Vars.CONTACT_OUTCOME, outcome);
        vars.put(Vars.CONTACT_NOTES, "测试");
        if (outcome.equals("INVALID")) {
            vars.put(Vars.INVALID_REASON, "空号");
        } else {
            vars.put(Vars.NEXT_FOLLOW_UP_DATE, D.plusDays(7).toString());
        }
        taskService.complete(firstContactTask(processInstanceId).getId(), vars);
    }

    private org.camunda.bpm.engine.task.Task firstContactTask(String processInstanceId) {
        var task = taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).singleResult();
        assertThat(task).as("first-contact task of " + processInstanceId).isNotNull();
        return task;
    }

    private ResponseEntity<String> kpi(String user, String query) {
        return rest.withBasicAuth(user, user).getForEntity("/api/kpi/leads/first-contact?" + query, String.class);
    }

    /**
     * {@code median} is the exact median of the group's minutes (the mean of the middle two for an even count); the
     * report gives the histogram bucket of the middle (or upper middle) lead, {@code bucketFrom} to {@code bucketTo}, and
     * the exact median is at most {@code bucketTo}.
     */
    private static void assertFigures(JsonNode figures, String group, int leads, int contacted, int within, String share, Long median,
                                      Long bucketFrom, Long bucketTo) {
        assertThat(figures.path("group").asText()).isEqualTo(group);
        assertThat(List.of(figures.path("leads").asInt(), figures.path("contacted").asInt(), figures.path("contactedWithinSla").asInt()))
                .as(group + ": leads, contacted, within SLA").containsExactly(leads, contacted, within);
        assertThat(figures.path("shareWithinSla").decimalValue()).as(group + " share").isEqualByComparingTo(new BigDecimal(share));
        assertThat(figures.path("medianMinutesToFirstContact").asLong()).as(group + " median at most").isEqualTo(bucketTo)
                .isGreaterThanOrEqualTo(median);
        assertThat(figures.path("medianMinutesToFirstContactFrom").asLong()).as(group + " median's bucket from").isEqualTo(bucketFrom);
    }

    private static List<String> groups(JsonNode list) {
        List<String> groups = new ArrayList<>();
        list.forEach(n -> groups.add(n.path("group").asText()));
        return groups;
    }

    private static List<JsonNode> errors(ResponseEntity<String> response) throws Exception {
        JsonNode errors = JSON.readTree(response.getBody()).path("errors");
        assertThat(errors.isArray()).as("errors array in " + response.getBody()).isTrue();
        List<JsonNode> list = new ArrayList<>();
        errors.forEach(list::add);
        return list;
    }
}
