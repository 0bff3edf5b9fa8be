package org.leadtocash.payment.statement;

import java.util.List;

/**
 * A statement file that passed the file-level checks (size, encoding, shape, header, line count): its lines are
 * ready to be checked and applied one by one.
 *
 * @param charset the encoding the text was read in (UTF-8, GBK or GB18030)
 * @param statementId the bank's statement id (JSON only; {@code null} for CSV)
 * @param account our receiving account as the statement names it (JSON only; {@code null} for CSV)
 */
record ParsedStatement(StatementFormat format, String charset, String statementId, String account, List<RawStatementLine> lines) {

    /** Largest statement file accepted, in bytes (the same 5 MB as {@code spring.servlet.multipart.max-file-size}). */
    static final int MAX_BYTES = 5 * 1024 * 1024;
    /** Most statement lines (CSV data rows after the header, or JSON {@code lines} entries) in one file. */
    static final int MAX_LINES = 10_000;

    ParsedStatement {
        lines = List.copyOf(lines);
    }
}
