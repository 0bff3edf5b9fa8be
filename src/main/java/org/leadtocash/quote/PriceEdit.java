package org.leadtocash.quote;

import java.time.LocalDate;
import java.util.List;

/**
 * A checked edit of a quote's or contract's prices (made by {@link PriceEditValidator}): every line repriced at its new
 * unit price, the delivery date, and the note (the rep's edit note, or his note for legal on a contract revision).
 */
record PriceEdit(List<PricedLine> lines, LocalDate deliveryDate, String note) {

    PriceEdit {
        lines = List.copyOf(lines);
    }

    TaxMath.Amounts totals() {
        return TaxMath.sum(lines.stream().map(PricedLine::amounts).toList());
    }
}
