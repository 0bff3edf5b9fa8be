package org.leadtocash.payment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.leadtocash.lead.SalesStaff;
import org.leadtocash.lead.SalesTeam;
import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rep's "what is stuck" view: every journey still at a node that has not moved for its breaker period (48 h
 * as drawn on that node's timer in the version the journey runs), most overdue first; node names and suggestions as
 * drawn there too, so a node an owner added shows like the shipped ones. Overdue counts from the node's
 * deadline, nodeSince + the period, in whole hours (rounded down) on the engine clock.
 */
@Service
class StuckPayments {
    private final JourneyRepository journeys;
    private final PaymentNodes breakers;
    private final SalesTeam salesTeam;
    private final EngineClock clock;

    public StuckPayments(JourneyRepository journeys, PaymentNodes breakers, SalesTeam salesTeam, EngineClock clock) {
        this.journeys = journeys;
        this.breakers = breakers;
        this.salesTeam = salesTeam;
        this.clock = clock;
    }

    /**
     * One stuck payment.
     *
     * @param node            the node's code
     * @param deadline        when the node's 48 h ran out (nodeSince + 48 h)
     * @param hoursOverdue    whole hours since the deadline
     * @param lastBlockerCauses the causes of the rep's last answered checklist for this journey (empty if none)
     * @param plannedAction   the next action the rep wrote in that checklist, and its date
     * @param suggestedAction what to do, per node and last cause
     * @param actBy           by when: the next of 10:00 / 14:00 / 17:00 at least an hour away
     * @param sentence        the whole thing in one line, in the source's words
     */
    public record StuckPayment(String journeyId, String invoiceNo, String customerId, String customerName,
                               String projectName, String repId, String repName, BigDecimal amountDue,
                               BigDecimal amountOutstanding, String node, int nodeNumber, String nodeLabel,
                               Instant nodeSince, Instant deadline, long hoursOverdue, List<BlockerCause> lastBlockerCauses,
                               String plannedAction, LocalDate plannedActionDate, String suggestedAction, Instant actBy,
                               String sentence) {
    }

    /** @param repId one rep's journeys, or null for everyone's */
    @Transactional(readOnly = true)
    public List<StuckPayment> stuck(String repId) {
        Instant now = clock.now();
        // nothing is stuck before the shortest breaker of any version ran out; then each journey by its own version
        List<JourneyDetails> candidates = journeys.openNotMovedSince(now.minus(breakers.shortest()), repId);
        Map<String, String> versions = breakers.definitionsOf(candidates.stream().map(d -> d.journey().processInstanceId()).toList());
        String latest = candidates.isEmpty() ? null : breakers.latest();
        Map<String, Instant> deadlines = new HashMap<>();
        Map<String, JourneyNode> nodes = new HashMap<>();
        for (JourneyDetails d : candidates) {
            PaymentJourney j = d.journey();
            String version = versions.getOrDefault(j.processInstanceId(), latest);
            Duration after = breakers.breakerAfter(version, j.node());
            if (after != null) {
                deadlines.put(j.id(), j.nodeSince().plus(after));
                nodes.put(j.id(), breakers.node(version, j.node()));
            }
        }
        List<JourneyDetails> rows = candidates.stream().filter(d -> deadlines.containsKey(d.journey().id())
                && !deadlines.get(d.journey().id()).isAfter(now)).toList();
        Map<String, BlockerCheck> lastChecks = journeys.lastAnsweredChecks(rows.stream().map(d -> d.journey().id()).toList());
        Map<String, String> names = salesTeam.roster().stream()
                .collect(Collectors.toMap(SalesStaff::userId, SalesStaff::displayName, (a, b) -> a));
        Instant actBy = PaymentAdvice.actBy(now, clock.zone());
        return rows.stream().map(d -> {
            PaymentJourney j = d.journey();
            JourneyNode node = nodes.get(j.id());
            Instant deadline = deadlines.get(j.id());
            long hours = Duration.between(deadline, now).toHours();
            BlockerCheck last = lastChecks.get(j.id());
            List<BlockerCause> causes = last == null ? List.of() : last.causes();
            BlockerCause first = causes.isEmpty() ? null : causes.get(0);
            String suggestion = PaymentAdvice.suggestion(node, first);
            String repName = names.getOrDefault(j.repId(), j.repId());
            return new StuckPayment(j.id(), j.invoiceNo(), j.customerId(), j.customerName(), j.projectName(), j.repId(),
                    repName, j.amountDue(), j.amountOutstanding(), j.node(), node.number(),
                    node.label() + " " + node.chinese(), j.nodeSince(), deadline, hours, causes,
                    last == null ? null : last.nextAction(), last == null ? null : last.nextActionDate(), suggestion,
                    actBy, PaymentAdvice.sentence(repName, j.customerName(), j.projectName(), node, hours, first,
                            suggestion, actBy, now, clock.zone()));
        }).sorted(Comparator.comparingLong(StuckPayment::hoursOverdue).reversed().thenComparing(StuckPayment::journeyId))
                .toList();
    }
}
