package org.leadtocash.payment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.leadtocash.shared.DateRange;
import org.leadtocash.shared.DurationHistogram;
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
 * Counts, shares and averages come exact from {@link PaymentKpiSummary}; a median is known to its
 * {@link DurationHistogram} bucket: {@code medianDays} / {@code medianHours} is the bucket's upper edge (the median is at
 * most that; null beyond 90 days) and {@code medianDaysFrom} / {@code medianHoursFrom} its lower edge (for an odd count
 * the median is at least that; for an even one the bucket is the upper middle item's), rounded outwards.
 */
@Service
class PaymentKpi {
    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3_600);

    private final JourneyRepository journeys;
    private final PaymentKpiSummary summary;
    private final PaymentNodes nodes;
    private final EngineClock clock;

    public PaymentKpi(JourneyRepository journeys, PaymentKpiSummary summary, PaymentNodes nodes, EngineClock clock) {
        this.journeys = journeys;
        this.summary = summary;
        this.nodes = nodes;
        this.clock = clock;
    }

    public record Report(LocalDate from, LocalDate to, String repId, Cycle cycle, List<NodeDwell> dwellByNode,
                         List<CauseCount> blockerCauses, List<NodeCauseCount> blockerCausesByNode,
                         List<CustomerCauseCount> blockerCausesByCustomer) {
    }

    /** Average and median in days; null when no journey was paid in the range. */
    public record Cycle(int journeysPaid, BigDecimal averageDays, BigDecimal medianDays, BigDecimal medianDaysFrom) {
    }

    /** @param node the node's code */
    public record NodeDwell(String node, int nodeNumber, String nodeLabel, int stays, BigDecimal averageHours,
                            BigDecimal medianHours, BigDecimal medianHoursFrom) {
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
        new DateRange(from, to); // refuses a missing or backward range, naming the parameter
        long[] paid = summary.durations(PaymentKpiSummary.CYCLE, from, to, repId).getOrDefault("", new long[PaymentKpiSummary.DURATIONS
                .counterColumns().size()]);
        DurationHistogram.Bucket cycleMedian = median(paid);
        Cycle cycle = new Cycle((int) paid[PaymentKpiSummary.ITEMS], mean(paid, SECONDS_PER_DAY),
                edge(cycleMedian == null ? null : cycleMedian.to(), 1440, RoundingMode.UP),
                edge(cycleMedian == null ? null : cycleMedian.from(), 1440, RoundingMode.DOWN));

        Map<String, long[]> stays = summary.durations(PaymentKpiSummary.DWELL, from, to, repId);
        Map<String, JourneyNode> known = new LinkedHashMap<>();
        nodes.current().forEach(n -> known.put(n.code(), n));
        stays.keySet().forEach(code -> known.computeIfAbsent(code, nodes::describe));
        List<NodeDwell> dwell = new ArrayList<>();
        for (JourneyNode node : known.values().stream().sorted(BY_NUMBER).toList()) {
            long[] s = stays.get(node.code());
            DurationHistogram.Bucket median = s == null ? null : median(s);
            dwell.add(new NodeDwell(node.code(), node.number(), node.label() + " " + node.chinese(),
                    s == null ? 0 : (int) s[PaymentKpiSummary.ITEMS], s == null ? null : mean(s, SECONDS_PER_HOUR),
                    edge(median == null ? null : median.to(), 60, RoundingMode.UP),
                    edge(median == null ? null : median.from(), 60, RoundingMode.DOWN)));
        }

        List<PaymentKpiSummary.CauseSum> sums = summary.causes(from, to, repId);
        long ticks = sums.stream().filter(c -> PaymentKpiSummary.ALL.equals(c.dimension())).mapToLong(PaymentKpiSummary.CauseSum::ticks).sum();
        List<CauseCount> causes = sums.stream().filter(c -> PaymentKpiSummary.ALL.equals(c.dimension()))
                .map(c -> new CauseCount(c.cause(), label(c.cause()), (int) c.ticks(),
                        BigDecimal.valueOf(c.ticks()).divide(BigDecimal.valueOf(ticks), 4, RoundingMode.HALF_UP)))
                .sorted(CAUSES_RANKED).toList();
        Map<String, JourneyNode> described = new HashMap<>(known);
        List<NodeCauseCount> byNode = sums.stream().filter(c -> PaymentKpiSummary.NODE.equals(c.dimension()))
                .map(c -> {
                    JourneyNode node = described.computeIfAbsent(c.group(), nodes::describe);
                    return new NodeCauseCount(node.code(), node.number(), node.label() + " " + node.chinese(), c.cause(), label(c.cause()),
                            (int) c.ticks());
                })
                .sorted(NODE_CAUSES_RANKED).toList();
        List<CustomerCauseCount> byCustomer = sums.stream().filter(c -> PaymentKpiSummary.CUSTOMER.equals(c.dimension()))
                .map(c -> new CustomerCauseCount(c.group().isEmpty() ? null : c.group(), c.groupName(), c.cause(), label(c.cause()),
                        (int) c.ticks()))
                .sorted(CUSTOMER_CAUSES_RANKED).toList();
        return new Report(from, to, repId, cycle, dwell, causes, byNode, byCustomer);
    }

    private static final Comparator<CauseCount> CAUSES_RANKED = Comparator.comparingInt(CauseCount::count).reversed()
            .thenComparing(CauseCount::cause);
    private static final Comparator<NodeCauseCount> NODE_CAUSES_RANKED = Comparator.comparingInt(NodeCauseCount::count).reversed()
            .thenComparingInt(NodeCauseCount::nodeNumber).thenComparing(NodeCauseCount::node).thenComparing(NodeCauseCount::cause);
    /** Customers of one name (rare) in the order of their ids. */
    private static final Comparator<CustomerCauseCount> CUSTOMER_CAUSES_RANKED = Comparator.comparingInt(CustomerCauseCount::count)
            .reversed().thenComparing(CustomerCauseCount::customerName).thenComparing(CustomerCauseCount::cause)
            .thenComparing(CustomerCauseCount::customerId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private static DurationHistogram.Bucket median(long[] counts) {
        return DurationHistogram.median(Arrays.copyOfRange(counts, PaymentKpiSummary.FIRST_BUCKET, counts.length));
    }

    /** The sum of whole seconds over count × unit, HALF_UP to 1 decimal, as {@link Stats#mean} gives it from the items. */
    private static BigDecimal mean(long[] counts, BigDecimal unit) {
        long n = counts[PaymentKpiSummary.ITEMS];
        return n == 0 ? null : BigDecimal.valueOf(counts[PaymentKpiSummary.SECONDS])
                .divide(unit.multiply(BigDecimal.valueOf(n)), 1, RoundingMode.HALF_UP);
    }

    /** A bucket edge in days ({@code minutes} 1440) or hours (60), 1 decimal: upper edges rounded up, lower ones down. */
    private static BigDecimal edge(Duration edge, int minutes, RoundingMode rounding) {
        return edge == null ? null : BigDecimal.valueOf(edge.toMinutes()).divide(BigDecimal.valueOf(minutes), 1, rounding);
    }

    /**
     * The report as computed from every paid journey, node stay and checklist of the range, with exact medians (in both
     * median fields): what the summary replaces, kept for comparing the two.
     */
    Report perItem(LocalDate from, LocalDate to, String repId) {
        DateRange range = new DateRange(from, to);
        Instant start = range.start(clock.zone());
        Instant end = range.end(clock.zone());

        List<BigDecimal> cycles = journeys.paidBetween(start, end, repId).stream()
                .map(j -> seconds(j.startedAt(), j.paidAt())).sorted().toList();
        BigDecimal cycleMedian = Stats.median(cycles, SECONDS_PER_DAY, 1);
        Cycle cycle = new Cycle(cycles.size(), Stats.mean(cycles, SECONDS_PER_DAY, 1), cycleMedian, cycleMedian);

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
            BigDecimal median = Stats.median(s, SECONDS_PER_HOUR, 1);
            dwell.add(new NodeDwell(node.code(), node.number(), node.label() + " " + node.chinese(), s.size(),
                    Stats.mean(s, SECONDS_PER_HOUR, 1), median, median));
        }

        List<JourneyRepository.CauseRow> rows = journeys.causesAnsweredBetween(start, end, repId);
        int ticks = rows.size();
        List<CauseCount> causes = counted(rows, JourneyRepository.CauseRow::cause).entrySet().stream()
                .map(e -> new CauseCount(e.getKey(), label(e.getKey()), e.getValue(),
                        BigDecimal.valueOf(e.getValue()).divide(BigDecimal.valueOf(ticks), 4, RoundingMode.HALF_UP)))
                .sorted(CAUSES_RANKED)
                .toList();
        Map<String, JourneyNode> described = new HashMap<>(known);
        List<NodeCauseCount> byNode = counted(rows, r -> new NodeCause(r.node(), r.cause())).entrySet().stream()
                .map(e -> {
                    JourneyNode node = described.computeIfAbsent(e.getKey().node(), nodes::describe);
                    return new NodeCauseCount(node.code(), node.number(), node.label() + " " + node.chinese(),
                            e.getKey().cause(), label(e.getKey().cause()), e.getValue());
                })
                .sorted(NODE_CAUSES_RANKED)
                .toList();
        List<CustomerCauseCount> byCustomer = counted(rows, r -> new CustomerCause(r.customerId(), r.customerName(), r.cause()))
                .entrySet().stream()
                .map(e -> new CustomerCauseCount(e.getKey().customerId(), e.getKey().customerName(), e.getKey().cause(),
                        label(e.getKey().cause()), e.getValue()))
                .sorted(CUSTOMER_CAUSES_RANKED)
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
