package org.leadtocash.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.leadtocash.quote.QuoteToInvoiceProcess.ReviewDecision;
import org.leadtocash.shared.DateRange;
import org.leadtocash.shared.DurationHistogram;
import org.leadtocash.shared.Stats;
import org.leadtocash.shared.EngineClock;
import org.springframework.stereotype.Service;

/**
 * Contract KPIs over the contracts drafted in a date range:
 * <ul>
 * <li>legal return rate = contracts returned at least once / contracts reviewed at least once (31% → 2.4%);</li>
 * <li>contract handling time = draft → legal approval in hours, average and median, over the approved ones (4.7 h → 1.2 h);</li>
 * <li>invoicing error rate = U8 rejections / U8 verdicts recorded in the range (7.3% → 0.2%);</li>
 * <li>process compliance rate (R-32, target ≥ 95%) over the approved ones = share whose locked clauses were all the
 * library's latest at approval × share with every clause type their products need attached × share with a legal
 * APPROVE review by a member of legal.</li>
 * </ul>
 * R-32 computes compliance over a sample: the report gives it over all approved contracts and over a random sample of
 * {@value #SAMPLE_SIZE} of them (all when there are fewer), drawn with a seed the caller may give (default: the period,
 * {@code yyyyMMdd} of from then of to, e.g. 2026030120260331), so the same seed and data give the same sample; the
 * sample's contract ids are listed.
 * Rates are fractions 0..1 with 4 decimals, hours with 2; null when there is nothing to divide by.
 *
 * <p>Counts, rates, the average and the compliance over all approved contracts come from {@link ContractKpiSummary}
 * (exact); the median handling time is known to its {@link DurationHistogram} bucket: {@code medianHandlingHours} is the
 * bucket's upper edge (the median is at most that; null beyond 90 days) and {@code medianHandlingHoursFrom} its lower
 * edge (for an odd count the median is at least that; for an even one the bucket is the upper middle contract's), both
 * in hours, rounded outwards. The sample reads the ids of the range's approved contracts (it draws by rank in id order) and the
 * reviews of the drawn ones. The list of every contract of the range ({@code perContract}) is read only when asked for:
 * its size grows with the range's contracts.
 */
@Service
class QuoteKpi {
    static final int SAMPLE_SIZE = 100;
    private final Contracts contracts;
    private final InvoiceRequests invoiceRequests;
    private final LegalTeam legalTeam;
    private final ContractKpiSummary summary;
    private final EngineClock clock;

    public QuoteKpi(Contracts contracts, InvoiceRequests invoiceRequests, LegalTeam legalTeam, ContractKpiSummary summary,
                    EngineClock clock) {
        this.contracts = contracts;
        this.invoiceRequests = invoiceRequests;
        this.legalTeam = legalTeam;
        this.summary = summary;
        this.clock = clock;
    }

    public record ContractFigures(String contractId, String quoteId, String repId, String customerName, Instant draftedAt,
                                  Instant approvedAt, int reviews, int legalReturns, BigDecimal handlingHours,
                                  Boolean clausesCurrentAtApproval, Boolean attachmentsComplete, Boolean approvalChainComplete) {
    }

    public record Compliance(int approvedContracts, BigDecimal clauseVersionsCurrent, BigDecimal attachmentsComplete,
                             BigDecimal approvalChainComplete, BigDecimal complianceRate) {
    }

    /** Compliance over the sample drawn with {@code seed}: its contract ids in drawing order. */
    public record ComplianceSample(long seed, int sampleSize, List<String> contractIds, Compliance compliance) {
    }

    public record Report(LocalDate from, LocalDate to, int contracts, int reviewedContracts, int returnedContracts,
                         BigDecimal legalReturnRate, int approvedContracts, BigDecimal averageHandlingHours,
                         BigDecimal medianHandlingHours, BigDecimal medianHandlingHoursFrom, int u8HandOffs, int u8Rejections, BigDecimal invoicingErrorRate,
                         Compliance compliance, List<ContractFigures> perContract, ComplianceSample complianceSample) {
    }

    /** The default seed of a period: {@code yyyyMMdd} of from followed by {@code yyyyMMdd} of to. */
    static long defaultSeed(LocalDate from, LocalDate to) {
        return Long.parseLong(from.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                + to.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
    }

    public Report contracts(LocalDate from, LocalDate to) {
        return contracts(from, to, null, false);
    }

    /**
     * @param seed        the sample's seed; null for {@link #defaultSeed}
     * @param perContract list every contract of the range (read per contract); otherwise {@code perContract} is null
     */
    public Report contracts(LocalDate from, LocalDate to, Long seed, boolean perContract) {
        DateRange range = new DateRange(from, to);
        Instant start = range.start(clock.zone());
        Instant end = range.end(clock.zone());
        Map<String, Boolean> legal = new HashMap<>();
        ContractKpiSummary.Sums sums = summary.read(from, to);
        long[] total = sums.total();
        int approved = (int) total[ContractKpiSummary.APPROVED];
        long chain = sums.byApprovers().entrySet().stream()
                .filter(e -> Arrays.stream(e.getKey().split(",")).anyMatch(user -> !user.isEmpty() && isLegal(user, legal)))
                .mapToLong(e -> e.getValue()[ContractKpiSummary.APPROVED]).sum();
        BigDecimal average = approved == 0 ? null : BigDecimal.valueOf(total[ContractKpiSummary.HANDLING_CENTIHOURS])
                .divide(BigDecimal.valueOf(100L * approved), 2, RoundingMode.HALF_UP);
        DurationHistogram.Bucket median = DurationHistogram.median(
                Arrays.copyOfRange(total, ContractKpiSummary.FIGURES.size(), total.length));
        int reviewed = (int) total[1];
        int returned = (int) total[2];
        List<ContractFigures> rows = perContract ? figures(contracts.draftedBetween(start, end), legal) : null;
        return new Report(from, to, (int) total[0], reviewed, returned, rate(returned, reviewed), approved, average,
                median == null || median.to() == null ? null : hours(median.to(), RoundingMode.UP),
                median == null ? null : hours(median.from(), RoundingMode.DOWN),
                (int) sums.verdicts(), (int) sums.rejections(), rate(sums.rejections(), sums.verdicts()),
                compliance(approved, total[ContractKpiSummary.CLAUSES_CURRENT], total[ContractKpiSummary.ATTACHMENTS_COMPLETE], chain),
                rows, sample(start, end, seed == null ? defaultSeed(from, to) : seed, legal));
    }

    /**
     * The report as computed from every contract and verdict of the range, with the exact median: what the summary
     * replaces, kept for comparing the two.
     */
    Report perItem(LocalDate from, LocalDate to, Long seed) {
        DateRange range = new DateRange(from, to);
        Instant start = range.start(clock.zone());
        Instant end = range.end(clock.zone());
        List<ContractFigures> rows = figures(contracts.draftedBetween(start, end), new HashMap<>());
        int reviewed = (int) rows.stream().filter(r -> r.reviews() > 0).count();
        int returned = (int) rows.stream().filter(r -> r.legalReturns() > 0).count();
        List<ContractFigures> approved = rows.stream().filter(r -> r.approvedAt() != null).toList();
        List<BigDecimal> hours = approved.stream().map(ContractFigures::handlingHours).sorted().toList();
        BigDecimal average = Stats.mean(hours, BigDecimal.ONE, 2);
        BigDecimal median = Stats.median(hours, BigDecimal.ONE, 2);
        List<InvoiceRepository.Verdict> verdicts = invoiceRequests.verdictsBetween(start, end);
        int rejections = (int) verdicts.stream().filter(v -> "REJECTED".equals(v.outcome())).count();
        return new Report(from, to, rows.size(), reviewed, returned, rate(returned, reviewed), approved.size(), average, median,
                median, verdicts.size(), rejections, rate(rejections, verdicts.size()), compliance(approved), rows,
                sample(approved, seed == null ? defaultSeed(from, to) : seed, SAMPLE_SIZE));
    }

    private List<ContractFigures> figures(List<Contract> list, Map<String, Boolean> legal) {
        List<ContractFigures> rows = new ArrayList<>();
        for (Contract c : list) {
            BigDecimal hours = c.approvedAt() == null ? null
                    : BigDecimal.valueOf(Duration.between(c.draftedAt(), c.approvedAt()).toSeconds())
                            .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
            Boolean chain = c.approvedAt() == null ? null : c.reviews().stream().anyMatch(r -> r.decision() == ReviewDecision.APPROVE
                    && isLegal(r.reviewer(), legal));
            rows.add(new ContractFigures(c.id(), c.quoteId(), c.repId(), c.customerName(), c.draftedAt(), c.approvedAt(),
                    c.reviews().size(), c.legalReturns(), hours, c.clausesCurrentAtApproval(), c.attachmentsComplete(), chain));
        }
        return rows;
    }

    private boolean isLegal(String user, Map<String, Boolean> legal) {
        return legal.computeIfAbsent(user, legalTeam::isMember);
    }

    private static BigDecimal hours(Duration edge, RoundingMode rounding) {
        return BigDecimal.valueOf(edge.toMinutes()).divide(BigDecimal.valueOf(60), 2, rounding);
    }

    /** The sample of the range's approved contracts drawn with {@code seed}: their ids, then the drawn ones' reviews. */
    private ComplianceSample sample(Instant start, Instant end, long seed, Map<String, Boolean> legal) {
        List<String> ids = new ArrayList<>(contracts.approvedIdsDraftedBetween(start, end));
        ids.sort(null);
        List<String> drawn = Arrays.stream(draw(ids.size(), seed, SAMPLE_SIZE)).mapToObj(ids::get).toList();
        Map<String, ContractFigures> figures = new HashMap<>();
        figures(contracts.withReviews(drawn), legal).forEach(f -> figures.put(f.contractId(), f));
        return new ComplianceSample(seed, drawn.size(), drawn, compliance(drawn.stream().map(figures::get).toList()));
    }

    /** R-32 compliance over the given approved contracts. */
    static Compliance compliance(List<ContractFigures> approved) {
        return compliance(approved.size(), approved.stream().filter(r -> Boolean.TRUE.equals(r.clausesCurrentAtApproval())).count(),
                approved.stream().filter(r -> Boolean.TRUE.equals(r.attachmentsComplete())).count(),
                approved.stream().filter(r -> Boolean.TRUE.equals(r.approvalChainComplete())).count());
    }

    /** R-32 compliance from counts of approved contracts: with current clauses, complete attachments, a legal approval. */
    static Compliance compliance(int approved, long current, long attached, long chained) {
        BigDecimal clauses = rate(current, approved);
        BigDecimal attachments = rate(attached, approved);
        BigDecimal chain = rate(chained, approved);
        BigDecimal compliance = clauses == null ? null : clauses.multiply(attachments).multiply(chain).setScale(4, RoundingMode.HALF_UP);
        return new Compliance(approved, clauses, attachments, chain, compliance);
    }

    /**
     * A random sample of {@code size} approved contracts (all of them when there are fewer): the contracts are ordered by
     * id, then a partial Fisher–Yates shuffle with {@code java.util.Random(seed)} (an algorithm fixed by its javadoc)
     * draws them, so the same seed and contracts give the same sample on any JVM.
     */
    static ComplianceSample sample(List<ContractFigures> approved, long seed, int size) {
        List<ContractFigures> pool = new ArrayList<>(approved);
        pool.sort(java.util.Comparator.comparing(ContractFigures::contractId));
        List<ContractFigures> drawn = Arrays.stream(draw(pool.size(), seed, size)).mapToObj(pool::get).toList();
        return new ComplianceSample(seed, drawn.size(), drawn.stream().map(ContractFigures::contractId).toList(), compliance(drawn));
    }

    /**
     * The positions (0-based, in id order) a partial Fisher–Yates shuffle of {@code n} items with {@code Random(seed)}
     * draws, in drawing order: {@code min(size, n)} of them. Only the swapped positions are remembered, so drawing from a
     * large range costs the sample's size.
     */
    static int[] draw(int n, long seed, int size) {
        java.util.Random random = new java.util.Random(seed);
        Map<Integer, Integer> swapped = new HashMap<>();
        int[] drawn = new int[Math.min(size, n)];
        for (int i = 0; i < drawn.length; i++) {
            int j = i + random.nextInt(n - i);
            int picked = swapped.getOrDefault(j, j);
            swapped.put(j, swapped.getOrDefault(i, i));
            drawn[i] = picked;
        }
        return drawn;
    }

    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
