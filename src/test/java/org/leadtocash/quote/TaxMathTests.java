package org.leadtocash.quote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.leadtocash.quote.TaxMath.Amounts;
import org.leadtocash.shared.InvalidInputException;

/**
 * The tax arithmetic of quotes and invoices: hand-checked examples, and a seeded sweep of 10,000 lines
 * (unit prices × quantities × rebates × VAT 13/9/6%) checked against an independent integer-fen computation, proving
 * net + tax = total to the cent on every line and in every document sum.
 */
class TaxMathTests {
    static final BigDecimal[] RATES = {new BigDecimal("0.13"), new BigDecimal("0.09"), new BigDecimal("0.06")};
    static final String[] REBATES = {"0", "0.03", "0.05", "0.06", "0.08", "0.0800", "0.125", "0.3333"};

    @ParameterizedTest(name = "{0} at {1} → net {2} + tax {3}")
    @CsvSource({
            "113.00, 0.13, 100.00, 13.00",
            "1.00, 0.13, 0.88, 0.12",
            "0.01, 0.13, 0.01, 0.00",
            "0.00, 0.13, 0.00, 0.00",
            "109.00, 0.09, 100.00, 9.00",
            "106.00, 0.06, 100.00, 6.00",
            "1.00, 0.06, 0.94, 0.06",
            "1.00, 0.09, 0.92, 0.08",
            "128000.00, 0.13, 113274.34, 14725.66",
            "3980.00, 0.13, 3522.12, 457.88",
            "36000.00, 0.06, 33962.26, 2037.74",
            "8800.00, 0.09, 8073.39, 726.61",
            "99999999.99, 0.13, 88495575.21, 11504424.78"})
    void splitsHandCheckedTotalsIntoNetAndTax(String total, String rate, String net, String tax) {
        Amounts a = TaxMath.split(new BigDecimal(total), new BigDecimal(rate));

        assertThat(a.net()).isEqualTo(new BigDecimal(net));
        assertThat(a.tax()).isEqualTo(new BigDecimal(tax));
        assertThat(a.total()).isEqualTo(new BigDecimal(total));
        assertThat(a.net().add(a.tax())).isEqualTo(a.total());
    }

    @ParameterizedTest(name = "{0} × {1} less {2} → {3}")
    @CsvSource({
            "128000.00, 2, 0.08, 235520.00",
            "3980.00, 3, 0.05, 11343.00",
            "36000.00, 1, 0, 36000.00",
            "8800.00, 1, , 8800.00",
            // half a fen rounds up (HALF_UP), where banker's rounding would give 0.22
            "0.25, 1, 0.10, 0.23",
            "0.01, 1, 0.5, 0.01",
            "0.01, 1, 0.5001, 0.00",
            "19.99, 0.5, 0, 10.00",
            "24000.00, 1.5, 0.0300, 34920.00"})
    void computesHandCheckedLineTotalsRoundedHalfUpToTheFen(String price, String qty, String rebate, String expected) {
        BigDecimal total = TaxMath.lineTotal(new BigDecimal(price), new BigDecimal(qty), rebate == null ? null : new BigDecimal(rebate));

        assertThat(total).isEqualTo(new BigDecimal(expected));
        assertThat(total.scale()).isEqualTo(2);
    }

    @Test
    void sumsLinesWithoutLosingACent() {
        // three lines of 1.00 at 13%: each 0.88 + 0.12; re-deriving the sum from 3.00 would give 2.65 + 0.35
        Amounts line = TaxMath.split(new BigDecimal("1.00"), new BigDecimal("0.13"));
        Amounts sum = TaxMath.sum(List.of(line, line, line));

        assertThat(sum).isEqualTo(new Amounts(new BigDecimal("2.64"), new BigDecimal("0.36"), new BigDecimal("3.00")));
        assertThat(TaxMath.sum(List.of())).isEqualTo(new Amounts(new BigDecimal("0.00"), new BigDecimal("0.00"), new BigDecimal("0.00")));
    }

    @Test
    void netPlusTaxEqualsTotalOnEveryLineAndInEverySumOfTenThousandRandomLines() {
        Random random = new Random(20261127L);
        List<Amounts> document = new ArrayList<>();
        BigDecimal documentTotal = BigDecimal.ZERO;
        int documents = 0;
        int documentLength = 1 + random.nextInt(20);
        int linesChecked = 0;
        for (int i = 0; i < 10_000; i++) {
            long unitFen = switch (i % 4) {
                case 0 -> 1 + random.nextInt(100);                  // cents: 0.01 … 1.00
                case 1 -> 1 + random.nextInt(1_000_000);            // up to 10,000.00
                case 2 -> 1 + (long) (random.nextDouble() * 10_000_000_000L); // up to 100,000,000.00
                default -> 100L * (1 + random.nextInt(300_000));    // whole yuan
            };
            long qtyMilli = random.nextInt(5) == 0 ? 1 + random.nextInt(100_000) : 1000L * (1 + random.nextInt(1000));
            String rebate = random.nextInt(3) == 0
                    ? REBATES[random.nextInt(REBATES.length)]
                    : BigDecimal.valueOf(random.nextInt(5000), 4).toPlainString();
            BigDecimal rate = RATES[i % RATES.length];
            BigDecimal unit = BigDecimal.valueOf(unitFen, 2);
            BigDecimal qty = BigDecimal.valueOf(qtyMilli, 3);
            BigDecimal rebateRate = new BigDecimal(rebate);

            BigDecimal total = TaxMath.lineTotal(unit, qty, rebateRate);
            Amounts line = TaxMath.split(total, rate);
            String where = "line " + i + ": " + unit + " × " + qty + " less " + rebate + " at " + rate;

            assertThat(total).as(where).isEqualTo(oracleLineTotal(unitFen, qtyMilli, rebateRate));
            assertThat(line.net()).as(where).isEqualTo(oracleNet(total, rate));
            assertThat(line.net().add(line.tax())).as(where).isEqualTo(line.total());
            assertThat(line.total()).as(where).isEqualTo(total);
            assertThat(List.of(line.net().scale(), line.tax().scale(), line.total().scale())).as(where).containsOnly(2);
            assertThat(line.net().signum()).as(where).isNotNegative();
            assertThat(line.tax().signum()).as(where).isNotNegative();
            // the tax is the rate's share to within rounding: |tax − net × rate| ≤ 0.01
            assertThat(line.tax().subtract(line.net().multiply(rate)).abs()).as(where).isLessThanOrEqualTo(new BigDecimal("0.01"));
            linesChecked++;

            document.add(line);
            documentTotal = documentTotal.add(total);
            if (document.size() == documentLength) {
                Amounts sum = TaxMath.sum(document);
                assertThat(sum.net().add(sum.tax())).as("document " + documents).isEqualTo(sum.total());
                assertThat(sum.total()).as("document " + documents + ": no cent lost").isEqualTo(documentTotal);
                assertThat(sum.net()).isEqualTo(document.stream().map(Amounts::net).reduce(BigDecimal.ZERO, BigDecimal::add));
                document.clear();
                documentTotal = BigDecimal.ZERO;
                documentLength = 1 + random.nextInt(20);
                documents++;
            }
        }
        assertThat(linesChecked).isEqualTo(10_000);
        assertThat(documents).isGreaterThan(500);
    }

    @Test
    void refusesInvalidArgumentsNamingEachOne() {
        assertThatThrownBy(() -> TaxMath.lineTotal(new BigDecimal("-1"), BigDecimal.ZERO, new BigDecimal("1")))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).errors()).extracting("field", "rule").containsExactly(
                        org.assertj.core.groups.Tuple.tuple("unitPriceInclTax", "not-negative"),
                        org.assertj.core.groups.Tuple.tuple("quantity", "positive"),
                        org.assertj.core.groups.Tuple.tuple("rebateRate", "range")));
        assertThatThrownBy(() -> TaxMath.lineTotal(null, null, null))
                .hasMessageContaining("unitPriceInclTax").hasMessageContaining("quantity");
        assertThatThrownBy(() -> TaxMath.split(new BigDecimal("1.005"), new BigDecimal("0.13")))
                .hasMessageContaining("totalInclTax").hasMessageContaining("fen");
        assertThatThrownBy(() -> TaxMath.split(new BigDecimal("-0.01"), null))
                .hasMessageContaining("totalInclTax").hasMessageContaining("vatRate");
        assertThatThrownBy(() -> TaxMath.split(BigDecimal.TEN, new BigDecimal("13")))
                .hasMessageContaining("vatRate").hasMessageContaining("range");
    }

    /** Independent: integer fen, half-up by (2n + d) / 2d. */
    private static BigDecimal oracleLineTotal(long unitFen, long qtyMilli, BigDecimal rebate) {
        BigInteger rebateTenThousandths = rebate.movePointRight(4).toBigIntegerExact();
        BigInteger numerator = BigInteger.valueOf(unitFen).multiply(BigInteger.valueOf(qtyMilli))
                .multiply(BigInteger.valueOf(10_000).subtract(rebateTenThousandths));
        BigInteger denominator = BigInteger.valueOf(1000L * 10_000L);
        return new BigDecimal(halfUp(numerator, denominator), 2);
    }

    private static BigDecimal oracleNet(BigDecimal total, BigDecimal rate) {
        BigInteger totalFen = total.movePointRight(2).toBigIntegerExact();
        BigInteger hundredPlusRate = BigInteger.valueOf(100).add(rate.movePointRight(2).toBigIntegerExact());
        return new BigDecimal(halfUp(totalFen.multiply(BigInteger.valueOf(100)), hundredPlusRate), 2);
    }

    private static BigInteger halfUp(BigInteger n, BigInteger d) {
        return n.shiftLeft(1).add(d).divide(d.shiftLeft(1));
    }
}
