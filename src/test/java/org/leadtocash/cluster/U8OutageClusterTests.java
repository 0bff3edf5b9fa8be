package org.leadtocash.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.quote.QuoteToInvoiceProcess;
import org.leadtocash.quote.Quotes;
import org.leadtocash.standin.U8StandIn;

/**
 * U8 is unavailable for a while on a two-node cluster (see {@link Cluster}). The hand-offs of both nodes retry through
 * the diagrams' cycle ({@code R5/PT1M}: five attempts; the test makes each retry due at once instead of a minute later),
 * end as incidents in Cockpit, and once U8 is back and an operator retries the incidents (set retries, as Cockpit
 * does), every invoice request is accepted, exactly once. U8's biz_id check is off in the stand-in: a resend must not
 * create a second sale invoice because the application reuses the tradeid it committed before the first send.
 */
class U8OutageClusterTests {
    private static final int QUOTES = 8;
    private static final int ATTEMPTS = 5;

    private static NotificationPeers peers;
    private static U8StandIn u8;
    private static Cluster cluster;
    private static Fixtures fixtures;

    @BeforeAll
    static void startCluster() throws Exception {
        peers = new NotificationPeers();
        u8 = new U8StandIn();
        cluster = Cluster.start(U8OutageClusterTests.class.getSimpleName(), peers, u8, Map.of());
        fixtures = new Fixtures(cluster);
        fixtures.seed();
    }

    @AfterAll
    static void stopCluster() {
        Cluster.stop(cluster, peers, u8);
    }

    @BeforeEach
    void u8IsUp() throws Exception {
        u8.restart();
        u8.answer503(false);
        u8.dropAnswers(false);
        u8.bizIdDedup(false);
    }

    @Test
    void handOffsRetryThroughA503OutageBecomeIncidentsAndAreAcceptedOnceWhenRetriedAfterU8IsBack() {
        u8.answer503(true);
        List<String> instances = approvedQuotes();
        long t0 = System.nanoTime();
        List<Job> failed = awaitIncidents(instances);
        long incidentsAt = System.nanoTime();
        Map<String, String> bizIds = invoiceRequests(instances);

        // the outage: nothing created, every attempt recorded as FAILED, one incident per hand-off
        assertThat(u8.acceptedAdds()).doesNotContainKeys(bizIds.values().toArray(String[]::new));
        assertThat(u8.refusedWith503()).isGreaterThanOrEqualTo(QUOTES * ATTEMPTS);
        assertThat(attempts(bizIds.values(), "FAILED")).allSatisfy((biz, n) -> assertThat(n).as(biz).isEqualTo(ATTEMPTS));
        assertIncidents(instances, "HTTP 503");
        cluster.figure("503 outage: {} hand-offs made {} attempts each in {} ms and became incidents", QUOTES, ATTEMPTS,
                (incidentsAt - t0) / 1_000_000);

        // U8 is back; the operator retries the incidents
        u8.answer503(false);
        retry(failed);
        awaitHandedOff(instances);

        assertAcceptedOnce(bizIds);
        assertThat(attempts(bizIds.values(), "FAILED")).allSatisfy((biz, n) -> assertThat(n).as(biz).isEqualTo(ATTEMPTS));
        assertRecovered(instances, bizIds);
    }

    @Test
    void handOffsU8AcceptedWithoutAnsweringAreResentWithTheirTradeIdAfterU8RefusedConnectionsForAWhile() throws Exception {
        // U8 creates each sale invoice, then goes down before answering; afterwards it refuses connections
        u8.dropAnswers(true);
        List<String> instances = approvedQuotes();
        Map<String, String> bizIds = new LinkedHashMap<>();
        Poll.until("U8 to create every sale invoice without answering", Duration.ofSeconds(120), () -> {
            if (bizIds.isEmpty()) {
                try {
                    bizIds.putAll(invoiceRequests(instances));
                } catch (RuntimeException notYet) {
                    return false;
                }
            }
            return u8.acceptedAdds().keySet().containsAll(bizIds.values());
        });
        u8.stop();
        u8.dropAnswers(false);
        List<Job> failed = awaitIncidents(instances);

        assertThat(u8.droppedAnswers()).isGreaterThanOrEqualTo(QUOTES);
        assertIncidents(instances, "could not reach U8");
        Map<String, List<String>> tradeIds = tradeIds(bizIds.values());
        assertThat(tradeIds).allSatisfy((biz, ids) -> assertThat(ids).as("tradeids of " + biz).hasSize(ATTEMPTS)
                .containsOnly(ids.get(0)));

        // U8 listens again; the operator retries the incidents
        u8.restart();
        retry(failed);
        awaitHandedOff(instances);

        assertAcceptedOnce(bizIds);
        // the accepted attempt resent the tradeid of the first one, which U8 answered as a repeat
        Map<String, List<String>> after = tradeIds(bizIds.values());
        assertThat(after).allSatisfy((biz, ids) -> assertThat(ids).as("tradeids of " + biz).hasSize(ATTEMPTS + 1)
                .containsOnly(tradeIds.get(biz).get(0)));
        assertThat(u8.addCalls()).allSatisfy((biz, n) -> {
            if (bizIds.containsValue(biz)) {
                assertThat(n).as("adds of " + biz + " that reached U8").isGreaterThanOrEqualTo(2);
            }
        });
        assertRecovered(instances, bizIds);
    }

    // --- steps ---------------------------------------------------------------------------------------------------

    /** Quotes approved by legal in one transaction: their invoice requests and hand-offs run as jobs on both nodes. */
    private List<String> approvedQuotes() {
        List<Quotes.Started> quotes = new ArrayList<>();
        for (int i = 0; i < QUOTES; i++) {
            quotes.add(fixtures.quoteAwaitingLegal(Fixtures.REPS.get(i % Fixtures.REPS.size())));
        }
        List<String> instances = quotes.stream().map(Quotes.Started::processInstanceId).toList();
        fixtures.inOneTransaction(() -> instances.forEach(fixtures::approve));
        return instances;
    }

    /** Hurries each failed attempt's retry until every hand-off job has no retries left; returns those jobs. */
    private List<Job> awaitIncidents(List<String> instances) {
        return Poll.until("an incident for each hand-off", Duration.ofSeconds(150), () -> {
            cluster.hurryRetries();
            return handOffJobs(instances);
        }, jobs -> jobs.size() == QUOTES && jobs.stream().allMatch(j -> j.getRetries() == 0)
                && incidents(instances).size() == QUOTES);
    }

    private List<Job> handOffJobs(List<String> instances) {
        List<Job> jobs = new ArrayList<>();
        for (String pi : instances) {
            jobs.addAll(cluster.engine().getManagementService().createJobQuery().processInstanceId(pi)
                    .activityId(QuoteToInvoiceProcess.Task.HAND_OFF_TO_U8).list());
        }
        return jobs;
    }

    private List<Incident> incidents(List<String> instances) {
        Set<String> ids = new HashSet<>(instances);
        return cluster.incidents().stream().filter(i -> ids.contains(i.getProcessInstanceId())).toList();
    }

    private void assertIncidents(List<String> instances, String cause) {
        List<Incident> incidents = incidents(instances);
        assertThat(incidents).hasSize(QUOTES).allSatisfy(i -> {
            assertThat(i.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
            assertThat(i.getActivityId()).isEqualTo(QuoteToInvoiceProcess.Task.HAND_OFF_TO_U8);
            assertThat(i.getIncidentMessage()).contains(cause);
        });
        for (String pi : instances) {
            assertThat(cluster.engine().getRuntimeService().getActiveActivityIds(pi))
                    .as("quote " + pi + " waits before the hand-off").containsExactly(QuoteToInvoiceProcess.Task.HAND_OFF_TO_U8);
        }
    }

    /** What an operator does in Cockpit: give the failed jobs a retry, due now. */
    private void retry(List<Job> failed) {
        cluster.engine().getManagementService().setJobRetries(1).jobIds(failed.stream().map(Job::getId).toList())
                .dueDate(new Date()).execute();
    }

    private void awaitHandedOff(List<String> instances) {
        Poll.until("every quote handed off", Duration.ofSeconds(120), () -> {
            cluster.hurryRetries();
            return cluster.engine().getHistoryService().createHistoricProcessInstanceQuery()
                    .processInstanceIds(new HashSet<>(instances)).finished().count() == QUOTES;
        });
    }

    // --- checks --------------------------------------------------------------------------------------------------

    /** Invoice request id (the biz_id) per quote instance. */
    private Map<String, String> invoiceRequests(List<String> instances) {
        Map<String, String> ids = new LinkedHashMap<>();
        for (String pi : instances) {
            Object id = cluster.engine().getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(pi)
                    .variableName(QuoteToInvoiceProcess.Vars.INVOICE_REQUEST_ID).singleResult().getValue();
            ids.put(pi, (String) id);
        }
        return ids;
    }

    private Map<String, Long> attempts(Collection<String> bizIds, String outcome) {
        Map<String, Long> counts = cluster.jdbc().sql("SELECT biz_id, COUNT(*) FROM erp_handoff WHERE outcome = ? GROUP BY biz_id")
                .param(outcome).query((rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        Map<String, Long> ours = new LinkedHashMap<>();
        bizIds.forEach(b -> ours.put(b, counts.getOrDefault(b, 0L)));
        return ours;
    }

    /** The tradeid of each attempt of each biz_id, oldest first. */
    private Map<String, List<String>> tradeIds(Collection<String> bizIds) {
        Map<String, List<String>> ids = new LinkedHashMap<>();
        for (String biz : bizIds) {
            ids.put(biz, cluster.jdbc().sql("SELECT trade_id FROM erp_handoff WHERE biz_id = ? ORDER BY id").param(biz)
                    .query(String.class).list());
        }
        return ids;
    }

    private void assertAcceptedOnce(Map<String, String> bizIds) {
        Map<String, Integer> created = u8.acceptedAdds();
        for (String biz : bizIds.values()) {
            assertThat(created.getOrDefault(biz, 0)).as("sale invoices U8 created for " + biz).isOne();
        }
        assertThat(attempts(bizIds.values(), "ACCEPTED")).allSatisfy((biz, n) -> assertThat(n).as(biz).isOne());
        assertThat(attempts(bizIds.values(), "IN_FLIGHT")).allSatisfy((biz, n) -> assertThat(n).as(biz).isZero());
    }

    /** Every quote ended handed off with one payment journey; incidents resolved; nothing stuck. */
    private void assertRecovered(List<String> instances, Map<String, String> bizIds) {
        for (String pi : instances) {
            assertThat(cluster.engine().getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi)
                    .singleResult().getEndActivityId()).isEqualTo(QuoteToInvoiceProcess.Event.INVOICE_HANDED_OFF);
            assertThat(cluster.engine().getHistoryService().createHistoricIncidentQuery().processInstanceId(pi).resolved().count())
                    .as("resolved incidents of " + pi).isOne();
        }
        for (String biz : bizIds.values()) {
            assertThat(cluster.engine().getRuntimeService().createProcessInstanceQuery()
                    .processDefinitionKey(PaymentJourneyProcess.KEY).processInstanceBusinessKey(biz).count()).isOne();
            assertThat(cluster.jdbc().sql("SELECT status FROM invoice_request WHERE id = ?").param(biz).query(String.class).single())
                    .isEqualTo("ACCEPTED");
        }
        assertThat(incidents(instances)).isEmpty();
        assertThat(cluster.stuck(Set.of())).isEmpty();
    }
}
