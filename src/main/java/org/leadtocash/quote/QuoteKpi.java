package org.leadtocash.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.leadtocash.quote.QuoteToInvoiceProcess.ReviewDecision;
import org.leadtocash.shared.DateRange;
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
 */
@Service
class QuoteKpi {
    static final int SAMPLE_SIZE = 100;
    private final Contracts contracts;
    private final InvoiceRequests invoiceRequests;
    private final LegalTeam legalTeam;
    private final EngineClock clock;

    public QuoteKpi(Contracts contracts, InvoiceRequests invoiceRequests, LegalTeam legalTeam, EngineClock clock) {
        this.contracts = contracts;
        this.invoiceRequests = invoiceRequests;
        this.legalTeam = legalTeam;
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
                         BigDecimal medianHandlingHours, int u8HandOffs, int u8Rejections, BigDecimal invoicingErrorRate,
                         Compliance compliance, List<ContractFigures> perContract, ComplianceSample complianceSample) {
    }

    /** The default seed of a period: {@code yyyyMMdd} of from followed by {@code yyyyMMdd} of to. */
    static long defaultSeed(LocalDate from, LocalDate to) {
        return Long.parseLong(from.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                + to.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
    }

    public Report contracts(LocalDate from, LocalDate to) {
        return contracts(from, to, null);
    }

    /** @param seed the sample's seed; null for {@link #defaultSeed} */
    public Report contracts(LocalDate from, LocalDate to, Long seed) {
        DateRange range = new DateRange(from, to);
        Instant start = range.start(clock.zone());
        Instant end = range.end(clock.zone());
        Map<String, Boolean> legal = new HashMap<>();
        List<ContractFigures> rows = new ArrayList<>();
        for (Contract c : contracts.draftedBetween(start, end)) {
            BigDecimal hours = c.approvedAt() == null ? null
                    : BigDecimal.valueOf(Duration.between(c.draftedAt(), c.approvedAt()).toSeconds())
                            .divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
            Boolean chain = c.approvedAt() == null ? null : c.reviews().stream().anyMatch(r -> r.decision() == ReviewDecision.APPROVE
                    && legal.computeIfAbsent(r.reviewer(), legalTeam::isMember));
            rows.add(new ContractFigures(c.id(), c.quoteId(), c.repId(), c.customerName(), c.draftedAt(), c.approvedAt(),
                    c.reviews().size(), c.legalReturns(), hours, c.clausesCurrentAtApproval(), c.attachmentsComplete(), chain));
        }
        int reviewed = (int) rows.stream().filter(r -> r.reviews() > 0).count();
        int returned = (int) rows.stream().filter(r -> r.legalReturns() > 0).count();
        List<ContractFigures> approved = rows.stream().filter(r -> r.approvedAt() != null).toList();
        List<BigDecimal> hours = approved.stream().map(ContractFigures::handlingHours).sorted().toList();
        BigDecimal average = Stats.mean(hours, BigDecimal.ONE, 2);
        BigDecimal median = Stats.median(hours, BigDecimal.ONE, 2);
        List<InvoiceRepository.Verdict> verdicts = invoiceRequests.verdictsBetween(start, end);
        int rejections = (int) verdicts.stream().filter(v -> "REJECTED".equals(v.outcome())).count();
        return new Report(from, to, rows.size(), reviewed, returned, rate(returned, reviewed), approved.size(), average, median,
                verdicts.size(), rejections, rate(rejections, verdicts.size()), compliance(approved), rows,
                sample(approved, seed == null ? defaultSeed(from, to) : seed, SAMPLE_SIZE));
    }

    /** R-32 compliance over the given approved contracts. */
    static Compliance compliance(List<ContractFigures> approved) {
        BigDecimal current = rate(approved.stream().filter(r -> Boolean.TRUE.equals(r.clausesCurrentAtApproval())).count(), approved.size());
        BigDecimal attachments = rate(approved.stream().filter(r -> Boolean.TRUE.equals(r.attachmentsComplete())).count(), approved.size());
        BigDecimal chain = rate(approved.stream().filter(r -> Boolean.TRUE.equals(r.approvalChainComplete())).count(), approved.size());
        BigDecimal compliance = current == null ? null : current.multiply(attachments).multiply(chain).setScale(4, RoundingMode.HALF_UP);
        return new Compliance(approved.size(), current, attachments, chain, compliance);
    }

    /**
     * A random sample of {@code size} approved contracts (all of them when there are fewer): the contracts are ordered by
     * id, then a partial Fisher–Yates shuffle with {@code java.util.Random(seed)} (an algorithm fixed by its javadoc)
     * draws them, so the same seed and contracts give the same sample on any JVM.
     */
    static ComplianceSample sample(List<ContractFigures> approved, long seed, int size) {
        List<ContractFigures> pool = new ArrayList<>(approved);
        pool.sort(java.util.Comparator.comparing(ContractFigures::contractId));
        java.util.Random random = new java.util.Random(seed);
        int n = Math.min(size, pool.size());
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(pool.size() - i);
            ContractFigures picked = pool.get(j);
            pool.set(j, pool.get(i));
            pool.set(i, picked);
        }
        List<ContractFigures> drawn = pool.subList(0, n);
        return new ComplianceSample(seed, n, drawn.stream().map(ContractFigures::contractId).toList(), compliance(drawn));
    }

    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
