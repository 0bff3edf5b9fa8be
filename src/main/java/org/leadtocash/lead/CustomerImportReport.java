package org.leadtocash.lead;

import java.time.Instant;
import java.util.List;

import org.leadtocash.shared.FieldError;

/**
 * The answer to one customer-book import, line by line (like the bank-statement import's report). The valid lines are
 * stored, exactly those; an INVALID line stores nothing and names every broken rule with its field. Importing the same
 * file again creates nothing twice: the credit code identifies the customer (UNCHANGED, or UPDATED when the licence
 * or tier differs).
 */
public record CustomerImportReport(String fileName, String charset, String importedBy, Instant importedAt, Summary summary,
                                   List<Line> lines) {

    public CustomerImportReport {
        lines = List.copyOf(lines);
    }

    /** What happened to one line. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED, INVALID }

    /** Counts per outcome. */
    public record Summary(int lines, int created, int updated, int unchanged, int invalid) {
    }

    /**
     * @param lineNo     the file line the record starts on (header = line 1)
     * @param customerId the stored customer (null when INVALID)
     * @param errors     INVALID: every broken rule, by field
     */
    public record Line(int lineNo, String creditCode, String companyName, Outcome outcome, String customerId, String message,
                       List<FieldError> errors) {
        public Line {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }
}
