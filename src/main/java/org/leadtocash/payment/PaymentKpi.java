package org.leadtocash.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.leadtocash.shared.DateRange;
import org.leadtocash.shared.Stats;
import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * R-24 over a date range (calendar days in the sales team's zone, both ends included):
 * <ul>
 * <li>payment cycle, ① to ⑤: from the journey's start to the day the whole amount was received, over journeys paid in
 * full in the range; average and median in days (1 decimal, HALF_UP);</li>
 * <li>dwell time per node: how long journeys stayed at each node, over node stays that ended in the range (a node
 * skipped by an early bank receipt has no stay); average and median in hours (1 decimal). The nodes are those of the
 * newest deployed diagram, by number, and any other node with stays in the range: a node an owner adds shows up;</li>
 * <li>blocker causes ranked: how often each cause was ticked in checklists answered in the range, overall, per node
 * and per customer.</li>
 * </ul>
 */
@Service
class PaymentKpi {
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3_600);

    private final JourneyRepository journeys;
    private final PaymentNodes nodes;
    private final EngineClock clock;

    public PaymentKpi(JourneyRepository journeys, PaymentNodes nodes, EngineClock clock) {
        this.journeys = journeys;
        this.nodes = nodes;
        this.clock = clock;
    }

    public record Report(LocalDate from, LocalDate to, String repId, Cycle cycle, List<NodeDwell> dwellByNode,
                         List<CauseCount> blockerCauses, List<NodeCauseCount> blockerCausesByNode,
                         List<CustomerCauseCount> blockerCausesByCustomer) {
    }

    /** Average and median in days; null when no journey was paid in the range. */
    public record Cycle(int journeysPaid, BigDecimal averageDays, BigDecimal medianDays) {
    }

    /** @param node the node's code */
    public record NodeDwell(String node, int nodeNumber, String nodeLabel, int stays, BigDecimal averageHours,
                            BigDecimal medianHours) {
    }

    /** @param share of all ticks in the range, 0..1 with 4 decimals */
    public record CauseCount(BlockerCause cause, String label, int count, BigDecimal share) {
    }

    /** @param node the node's code */
    public record NodeCauseCount(String node, int nodeNumber, String nodeLabel, BlockerCause cause, String label, int count) {
    }

    public record CustomerCauseCount(String customerId, String customerName, BlockerCause cause, String label, int count) {
    }

    /** @param repId one rep's journeys, or null for all */
    @Transactional(readOnly = true)
    public Report report(LocalDate from, LocalDate to, String repId) {
        DateRange range = new DateRange(from, to);
        Instant start = range.start(clock.zone());
        Instant end = range.end(clock.zone());

        List<BigDecimal> cycles = journeys.paidBetween(start, end, repId).stream()
                .map(j -> seconds(j.startedAt(), j.paidAt())).sorted().toList();
        Cycle cycle = new Cycle(cycles.size(), Stats.mean(cycles, SECONDS_PER_DAY, 1), Stats.median(cycles, SECONDS_PER_DAY, 1));

        Map<String, List<BigDecimal>> stays = new HashMap<>();
        for (JourneyRepository.NodeVisit v : journeys.visitsEndedBetween(start, end, repId)) {
            stays.computeIfAbsent(v.node(), n -> new ArrayList<>()).add(seconds(v.enteredAt(), v.leftAt()));
        }
        Map<String, JourneyNode> known = new LinkedHashMap<>();
        nodes.current().forEach(n -> known.put(n.code(), n));
        stays.keySet().forEach(code -> known.computeIfAbsent(code, nodes::describe));
        List<NodeDwell> dwell = new ArrayList<>();
        for (JourneyNode node : known.values().stream().sorted(BY_NUMBER).toList()) {
            List<BigDecimal> s = stays.getOrDefault(node.code(), List.of()).stream().sorted().toList();
            dwell.add(new NodeDwell(node.code(), node.number(), node.label() + " " + node.chinese(), s.size(),
                    Stats.mean(s, SECONDS_PER_HOUR, 1), Stats.median(s, SECONDS_PER_HOUR, 1)));
        }

        List<JourneyRepository.CauseRow> rows = journeys.causesAnsweredBetween(start, end, repId);
        int ticks = rows.size();
        List<CauseCount> causes = counted(rows, JourneyRepository.CauseRow::cause).entrySet().stream()
                .map(e -> new CauseCount(e.getKey(), label(e.getKey()), e.getValue(),
                        BigDecimal.valueOf(e.getValue()).divide(BigDecimal.valueOf(ticks), 4, RoundingMode.HALF_UP)))
                .sorted(Comparator.comparingInt(CauseCount::count).reversed().thenComparing(CauseCount::cause))
                .toList();
        Map<String, JourneyNode> described = new HashMap<>(known);
        List<NodeCauseCount> byNode = counted(rows, r -> new NodeCause(r.node(), r.cause())).entrySet().stream()
                .map(e -> {
                    JourneyNode node = described.computeIfAbsent(e.getKey().node(), nodes::describe);
                    return new NodeCauseCount(node.code(), node.number(), node.label() + " " + node.chinese(),
                            e.getKey().cause(), label(e.getKey().cause()), e.getValue());
                })
                .sorted(Comparator.comparingInt(NodeCauseCount::count).reversed()
                        .thenComparingInt(NodeCauseCount::nodeNumber).thenComparing(NodeCauseCount::node)
                        .thenComparing(NodeCauseCount::cause))
                .toList();
        List<CustomerCauseCount> byCustomer = counted(rows, r -> new CustomerCause(r.customerId(), r.customerName(), r.cause()))
                .entrySet().stream()
                .map(e -> new CustomerCauseCount(e.getKey().customerId(), e.getKey().customerName(), e.getKey().cause(),
                        label(e.getKey().cause()), e.getValue()))
                .sorted(Comparator.comparingInt(CustomerCauseCount::count).reversed()
                        .thenComparing(CustomerCauseCount::customerName).thenComparing(CustomerCauseCount::cause))
                .toList();
        return new Report(from, to, repId, cycle, dwell, causes, byNode, byCustomer);
    }

    private static final Comparator<JourneyNode> BY_NUMBER = Comparator.comparingInt(JourneyNode::number)
            .thenComparing(JourneyNode::code);

    private record NodeCause(String node, BlockerCause cause) {
    }

    private record CustomerCause(String customerId, String customerName, BlockerCause cause) {
    }

    private static <K> Map<K, Integer> counted(List<JourneyRepository.CauseRow> rows, Function<JourneyRepository.CauseRow, K> key) {
        return rows.stream().collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.summingInt(r -> 1)));
    }

    private static String label(BlockerCause cause) {
        return cause.chinese() + " " + cause.english();
    }

    /** Whole seconds between the two instants. */
    private static BigDecimal seconds(Instant from, Instant to) {
        return BigDecimal.valueOf(Duration.between(from, to).toSeconds());
    }
}
