package org.leadtocash.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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

/** Business trips through {@code /api/reps/{repId}/trips}: who may enter them, validation, and their effect on routing. */
@AppTest
class TripApiTests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired TestRestTemplate rest;
    @Autowired TestData data;
    @Autowired ManagementService managementService;
    @Autowired TaskService taskService;

    private LocalDate today;

    @BeforeEach
    void reset() {
        data.reset();
        today = LocalDate.now(SHANGHAI);
    }

    @Test
    void repEntersListsAndDeletesHisOwnTrip() throws Exception {
        ResponseEntity<String> created = postTrip("lina", "lina", trip(today, today.plusDays(2), "深圳客户拜访"));

        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode trip = JSON.readTree(created.getBody());
        long id = trip.path("id").asLong();
        assertThat(trip.path("repId").asText()).isEqualTo("lina");
        assertThat(trip.path("startDate").asText()).isEqualTo(today.toString());
        assertThat(trip.path("endDate").asText()).isEqualTo(today.plusDays(2).toString());
        assertThat(trip.path("note").asText()).isEqualTo("深圳客户拜访");
        assertThat(trip.path("createdBy").asText()).isEqualTo("lina");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/reps/lina/trips/" + id);

        ResponseEntity<String> listed = as("lina").getForEntity("/api/reps/lina/trips", String.class);
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(tripIds(listed)).containsExactly(id);

        ResponseEntity<String> deleted = as("lina").exchange("/api/reps/lina/trips/" + id, HttpMethod.DELETE, null, String.class);
        assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(tripIds(as("lina").getForEntity("/api/reps/lina/trips", String.class))).isEmpty();
        assertThat(data.count("rep_trip")).isZero();

        ResponseEntity<String> again = as("lina").exchange("/api/reps/lina/trips/" + id, HttpMethod.DELETE, null, String.class);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void repCannotEnterListOrDeleteAnotherRepsTrip() throws Exception {
        ResponseEntity<String> byZhangwei = postTrip("zhangwei", "lina", trip(today, today.plusDays(1), null));
        assertThat(byZhangwei.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(data.count("rep_trip")).isZero();

        long id = JSON.readTree(postTrip("lina", "lina", trip(today, today.plusDays(1), null)).getBody()).path("id").asLong();
        assertThat(as("zhangwei").getForEntity("/api/reps/lina/trips", String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(as("zhangwei").exchange("/api/reps/lina/trips/" + id, HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        // nor by addressing the trip under his own name
        assertThat(as("zhangwei").exchange("/api/reps/zhangwei/trips/" + id, HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(data.count("rep_trip")).isOne();
    }

    @Test
    void managerAndDirectorEnterTripsForAnyRep() throws Exception {
        ResponseEntity<String> byManager = postTrip("limin", "chenjing", trip(today.plusDays(3), today.plusDays(5), "广州展会"));
        assertThat(byManager.getStatusCode()).as(byManager.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(JSON.readTree(byManager.getBody()).path("createdBy").asText()).isEqualTo("limin");
        ResponseEntity<String> byDirector = postTrip("wanglei", "sunli", trip(today, today, null));
        assertThat(byDirector.getStatusCode()).as(byDirector.getBody()).isEqualTo(HttpStatus.CREATED);

        assertThat(tripIds(as("limin").getForEntity("/api/reps/chenjing/trips", String.class))).hasSize(1);
        assertThat(tripIds(as("chenjing").getForEntity("/api/reps/chenjing/trips", String.class))).hasSize(1);
        long id = tripIds(as("wanglei").getForEntity("/api/reps/sunli/trips", String.class)).get(0);
        assertThat(as("limin").exchange("/api/reps/sunli/trips/" + id, HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void legalAndFinanceCannotEnterTrips() {
        assertThat(postTrip("zhoujie", "lina", trip(today, today, null)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(postTrip("wufang", "lina", trip(today, today, null)).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(data.count("rep_trip")).isZero();
    }

    @Test
    void endBeforeStartIsRejectedNamingTripEnd() throws Exception {
        ResponseEntity<String> response = postTrip("lina", "lina", trip(today.plusDays(3), today.plusDays(1), null));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple("tripEnd", "not-before-start"));
        assertThat(data.count("rep_trip")).isZero();
    }

    @Test
    void badTripInputIsRejectedNamingEveryField() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tripStart", "2026-13-45");
        body.put("tripEnd", null);
        body.put("tripNote", "备".repeat(201));

        ResponseEntity<String> response = postTrip("lina", "lina", body);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactlyInAnyOrder(tuple("tripStart", "date"), tuple("tripEnd", "required"), tuple("tripNote", "max-length"));
        assertThat(data.count("rep_trip")).isZero();
    }

    @Test
    void tripThatEndedInThePastIsRejected() throws Exception {
        ResponseEntity<String> response = postTrip("lina", "lina", trip(today.minusDays(5), today.minusDays(1), null));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText()).containsExactly("tripEnd");
    }

    @Test
    void tripForSomeoneWhoIsNoRepIsRejected() throws Exception {
        ResponseEntity<String> response = postTrip("limin", "zhoujie", trip(today, today, null));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors(response)).extracting(e -> e.path("field").asText(), e -> e.path("rule").asText())
                .containsExactly(tuple("tripRepId", "known-rep"));
    }

    @Test
    void unknownFieldsAndMalformedBodiesAre400NotA500() {
        Map<String, Object> body = trip(today, today, null);
        body.put("rep", "lina");
        assertThat(postTrip("lina", "lina", body).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        assertThat(as("lina").exchange("/api/reps/lina/trips", HttpMethod.POST, new HttpEntity<>("{\"tripStart\":", h), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(as("lina").exchange("/api/reps/lina/trips", HttpMethod.POST, new HttpEntity<>("", h), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(as("lina").exchange("/api/reps/lina/trips", HttpMethod.POST, new HttpEntity<>("{\"tripStart\":{\"a\":1}}", h), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(as("lina").exchange("/api/reps/lina/trips/abc", HttpMethod.DELETE, null, String.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(data.count("rep_trip")).isZero();
    }

    @Test
    void repOnATripEnteredThroughTheApiIsSkippedByAssignment() throws Exception {
        // website + budget > 200k prefers zhangwei and lina; with equal load lina would win the tie by user id
        ResponseEntity<String> created = postTrip("lina", "lina", trip(today, today.plusDays(1), "出差北京"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);

        JsonNode lead = routeLead(TestData.leadBody("WEBSITE_FORM", "EAST", "250000"));

        assertThat(lead.path("assignee").asText()).isEqualTo("zhangwei");
        assertThat(lead.path("routingExplanation").asText()).contains("lina").contains("出差");
    }

    @Test
    void repIsAssignedAgainOnceHisTripIsDeleted() throws Exception {
        long id = JSON.readTree(postTrip("lina", "lina", trip(today, today.plusDays(1), null)).getBody()).path("id").asLong();
        assertThat(routeLead(TestData.leadBody("WEBSITE_FORM", "EAST", "250000")).path("assignee").asText()).isEqualTo("zhangwei");

        as("lina").exchange("/api/reps/lina/trips/" + id, HttpMethod.DELETE, null, String.class);
        JsonNode lead = routeLead(TestData.leadBody("WEBSITE_FORM", "EAST", "260000"));

        // zhangwei has one open lead now, lina none
        assertThat(lead.path("assignee").asText()).isEqualTo("lina");
        assertThat(lead.path("routingExplanation").asText()).doesNotContain("出差");
    }

    @Test
    void tripStartingTomorrowDoesNotSkipTheRepToday() throws Exception {
        postTrip("lina", "lina", trip(today.plusDays(1), today.plusDays(3), null));

        assertThat(routeLead(TestData.leadBody("WEBSITE_FORM", "EAST", "250000")).path("assignee").asText()).isEqualTo("lina");
    }

    // --- helpers ---

    /** Posts a lead through the website channel, runs the routing job and returns the lead as the manager sees it. */
    private JsonNode routeLead(Map<String, Object> body) throws Exception {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.set("X-Api-Key", "test-website-key-0001");
        ResponseEntity<String> response = rest.exchange("/api/leads", HttpMethod.POST, new HttpEntity<>(JSON.writeValueAsString(body), h),
                String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        JsonNode created = JSON.readTree(response.getBody());
        String pi = created.path("processInstanceId").asText();
        managementService.executeJob(managementService.createJobQuery().processInstanceId(pi)
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult().getId());
        assertThat(taskService.createTaskQuery().processInstanceId(pi).taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).count())
                .isOne();
        return JSON.readTree(as("limin").getForEntity("/api/leads/" + created.path("leadId").asText(), String.class).getBody());
    }

    private static Map<String, Object> trip(LocalDate start, LocalDate end, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tripStart", start.toString());
        body.put("tripEnd", end.toString());
        if (note != null) {
            body.put("tripNote", note);
        }
        return body;
    }

    private ResponseEntity<String> postTrip(String user, String rep, Map<String, Object> body) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        try {
            return as(user).exchange("/api/reps/" + rep + "/trips", HttpMethod.POST, new HttpEntity<>(JSON.writeValueAsString(body), h),
                    String.class);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TestRestTemplate as(String user) {
        return rest.withBasicAuth(user, user);
    }

    private static List<Long> tripIds(ResponseEntity<String> response) throws Exception {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        List<Long> ids = new ArrayList<>();
        JSON.readTree(response.getBody()).forEach(n -> ids.add(n.path("id").asLong()));
        return ids;
    }

    private static List<JsonNode> errors(ResponseEntity<String> response) throws Exception {
        JsonNode errors = JSON.readTree(response.getBody()).path("errors");
        assertThat(errors.isArray()).as("errors array in " + response.getBody()).isTrue();
        List<JsonNode> list = new ArrayList<>();
        errors.forEach(list::add);
        return list;
    }
}
