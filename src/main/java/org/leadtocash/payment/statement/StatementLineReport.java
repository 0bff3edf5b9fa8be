package org.leadtocash.payment.statement;

import java.math.BigDecimal;
import java.util.List;

import org.leadtocash.payment.statement.StatementLineRules.CheckedLine;
import org.leadtocash.shared.FieldError;

/**
 * The outcome of one statement line. The line's values are echoed as read (normalised when valid: ISO date, amount at
 * two decimals, CNY), so the report stands on its own. Build one with the factory of its outcome ({@link #matched},
 * {@link #unmatched}, …); the canonical constructor is for reading a stored line back.
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

    /** The line's values as the report echoes them, with the invoice number it was correlated by. */
    record Echo(int lineNo, String transactionId, String valueDate, String payerName, String payerAccount, String amount,
            String currency, String memo, String invoiceNo) {

        /** As read: the line broke a rule, or was not checked. */
        static Echo of(RawStatementLine raw) {
            return new Echo(raw.lineNo(), raw.transactionId(), raw.valueDate(), raw.payerName(), raw.payerAccount(),
                    raw.amount(), raw.currency(), raw.memo(), raw.invoiceNo());
        }

        /** Normalised (ISO date, amount at two decimals, CNY), with the invoice number found for it (or null). */
        static Echo of(CheckedLine line, String invoiceNo) {
            return new Echo(line.lineNo(), line.transactionId(), line.valueDate().toString(), line.payerName(),
                    line.payerAccount(), line.amount().toPlainString(), line.currency(), line.memo(), invoiceNo);
        }
    }

    /** Applied to the journey; PAID_IN_FULL when it completed the total, else PARTIAL_PAYMENT. */
    static StatementLineReport matched(Echo line, String message, String journeyId, BigDecimal applied,
            BigDecimal outstanding, boolean paidInFull) {
        return new Builder(line, LineOutcome.MATCHED, paidInFull ? LineReason.PAID_IN_FULL : LineReason.PARTIAL_PAYMENT,
                message).journey(journeyId).applied(applied).outstanding(outstanding).paidInFull(paidInFull).build();
    }

    /** Not applied: NO_INVOICE_NUMBER, NO_OPEN_JOURNEY or AMBIGUOUS_INVOICE. */
    static StatementLineReport unmatched(Echo line, LineReason reason, String message) {
        return new Builder(line, LineOutcome.UNMATCHED, reason, message).build();
    }

    /** Not applied: an earlier line of this file has the same transaction id. */
    static StatementLineReport duplicateInFile(Echo line, int firstLine, String message) {
        return new Builder(line, LineOutcome.DUPLICATE, LineReason.DUPLICATE_IN_FILE, message).duplicateOf(null, firstLine)
                .build();
    }

    /** Not applied: line {@code importLine} of import {@code importId} applied the transaction to the journey before. */
    static StatementLineReport alreadyImported(Echo line, String journeyId, String importId, int importLine,
            String message) {
        return new Builder(line, LineOutcome.DUPLICATE, LineReason.ALREADY_IMPORTED, message).journey(journeyId)
                .duplicateOf(importId, importLine).build();
    }

    /** Not applied: the journey (null when it is no longer open) holds a receipt with this bank reference. */
    static StatementLineReport alreadyRecorded(Echo line, String journeyId, String message) {
        return new Builder(line, LineOutcome.DUPLICATE, LineReason.ALREADY_RECORDED, message).journey(journeyId).build();
    }

    /** Not applied: the amount is {@code exceedsBy} more than the journey's {@code outstanding} sum. */
    static StatementLineReport amountMismatch(Echo line, String message, String journeyId, BigDecimal outstanding,
            BigDecimal exceedsBy) {
        return new Builder(line, LineOutcome.AMOUNT_MISMATCH, LineReason.OVER_OUTSTANDING, message).journey(journeyId)
                .outstanding(outstanding).exceedsBy(exceedsBy).build();
    }

    /** Not applied: fields break rules (ours, or the journey's when {@code journeyId} refused the receipt). */
    static StatementLineReport invalid(Echo line, String journeyId, String message, List<FieldError> errors) {
        return new Builder(line, LineOutcome.INVALID, LineReason.INVALID_FIELDS, message).journey(journeyId)
                .errors(errors).build();
    }

    /** Not applied because of a technical fault. */
    static StatementLineReport failed(Echo line, String message) {
        return new Builder(line, LineOutcome.FAILED, LineReason.TECHNICAL_ERROR, message).build();
    }

    /** The fields each outcome fills; the rest stay null. */
    private static final class Builder {
        private final Echo line;
        private final LineOutcome outcome;
        private final LineReason reason;
        private final String message;
        private String journeyId;
        private BigDecimal applied;
        private BigDecimal outstanding;
        private Boolean paidInFull;
        private BigDecimal exceedsBy;
        private String duplicateOfImport;
        private Integer duplicateOfLine;
        private List<FieldError> errors = List.of();

        Builder(Echo line, LineOutcome outcome, LineReason reason, String message) {
            this.line = line;
            this.outcome = outcome;
            this.reason = reason;
            this.message = message;
        }

        Builder journey(String id) {
            this.journeyId = id;
            return this;
        }

        Builder applied(BigDecimal amount) {
            this.applied = amount;
            return this;
        }

        Builder outstanding(BigDecimal amount) {
            this.outstanding = amount;
            return this;
        }

        Builder paidInFull(boolean paid) {
            this.paidInFull = paid;
            return this;
        }

        Builder exceedsBy(BigDecimal amount) {
            this.exceedsBy = amount;
            return this;
        }

        Builder duplicateOf(String importId, int lineNo) {
            this.duplicateOfImport = importId;
            this.duplicateOfLine = lineNo;
            return this;
        }

        Builder errors(List<FieldError> broken) {
            this.errors = broken;
            return this;
        }

        StatementLineReport build() {
            return new StatementLineReport(line.lineNo(), line.transactionId(), line.valueDate(), line.payerName(),
                    line.payerAccount(), line.amount(), line.currency(), line.memo(), line.invoiceNo(), outcome, reason,
                    message, journeyId, applied, outstanding, paidInFull, exceedsBy, duplicateOfImport, duplicateOfLine,
                    errors);
        }
    }
}
