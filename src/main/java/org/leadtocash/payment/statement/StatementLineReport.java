package org.leadtocash.payment.statement;

import java.math.BigDecimal;
import java.util.List;

import org.leadtocash.shared.FieldError;

/**
 * The outcome of one statement line. The line's values are echoed as read (normalised when valid: ISO date, amount at
 * two decimals, CNY), so the report stands on its own.
 *
 * @param lineNo           CSV: the file line the record starts on (header = line 1); JSON: 1-based index in {@code lines}
 * @param invoiceNo        the invoice number the line was correlated by (explicit, or found in the memo), if any
 * @param message          what happened, in Chinese and English, with the figures
 * @param journeyId        MATCHED / AMOUNT_MISMATCH / DUPLICATE (across imports): the payment journey (invoice-request id)
 * @param applied          MATCHED: the amount applied to the journey
 * @param outstanding      MATCHED: what the journey still lacks after this line; AMOUNT_MISMATCH: what it lacked before
 * @param paidInFull       MATCHED: whether this line completed the total (node ⑤ done)
 * @param exceedsBy        AMOUNT_MISMATCH: by how much the amount is more than the outstanding sum
 * @param duplicateOfImport DUPLICATE: the import that applied the transaction before ({@code null} within the same file)
 * @param duplicateOfLine  DUPLICATE: the line of that import (or of this file) that has the transaction id first
 * @param errors           INVALID: every broken rule, by field
 */
record StatementLineReport(int lineNo, String transactionId, String valueDate, String payerName, String payerAccount,
        String amount, String currency, String memo, String invoiceNo, LineOutcome outcome, LineReason reason, String message,
        String journeyId, BigDecimal applied, BigDecimal outstanding, Boolean paidInFull, BigDecimal exceedsBy,
        String duplicateOfImport, Integer duplicateOfLine, List<FieldError> errors) {

    public StatementLineReport {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }
}
