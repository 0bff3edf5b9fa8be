package org.leadtocash.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.support.TestData;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Signed call-record posts, leads with a given phone, and the clock, for the contact tests (zone Asia/Shanghai). */
final class CallRecordFixtures {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** the signing key of application-test.yaml */
    static final String KEY = "test-telephony-signing-key";
    /** zhangwei's mobile in the demo roster */
    static final String ZHANGWEI_MOBILE = "13800000001";

    private final TestRestTemplate rest;
    private final ManagementService managementService;
    private final TaskService taskService;
    private final JdbcClient jdbc;

    CallRecordFixtures(TestRestTemplate rest, ManagementService managementService, TaskService taskService, JdbcClient jdbc) {
        this.rest = rest;
        this.managementService = managementService;
        this.taskService = taskService;
        this.jdbc = jdbc;
    }

    /** Empties this feature's tables (TestData.reset does the leads). */
    void reset() {
        jdbc.sql("DELETE FROM contact_record").update();
        jdbc.sql("DELETE FROM call_record").update();
    }

    static void at(LocalDate day, int hour, int minute) {
        ClockUtil.setCurrentTime(Date.from(LocalDateTime.of(day, LocalTime.of(hour, minute)).atZone(SHANGHAI).toInstant()));
    }

    static Map<String, Object> call(String id, String caller, String callee, String start, int seconds, String direction) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recordId", id);
        body.put("caller", caller);
        body.put("callee", callee);
        body.put("start", start);
        body.put("durationSeconds", seconds);
        body.put("direction", direction);
        return body;
    }

    ResponseEntity<String> post(Map<String, Object> body) throws Exception {
        return post(JSON.writeValueAsString(body));
    }

    /** Posts the body signed with the test key at the engine clock's time. */
    ResponseEntity<String> post(String body) {
        String timestamp = Long.toString(ClockUtil.getCurrentTime().toInstant().getEpochSecond());
        return post(body, timestamp, signature(KEY, timestamp, body));
    }

    ResponseEntity<String> post(String body, String timestamp, String signature) {
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        if (timestamp != null) {
            h.set(CallRecordSignature.TIMESTAMP_HEADER, timestamp);
        }
        if (signature != null) {
            h.set(CallRecordSignature.SIGNATURE_HEADER, signature);
        }
        return rest.exchange(TelephonyController.PATH, HttpMethod.POST, new HttpEntity<>(body, h), String.class);
    }

    static String signature(String key, String timestamp, String body) {
        return HexFormat.of().formatHex(CallRecordSignature.sign(key, timestamp, body.getBytes(StandardCharsets.UTF_8)));
    }

    /** Posts a website lead with this contact phone in East, routes it, checks it went to the rep; its process instance id. */
    String lead(String phone, String expectedRep) throws Exception {
        Map<String, Object> body = TestData.leadBody("WEBSITE_FORM", "EAST", "10000");
        body.put("contactPhone", phone);
        HttpHeaders h = new HttpHeaders();
        h.setContentType(MediaType.APPLICATION_JSON);
        h.set("X-Api-Key", "test-website-key-0001");
        ResponseEntity<String> response = rest.exchange("/api/leads", HttpMethod.POST,
                new HttpEntity<>(JSON.writeValueAsString(body), h), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.CREATED);
        String pi = JSON.readTree(response.getBody()).path("processInstanceId").asText();
        managementService.executeJob(managementService.createJobQuery().processInstanceId(pi)
                .activityId(LeadRoutingProcess.Task.ROUTE_LEAD).singleResult().getId());
        assertThat(firstContactTask(pi).getAssignee()).isEqualTo(expectedRep);
        return pi;
    }

    Task firstContactTask(String processInstanceId) {
        Task task = taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey(LeadRoutingProcess.Task.FIRST_CONTACT).singleResult();
        assertThat(task).as("first-contact task of " + processInstanceId).isNotNull();
        return task;
    }

    String leadId(String processInstanceId) {
        return jdbc.sql("SELECT id FROM sales_lead WHERE process_instance_id = ?").param(processInstanceId).query(String.class).single();
    }

    ResponseEntity<String> get(String user, String path) {
        return rest.withBasicAuth(user, user).getForEntity(path, String.class);
    }

    static JsonNode json(ResponseEntity<String> response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    int count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }
}
