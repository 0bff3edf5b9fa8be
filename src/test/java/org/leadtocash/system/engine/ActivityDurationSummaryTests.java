package org.leadtocash.system.engine;

import static org.assertj.core.api.Assertions.*;
import static org.leadtocash.support.ProcessTests.*;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.LeadIntake;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.lead.LeadSource;
import org.leadtocash.payment.PaymentFixtures;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.payment.PaymentJourneys;
import org.leadtocash.shared.DurationHistogram;
import org.leadtocash.shared.EngineClock;
import org.leadtocash.shared.Groups;
import org.leadtocash.support.AppTest;
import org.leadtocash.support.TestData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The heatmap's activity duration summary (V22) follows the engine's history: after every step of real processes — a
 * payment journey and a lead, with a refused form, a rolled-back routing job, a timer and a deleted instance — the
 * summary changed exactly as a plain-SQL recount of {@code ACT_HI_ACTINST} did; the start-up build from the history
 * equals the kept rows; and {@code GET /api/heatmap/{id}} gives the waiting and past-due counts and a median bucket that
 * holds the median of the per-item read it replaces.
 */
@AppTest
class ActivityDurationSummaryTests {
    private static final List<String> REP = List.of(Groups.SALES_REP);
    private static final String NODE_ONE = PaymentJourneyProcess.Task.AWAIT_INVOICE_SIGNED;

    @Autowired TestData data;
    @Autowired PaymentFixtures fixtures;
    @Autowired PaymentJourneys journeys;
    @Autowired LeadIntake intake;
    @Autowired RuntimeService runtimeService;
    @Autowired HistoryService historyService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired ProcessEngineConfigurationImpl engineConfiguration;
    @Autowired ActivityDurationSummary summary;
    @Autowired EngineClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestRestTemplate rest;
    private final ObjectMapper json = new ObjectMapper();

    private Map<String, List<Long>> storedBefore;
    private Map<String, List<Long>> recountBefore;

    @BeforeEach
    void reset() {
        data.reset();
        fixtures.reset();
        storedBefore = ActivityDurationRecount.stored(jdbc);
        recountBefore = ActivityDurationRecount.recount(jdbc, clock.zone());
    }

    @Test
    void everyActivityEndIsCountedInTheEnginesTransactionAndNothingOfARolledBackOne() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        ProcessInstance payment = processInstance(journey.processInstanceId());
        assertThat(changedSinceStart("journey started")).containsKey(row(PaymentJourneyProcess.Task.REGISTER_JOURNEY));

        Map<String, Object> refused = invoiceSigned();
        refused.put(PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_MOBILE, "021-12345678");
        assertThatThrownBy(() -> completeAs("zhangwei", REP, task(NODE_ONE, payment), refused)).isNotNull();
        assertThat(changedSinceStart("node ① refused and rolled back")).doesNotContainKey(row(NODE_ONE));

        completeAs("zhangwei", REP, task(NODE_ONE, payment), invoiceSigned());
        assertThat(changedSinceStart("node ① recorded")).containsKeys(row(NODE_ONE), row(PaymentJourneyProcess.Task.RECORD_INVOICE_SIGNED));

        execute(job(PaymentJourneyProcess.Task.SEND_PAYMENT_STARTED_SMS, payment));
        assertThat(changedSinceStart("SMS job")).containsKey(row(PaymentJourneyProcess.Task.SEND_PAYMENT_STARTED_SMS));

        // routing to a region that is none: the routing task ends, then assignment fails and the job's transaction rolls back
        ProcessInstance lead = processInstance(intake.receive(TestData.leadBody("WEBSITE_FORM", "EAST", "120000"), LeadSource.WEBSITE_FORM)
                .lead().processInstanceId());
        runtimeService.setVariable(lead.getId(), LeadRoutingProcess.Vars.REGION, "MARS");
        String routing = job(LeadRoutingProcess.Task.ROUTE_LEAD, lead).getId();
        assertThatThrownBy(() -> managementService.executeJob(routing))
                .satisfies(e -> assertThat(messages(e)).as("assignment failed after routing ended").contains("which is not a region"));
        assertThat(changedSinceStart("routing job rolled back")).doesNotContainKey(leadRow(LeadRoutingProcess.Task.ROUTE_LEAD));

        runtimeService.setVariable(lead.getId(), LeadRoutingProcess.Vars.REGION, "EAST");
        managementService.executeJob(routing);
        assertThat(changedSinceStart("routing job retried")).containsKeys(leadRow(LeadRoutingProcess.Task.ROUTE_LEAD),
                leadRow(LeadRoutingProcess.SubProcess.LEAD_ASSIGNMENT));

        fireTimer(lead, LeadRoutingProcess.Event.FOUR_HOURS_NO_CONTACT);
        execute(job(LeadRoutingProcess.Task.VOICE_CALL_REMINDER, lead));
        assertThat(changedSinceStart("4 h reminder")).containsKey(leadRow(LeadRoutingProcess.Task.VOICE_CALL_REMINDER));

        runtimeService.deleteProcessInstance(lead.getId(), "test: lead withdrawn");
        assertThat(changedSinceStart("lead deleted")).containsKey(leadRow(LeadRoutingProcess.Task.FIRST_CONTACT));
    }

    @Test
    void theStartUpBuildFromTheEnginesHistoryEqualsTheSummaryTheHandlerKept() {
        summary.rebuild();
        for (int i = 0; i < 3; i++) {
            PaymentJourney journey = journeys.start(PaymentFixtures.start());
            completeAs("zhangwei", REP, task(NODE_ONE, processInstance(journey.processInstanceId())), invoiceSigned());
        }
        LocalDate today = clock.today();
        Map<String, List<Long>> kept = ActivityDurationRecount.days(ActivityDurationRecount.stored(jdbc),
                d -> !d.isBefore(today.minusDays(ActivityDurationSummary.BUILD_DAYS - 1)) && !d.isAfter(today));
        assertThat(kept).containsKey(row(NODE_ONE));

        // the first start after V22: summary_state says "built for no zone"
        jdbc.sql("DELETE FROM activity_duration_summary").update();
        jdbc.sql("UPDATE summary_state SET zone = '' WHERE name = 'activity_duration_summary'").update();
        summary.ensureBuilt();

        assertThat(ActivityDurationRecount.stored(jdbc)).isEqualTo(kept);
        assertThat(jdbc.sql("SELECT zone FROM summary_state WHERE name = 'activity_duration_summary'").query(String.class).single())
                .isEqualTo(clock.zone().getId());
    }

    @Test
    void removingTheEnginesHistoryLeavesTheSummaryAsItWas() {
        PaymentJourney journey = journeys.start(PaymentFixtures.start());
        completeAs("zhangwei", REP, task(NODE_ONE, processInstance(journey.processInstanceId())), invoiceSigned());
        runtimeService.deleteProcessInstance(journey.processInstanceId(), "test: withdrawn");
        Map<String, List<Long>> kept = ActivityDurationRecount.stored(jdbc);
        assertThat(ActivityDurationRecount.change(storedBefore, kept)).containsKey(row(NODE_ONE));

        // what Camunda's history cleanup does when the history time to live has passed
        historyService.deleteHistoricProcessInstance(journey.processInstanceId());

        assertThat(jdbc.sql("SELECT COUNT(*) FROM ACT_HI_ACTINST WHERE PROC_INST_ID_ = ?").param(journey.processInstanceId())
                .query(Long.class).single()).isZero();
        assertThat(ActivityDurationRecount.stored(jdbc)).isEqualTo(kept);
    }

    @Test
    void heatmapGivesWaitingPastDueAndTheBucketHoldingTheMedianOfWhatFinishedInTheLastNinetyDays() throws Exception {
        summary.rebuild();
        Instant now = Instant.now();
        for (int hours : new int[] {50, 30, 2}) {
            moveClockTo(now.minus(Duration.ofHours(hours)));
            PaymentJourney done = journeys.start(PaymentFixtures.start());
            moveClockTo(now);
            completeAs("zhangwei", REP, task(NODE_ONE, processInstance(done.processInstanceId())), invoiceSigned());
        }
        moveClockTo(now.minus(Duration.ofHours(60)));
        journeys.start(PaymentFixtures.start("zhangwei", "A医院", "120000.00"));
        moveClockTo(now);
        PaymentJourney onTime = journeys.start(PaymentFixtures.start("zhangwei", "B学校", "56000.00"));
        String definitionId = runtimeService.createProcessInstanceQuery().processInstanceId(onTime.processInstanceId()).singleResult()
                .getProcessDefinitionId();

        ResponseEntity<String> response = rest.withBasicAuth("limin", "limin").getForEntity("/api/heatmap/" + definitionId + "?days=90",
                String.class);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
        JsonNode heatmap = json.readTree(response.getBody());
        assertThat(heatmap.path("processDefinitionKey").asText()).isEqualTo(PaymentJourneyProcess.KEY);
        LocalDate to = clock.today();
        LocalDate from = to.minusDays(89);
        assertThat(heatmap.path("from").asText()).isEqualTo(from.toString());
        JsonNode node = activity(heatmap, NODE_ONE);
        assertThat(node.path("waiting").asLong()).isEqualTo(2);
        assertThat(node.path("pastSla").asLong()).isEqualTo(1);

        // the per-item read it replaces: every finished node ① of the key that ended on those days, sorted by duration
        List<Long> durations = jdbc.sql("SELECT DURATION_ FROM ACT_HI_ACTINST WHERE PROC_DEF_KEY_ = ? AND ACT_ID_ = ? AND END_TIME_ >= ? "
                        + "AND END_TIME_ < ? ORDER BY DURATION_")
                .params(PaymentJourneyProcess.KEY, NODE_ONE, Timestamp.from(from.atStartOfDay(clock.zone()).toInstant()),
                        Timestamp.from(to.plusDays(1).atStartOfDay(clock.zone()).toInstant()))
                .query(Long.class).list();
        assertThat(durations).hasSizeGreaterThanOrEqualTo(3);
        assertThat(node.path("finished").asLong()).isEqualTo(durations.size());
        long median = durations.get(durations.size() / 2);
        DurationHistogram.Bucket bucket = DurationHistogram.bucket(DurationHistogram.bucketOf(Duration.ofMillis(median)));
        assertThat(node.path("medianMinutesFrom").asLong()).isEqualTo(bucket.from().toMinutes());
        assertThat(node.path("medianMinutes").asLong()).isEqualTo(bucket.to().toMinutes());
        assertThat(median).isGreaterThan(node.path("medianMinutesFrom").asLong() * 60_000)
                .isLessThanOrEqualTo(node.path("medianMinutes").asLong() * 60_000);
    }

    @Test
    void heatmapIsForManagersDirectorsAndAdminsAndNamesABadRange() throws Exception {
        String definitionId = latestDefinition(PaymentJourneyProcess.KEY).getId();

        assertThat(rest.withBasicAuth("lina", "lina").getForEntity("/api/heatmap/" + definitionId, String.class).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(rest.withBasicAuth("limin", "limin").getForEntity("/api/heatmap/" + definitionId, String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        ResponseEntity<String> tooLong = rest.withBasicAuth("limin", "limin").getForEntity("/api/heatmap/" + definitionId + "?days=101",
                String.class);
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody()).contains("days");
        assertThat(rest.withBasicAuth("limin", "limin").getForEntity("/api/heatmap/NoSuchProcess:1:x", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void engineCommandsRunInASpringTransactionSoCountsAreWrittenAtItsCommit() {
        Boolean required = engineConfiguration.getCommandExecutorTxRequired()
                .execute(context -> TransactionSynchronizationManager.isSynchronizationActive());
        Boolean requiresNew = engineConfiguration.getCommandExecutorTxRequiresNew()
                .execute(context -> TransactionSynchronizationManager.isSynchronizationActive());
        assertThat(required).as("engine command").isTrue();
        assertThat(requiresNew).as("engine command in a new transaction").isTrue();
    }

    /** Asserts the summary changed since the test began exactly as the recount did, and returns that change. */
    private Map<String, List<Long>> changedSinceStart(String step) {
        Map<String, List<Long>> recounted = ActivityDurationRecount.change(recountBefore, ActivityDurationRecount.recount(jdbc, clock.zone()));
        Map<String, List<Long>> kept = ActivityDurationRecount.change(storedBefore, ActivityDurationRecount.stored(jdbc));
        assertThat(kept).as("summary change after: " + step).isEqualTo(recounted);
        return kept;
    }

    /** The summary row of a payment journey activity on the engine clock's today. */
    private String row(String activityId) {
        return clock.today() + "|" + PaymentJourneyProcess.KEY + "|" + activityId;
    }

    /** The summary row of a lead routing activity on the engine clock's today. */
    private String leadRow(String activityId) {
        return clock.today() + "|" + LeadRoutingProcess.KEY + "|" + activityId;
    }

    private static JsonNode activity(JsonNode heatmap, String activityId) {
        for (JsonNode a : heatmap.path("activities")) {
            if (activityId.equals(a.path("activityId").asText())) {
                return a;
            }
        }
        throw new AssertionError(activityId + " not in " + heatmap);
    }

    private static Map<String, Object> invoiceSigned() {
        Map<String, Object> vars = new HashMap<>();
        vars.put(PaymentJourneyProcess.Vars.INVOICE_SIGNED_DATE, TestData.today().toString());
        vars.put(PaymentJourneyProcess.Vars.EXPECTED_PAYMENT_DATE, TestData.today().plusDays(20).toString());
        vars.put(PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_NAME, "王采购");
        vars.put(PaymentJourneyProcess.Vars.PROCUREMENT_CONTACT_MOBILE, "139 1234 5678");
        return vars;
    }
}
