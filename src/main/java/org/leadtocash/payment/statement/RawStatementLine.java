package org.leadtocash.payment.statement;

import java.util.List;

import org.leadtocash.shared.FieldError;

/**
 * One statement line exactly as read, before any business rule: every value a trimmed string, {@code null} when the
 * column or field is absent or empty.
 *
 * @param lineNo          CSV: the physical line of the file the record starts on (the header is line 1); JSON: the
 *                        1-based position in {@code lines}
 * @param structuralErrors problems of the line's shape found by the parser (wrong number of CSV columns, a JSON line
 *                        that is not an object, an unknown field); such a line is reported INVALID
 */
record RawStatementLine(int lineNo, String valueDate, String transactionId, String payerName, String payerAccount,
        String amount, String currency, String memo, String invoiceNo, List<FieldError> structuralErrors) {

    RawStatementLine {
        structuralErrors = List.copyOf(structuralErrors);
    }
}
