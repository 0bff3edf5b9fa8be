package org.leadtocash.payment.statement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The stored answer to one statement import: the file, who imported it, the counts, and every line's outcome.
 *
 * @param status                 IN_PROGRESS while lines are being applied (or if the import was cut off: import the
 *                               file again, nothing is applied twice), COMPLETED when every line has its outcome
 * @param sameFileImportedBefore earlier imports of a byte-identical file, oldest first (a hint for finance; the
 *                               protection against double application is the transaction-id ledger, not this)
 */
record StatementImportReport(String importId, String statementId, String account, StatementFormat format, String fileName,
        String charset, String sha256, long sizeBytes, String status, String importedBy, Instant importedAt, Instant completedAt,
        List<String> sameFileImportedBefore, Summary summary, List<StatementLineReport> lines) {

    public static final String IN_PROGRESS = "IN_PROGRESS";
    public static final String COMPLETED = "COMPLETED";

    public StatementImportReport {
        sameFileImportedBefore = sameFileImportedBefore == null ? List.of() : List.copyOf(sameFileImportedBefore);
        lines = lines == null ? List.of() : List.copyOf(lines);
    }

    /** Counts per outcome; {@code appliedTotal} is the money this import applied to journeys. */
    public record Summary(int lines, int matched, int unmatched, int duplicate, int amountMismatch, int invalid, int failed,
            BigDecimal appliedTotal) {
    }
}
