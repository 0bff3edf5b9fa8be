package org.leadtocash.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** Median and mean for KPI reports; each is null when there are no values. */
public final class Stats {
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private Stats() {
    }

    /** The middle of the sorted values, or the exact mean of the middle two for an even count. */
    public static BigDecimal median(List<BigDecimal> sorted) {
        if (sorted.isEmpty()) {
            return null;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO);
    }

    /** {@link #median(List)} divided by {@code unit} (e.g. 3600 for seconds in hours), rounded HALF_UP to {@code scale}. */
    public static BigDecimal median(List<BigDecimal> sorted, BigDecimal unit, int scale) {
        BigDecimal middle = median(sorted);
        return middle == null ? null : middle.divide(unit, scale, RoundingMode.HALF_UP);
    }

    /** The sum of the values divided by (count × {@code unit}), rounded HALF_UP to {@code scale}. */
    public static BigDecimal mean(List<BigDecimal> values, BigDecimal unit, int scale) {
        if (values.isEmpty()) {
            return null;
        }
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(unit.multiply(BigDecimal.valueOf(values.size())), scale, RoundingMode.HALF_UP);
    }
}
