package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.leadtocash.quote.QuoteKpi.ComplianceSample;
import org.leadtocash.quote.QuoteKpi.ContractFigures;

/**
 * R-32 compliance over a random sample of 100 approved contracts: the same seed draws the same contracts whatever
 * their order, another seed others; the figure over the sample is the product of the sample's three shares; with 100
 * or fewer contracts the sample is all of them. 150 contracts C-000…C-149: every 3rd has an outdated clause, every 5th
 * misses an attachment.
 */
class ComplianceSampleTests {
    private static final Instant T = Instant.parse("2026-03-02T01:00:00Z");

    private static List<ContractFigures> contracts(int n) {
        List<ContractFigures> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new ContractFigures(String.format("C-%03d", i), "Q-" + i, "zhangwei", "客户" + i, T, T.plusSeconds(3600), 1, 0,
                    BigDecimal.ONE, i % 3 != 0, i % 5 != 0, true));
        }
        return list;
    }

    @Test
    void sameSeedDrawsTheSameHundredContractsWhateverTheirOrder() {
        List<ContractFigures> all = contracts(150);
        List<ContractFigures> shuffled = new ArrayList<>(all);
        Collections.reverse(shuffled);

        ComplianceSample first = QuoteKpi.sample(all, 20260301L, 100);
        ComplianceSample again = QuoteKpi.sample(shuffled, 20260301L, 100);
        ComplianceSample other = QuoteKpi.sample(all, 7L, 100);

        assertThat(first.seed()).isEqualTo(20260301L);
        assertThat(first.sampleSize()).isEqualTo(100);
        assertThat(first.contractIds()).hasSize(100).doesNotHaveDuplicates().isEqualTo(again.contractIds());
        assertThat(all.stream().map(ContractFigures::contractId).toList()).containsAll(first.contractIds());
        assertThat(new HashSet<>(other.contractIds())).isNotEqualTo(new HashSet<>(first.contractIds()));
        assertThat(first.compliance()).isEqualTo(again.compliance());
    }

    @Test
    void complianceOverTheSampleIsTheProductOfTheSamplesShares() {
        ComplianceSample sample = QuoteKpi.sample(contracts(150), 42L, 100);

        long current = sample.contractIds().stream().filter(id -> Integer.parseInt(id.substring(2)) % 3 != 0).count();
        long attached = sample.contractIds().stream().filter(id -> Integer.parseInt(id.substring(2)) % 5 != 0).count();
        BigDecimal expected = new BigDecimal(current).divide(new BigDecimal(100)).multiply(new BigDecimal(attached).divide(new BigDecimal(100)))
                .setScale(4, java.math.RoundingMode.HALF_UP);

        assertThat(sample.compliance().approvedContracts()).isEqualTo(100);
        assertThat(sample.compliance().clauseVersionsCurrent()).isEqualByComparingTo(new BigDecimal(current).movePointLeft(2));
        assertThat(sample.compliance().attachmentsComplete()).isEqualByComparingTo(new BigDecimal(attached).movePointLeft(2));
        assertThat(sample.compliance().approvalChainComplete()).isEqualByComparingTo("1");
        assertThat(sample.compliance().complianceRate()).isEqualByComparingTo(expected);
        // over all 150: 100/150 current × 120/150 attached = 0.6667 × 0.8000 = 0.5334
        assertThat(QuoteKpi.compliance(contracts(150)).complianceRate()).isEqualByComparingTo("0.5334");
    }

    @Test
    void withAHundredOrFewerContractsTheSampleIsAllOfThem() {
        ComplianceSample sample = QuoteKpi.sample(contracts(7), 1L, 100);

        assertThat(sample.sampleSize()).isEqualTo(7);
        assertThat(sample.contractIds()).containsExactlyInAnyOrder("C-000", "C-001", "C-002", "C-003", "C-004", "C-005", "C-006");
        assertThat(sample.compliance()).isEqualTo(QuoteKpi.compliance(contracts(7)));
    }

    @Test
    void defaultSeedIsThePeriod() {
        assertThat(QuoteKpi.defaultSeed(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31))).isEqualTo(2026030120260331L);
    }
}
