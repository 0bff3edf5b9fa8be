package org.leadtocash.quote;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.leadtocash.shared.FieldError;
import org.leadtocash.shared.InvalidInputException;

/**
 * Money arithmetic of quotes and invoices, in {@link BigDecimal} yuan with fen (2 decimals) as the unit.
 * Rounding, stated once:
 * <ol>
 * <li>line total incl. tax = unit price incl. tax × quantity × (1 − rebate), rounded {@link RoundingMode#HALF_UP} to fen;</li>
 * <li>net = total ÷ (1 + VAT rate), rounded HALF_UP to fen;</li>
 * <li>tax = total − net (so net + tax = total to the cent on every line, by construction);</li>
 * <li>a document's net, tax and total are the sums of its lines' (no re-rounding, so no cent is lost or gained).</li>
 * </ol>
 * Amounts are non-negative; invalid arguments raise {@link InvalidInputException} naming the parameter.
 */
final class TaxMath {
    public static final int SCALE = 2;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    /** Net (excl. tax), tax and total (incl. tax), each at scale 2; net + tax = total. */
    public record Amounts(BigDecimal net, BigDecimal tax, BigDecimal total) {
        public static final Amounts ZERO = new Amounts(TaxMath.ZERO, TaxMath.ZERO, TaxMath.ZERO);

        public Amounts plus(Amounts other) {
            return new Amounts(net.add(other.net), tax.add(other.tax), total.add(other.total));
        }
    }

    private TaxMath() {
    }

    /**
     * @param unitPriceInclTax tax-inclusive unit price, ≥ 0
     * @param quantity         &gt; 0, may be fractional (hours, metres)
     * @param rebateRate       fraction 0 ≤ r &lt; 1 (0.08 = 8%); {@code null} means none
     * @return the line total incl. tax at scale 2
     */
    public static BigDecimal lineTotal(BigDecimal unitPriceInclTax, BigDecimal quantity, BigDecimal rebateRate) {
        List<FieldError> errors = new ArrayList<>();
        if (unitPriceInclTax == null) {
            errors.add(new FieldError("unitPriceInclTax", "required", "is required"));
        } else if (unitPriceInclTax.signum() < 0) {
            errors.add(new FieldError("unitPriceInclTax", "not-negative", "must be 0 or more"));
        }
        if (quantity == null) {
            errors.add(new FieldError("quantity", "required", "is required"));
        } else if (quantity.signum() <= 0) {
            errors.add(new FieldError("quantity", "positive", "must be more than 0"));
        }
        BigDecimal rebate = rebateRate == null ? BigDecimal.ZERO : rebateRate;
        if (rebate.signum() < 0 || rebate.compareTo(BigDecimal.ONE) >= 0) {
            errors.add(new FieldError("rebateRate", "range", "must be a fraction from 0 (inclusive) to 1 (exclusive)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return unitPriceInclTax.multiply(quantity).multiply(BigDecimal.ONE.subtract(rebate)).setScale(SCALE, ROUNDING);
    }

    /**
     * Splits a tax-inclusive total into net and tax.
     *
     * @param totalInclTax ≥ 0; must already be in fen (scale ≤ 2 after stripping zeros)
     * @param vatRate      fraction 0 ≤ r &lt; 1 (0.13 = 13%)
     */
    public static Amounts split(BigDecimal totalInclTax, BigDecimal vatRate) {
        List<FieldError> errors = new ArrayList<>();
        if (totalInclTax == null) {
            errors.add(new FieldError("totalInclTax", "required", "is required"));
        } else if (totalInclTax.signum() < 0) {
            errors.add(new FieldError("totalInclTax", "not-negative", "must be 0 or more"));
        } else if (totalInclTax.stripTrailingZeros().scale() > SCALE) {
            errors.add(new FieldError("totalInclTax", "fen", "must be in fen (at most 2 decimals); round it with lineTotal first"));
        }
        if (vatRate == null) {
            errors.add(new FieldError("vatRate", "required", "is required"));
        } else if (vatRate.signum() < 0 || vatRate.compareTo(BigDecimal.ONE) >= 0) {
            errors.add(new FieldError("vatRate", "range", "must be a fraction from 0 (inclusive) to 1 (exclusive), e.g. 0.13"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        BigDecimal total = totalInclTax.setScale(SCALE, ROUNDING);
        // divide with enough digits, then round once: HALF_UP of the exact quotient
        BigDecimal net = total.divide(BigDecimal.ONE.add(vatRate), SCALE, ROUNDING);
        return new Amounts(net, total.subtract(net), total);
    }

    /** The sum of the lines' net, tax and total (each summed, never re-derived). */
    public static Amounts sum(List<Amounts> lines) {
        Amounts sum = Amounts.ZERO;
        for (Amounts line : lines) {
            sum = sum.plus(line);
        }
        return sum;
    }
}
