package org.leadtocash.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadtocash.lead.Lead;
import org.leadtocash.lead.LeadRoutingProcess;
import org.leadtocash.payment.PaymentJourney;
import org.leadtocash.payment.PaymentJourneyProcess;
import org.leadtocash.standin.U8StandIn;

/**
 * A thousand escalations come due at the same instant on a two-node cluster (see {@link Cluster}: node A in this JVM,
 * node B a separate JVM, one embedded PostgreSQL, both job executors on): 250 East leads whose 4 h voice-call reminder
 * is due, 250 North leads whose 2 h DingTalk alert to the managers is due (nobody could be assigned), and 500 payment
 * journeys whose 48 h breaker at ① is due. The leads and journeys are created as usual (their timers due hours ahead);
 * then every timer's due date is set to now in one transaction, so at its commit all thousand are due at once.
 *
 * <p>Both nodes drain them. Every escalation must have fired exactly once: the delivery log has exactly one successful
 * row per process instance, with the idempotency key (process instance, timer, occurrence); the local DingTalk robot
 * and voice gateway received exactly one message per lead and per invoice; every timer fired once in history; no job
 * is left but the breakers' next cycle (48 h on), and there is no incident. No job may fail on the way except by the
 * two nodes' optimistic-locking conflict on one instance, which Camunda rolls back and retries: this burst
 * is what exposed a connection pool as small as the job executor's thread pool (a job thread needs a second connection
 * for the delivery log's own transactions; with Hikari's default 10 the pool deadlocked for its 30 s timeout and jobs
 * failed — {@code spring.datasource.hikari.maximum-pool-size} in {@code application.yaml}).
 */
class EscalationsExactlyOnceClusterTests {
    private static final int EAST_LEADS = 250;
    private static final int NORTH_LEADS = 250;
    private static final int JOURNEYS = 500;
    /** Camunda's code for "entity was updated by another transaction concurrently". */
    private static final String OPTIMISTIC_LOCKING = "ENGINE-03005";

    private static NotificationPeers peers;
    private static U8StandIn u8;
    private static Cluster cluster;
    private static Fixtures fixtures;

    @BeforeAll
    static void startCluster() throws Exception {
        peers = new NotificationPeers();
        u8 = new U8StandIn();
        // no node dies here: generous HTTP time-outs, so a loaded machine cannot turn a slow answer into a retry
        cluster = Cluster.start(EscalationsExactlyOnceClusterTests.class.getSimpleName(), peers, u8, Map.of(
                "leadtocash.notify.dingtalk.request-timeout", "PT5S", "leadtocash.notify.voice.request-timeout", "PT5S",
                "leadtocash.notify.claim-timeout", "PT30S"));
        fixtures = new Fixtures(cluster);
        fixtures.seed();
    }

    @AfterAll
    static void stopCluster() {
        Cluster.stop(cluster, peers, u8);
    }

    @Test
    void aThousandEscalationsDueAtOnceFireExactlyOnceAcrossTwoNodes() {
        long t0 = System.nanoTime();
        List<Lead> east = new ArrayList<>();
        List<Lead> north = new ArrayList<>();
        List<PaymentJourney> journeys = new ArrayList<>();
        for (int i = 0; i < JOURNEYS; i++) {
            if (i < EAST_LEADS) {
                east.add(fixtures.lead("EAST"));
            }
            if (i < NORTH_LEADS) {
                north.add(fixtures.lead("NORTH"));
            }
            journeys.add(fixtures.journey());
        }
        long created = System.nanoTime();
        // routing runs as jobs on both nodes; afterwards every lead and journey waits with its timer armed
        Poll.until("routing of every lead", Duration.ofSeconds(120), () -> cluster.dueJobs().isEmpty());
        long routed = System.nanoTime();
        Map<String, List<Cluster.JobRow>> timers = cluster.jobs().stream().filter(j -> "timer".equals(j.type()))
                .collect(Collectors.groupingBy(Cluster.JobRow::activityId));
        // every lead's 4 h reminder is armed from its creation; only the EAST leads have a rep it will call
        assertThat(timers.get(LeadRoutingProcess.Event.FOUR_HOURS_NO_CONTACT)).hasSize(EAST_LEADS + NORTH_LEADS);
        assertThat(timers.get(LeadRoutingProcess.Event.TWO_HOURS_UNASSIGNED)).hasSize(NORTH_LEADS);
        assertThat(timers.get(PaymentJourneyProcess.Event.BREAKER_INVOICE_SUBMITTED)).hasSize(JOURNEYS);
        assertThat(timers).hasSize(3);
        assertThat(peers.count()).as("nothing sent before the timers are due").isZero();
        List<String> timerIds = timers.values().stream().flatMap(List::stream).map(Cluster.JobRow::id).toList();

        long burst = System.nanoTime();
        fixtures.dueNow(timerIds);
        long due = System.nanoTime();
        int expected = EAST_LEADS + NORTH_LEADS + JOURNEYS;
        int[] hurried = {0};
        Poll.until("a successful delivery for each of the " + expected + " escalations, and no job due", Duration.ofSeconds(150),
                () -> {
                    hurried[0] += cluster.hurryRetries();
                    return new Drain(successfulDeliveries(), cluster.dueJobs().size(), cluster.failedJobExecutions().size());
                }, d -> d.delivered() >= expected && d.due() == 0);
        long drained = System.nanoTime();
        List<String> failures = cluster.failedJobExecutions();
        Map<String, Long> byNode = peers.received().stream()
                .collect(Collectors.groupingBy(NotificationPeers.Message::node, Collectors.counting()));
        cluster.figure("created {} leads + {} journeys in {} ms; routing drained {} ms later", EAST_LEADS + NORTH_LEADS, JOURNEYS,
                ms(created - t0), ms(routed - created));
        cluster.figure("{} timers made due in one transaction in {} ms; drained (timer + notification job each) in {} ms"
                        + " = {} escalations/s; messages sent per node {}; failed jobs hurried to their retry: {}",
                timerIds.size(), ms(due - burst), ms(drained - due), String.format("%.0f", expected * 1e9 / (drained - due)),
                byNode, hurried[0]);
        // no job failed for any reason but one: a North lead has two timers due at the same instant (2 h and 4 h), and
        // exclusive jobs keep them apart on one node only; when the two nodes take one each, the second to commit meets
        // Camunda's optimistic-locking conflict, rolls back whole and runs again (its message is sent once, checked
        // below). Any other failure (a pool that runs dry, a refused message) shows up here.
        List<String> otherFailures = failures.stream().filter(f -> !f.contains(OPTIMISTIC_LOCKING)).toList();
        assertThat(otherFailures).as("failed job executions other than a two-node optimistic-locking conflict").isEmpty();
        cluster.figure("optimistic-locking conflicts between the nodes, rolled back and retried: {}", failures.size());

        // the delivery log: one successful row per process instance, keyed (process instance, timer, occurrence)
        List<Map<String, Object>> rows = cluster.jdbc().sql("SELECT process_instance_id, business_key, channel, status,"
                + " idempotency_key FROM notification_delivery").query().listOfRows();
        assertThat(rows).as("attempts that failed").noneMatch(r -> "FAILED".equals(r.get("status")));
        Map<String, List<Map<String, Object>>> byInstance = rows.stream()
                .collect(Collectors.groupingBy(r -> (String) r.get("process_instance_id")));
        List<String> problems = new ArrayList<>();
        for (Lead lead : east) {
            expectOne(problems, byInstance, lead.processInstanceId(), lead.id(), "VOICE_CALL",
                    lead.processInstanceId() + "/" + LeadRoutingProcess.Task.VOICE_CALL_REMINDER + "/");
        }
        for (Lead lead : north) {
            expectOne(problems, byInstance, lead.processInstanceId(), lead.id(), "DINGTALK",
                    lead.processInstanceId() + "/" + LeadRoutingProcess.Task.NOTIFY_MANAGER_UNASSIGNED + "/");
        }
        for (PaymentJourney j : journeys) {
            expectOne(problems, byInstance, j.processInstanceId(), j.id(), "DINGTALK",
                    j.processInstanceId() + "/" + PaymentJourneyProcess.Event.BREAKER_INVOICE_SUBMITTED + "/1");
        }
        assertThat(rows).hasSize(expected);
        assertThat(problems).as("escalations not delivered exactly once").isEmpty();

        // the outside world: one message per lead and per invoice, nothing refused
        assertThat(peers.refused()).isZero();
        assertThat(peers.count()).isEqualTo(expected);
        Map<String, Integer> counts = peers.countsById();
        List<String> wrong = new ArrayList<>();
        east.forEach(l -> check(wrong, counts, l.id()));
        north.forEach(l -> check(wrong, counts, l.id()));
        journeys.forEach(j -> check(wrong, counts, j.invoiceNo()));
        assertThat(wrong).as("messages received by the DingTalk robot / voice gateway other than once").isEmpty();
        assertThat(peers.countsByText().values()).allMatch(n -> n == 1);
        assertThat(byNode.keySet()).as("both nodes sent escalations").containsExactlyInAnyOrder(Cluster.A, Cluster.B);

        // every timer fired once in history (a NORTH lead's 4 h reminder too, finding no rep to call); each journey's
        // breaker recorded firing 1, once
        Map<String, Long> firings = cluster.jdbc().sql("SELECT PROC_INST_ID_, ACT_ID_, COUNT(*) FROM ACT_HI_ACTINST"
                        + " WHERE ACT_ID_ IN (?, ?, ?) GROUP BY PROC_INST_ID_, ACT_ID_")
                .params(LeadRoutingProcess.Event.FOUR_HOURS_NO_CONTACT, LeadRoutingProcess.Event.TWO_HOURS_UNASSIGNED,
                        PaymentJourneyProcess.Event.BREAKER_INVOICE_SUBMITTED)
                .query((rs, i) -> Map.entry(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(firings).hasSize(expected + NORTH_LEADS).allSatisfy((timer, n) -> assertThat(n).as("firings of " + timer).isOne());
        assertThat(cluster.jdbc().sql("SELECT COUNT(*) FROM payment_blocker_check WHERE occurrence = 1").query(Integer.class).single())
                .isEqualTo(JOURNEYS);
        assertThat(cluster.jdbc().sql("SELECT COUNT(*) FROM payment_blocker_check").query(Integer.class).single()).isEqualTo(JOURNEYS);

        // nothing left but each breaker's next cycle, 48 h on; no incident
        assertThat(cluster.incidents()).isEmpty();
        assertThat(cluster.stuck(Set.of())).isEmpty();
        Date inADay = new Date(System.currentTimeMillis() + Duration.ofHours(24).toMillis());
        List<Cluster.JobRow> left = cluster.jobs();
        assertThat(left).hasSize(JOURNEYS).allSatisfy(j -> {
            assertThat(j.activityId()).isEqualTo(PaymentJourneyProcess.Event.BREAKER_INVOICE_SUBMITTED);
            assertThat(j.due()).isAfter(inADay);
        });
        assertThat(left.stream().map(Cluster.JobRow::processInstanceId).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(journeys.stream().map(PaymentJourney::processInstanceId).toList());
    }

    /** Where the drain stands: successful deliveries, jobs due, failed job executions so far. */
    private record Drain(int delivered, int due, int failedJobs) {
    }

    private static void expectOne(List<String> problems, Map<String, List<Map<String, Object>>> byInstance, String pi,
                                  String businessKey, String channel, String keyPrefix) {
        List<Map<String, Object>> rows = byInstance.getOrDefault(pi, List.of());
        if (rows.size() != 1) {
            problems.add(businessKey + " (" + pi + "): " + rows.size() + " deliveries " + rows);
            return;
        }
        Map<String, Object> row = rows.get(0);
        String key = (String) row.get("idempotency_key");
        boolean keyed = keyPrefix.endsWith("/") ? key.startsWith(keyPrefix) && key.length() > keyPrefix.length()
                : key.equals(keyPrefix);
        if (!"SENT".equals(row.get("status")) || !channel.equals(row.get("channel")) || !businessKey.equals(row.get("business_key"))
                || !keyed) {
            problems.add(businessKey + " (" + pi + "): unexpected delivery " + row);
        }
    }

    private static void check(List<String> wrong, Map<String, Integer> counts, String id) {
        int n = counts.getOrDefault(id, 0);
        if (n != 1) {
            wrong.add(id + " received " + n + " times");
        }
    }

    private int successfulDeliveries() {
        return cluster.jdbc().sql("SELECT COUNT(*) FROM notification_delivery WHERE status IN ('SENT', 'NOT_SENT_UNCONFIGURED')")
                .query(Integer.class).single();
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
