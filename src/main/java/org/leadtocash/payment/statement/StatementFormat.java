package org.leadtocash.payment.statement;

/** The two statement shapes the import reads; see {@link BankStatementImports} for both layouts. */
enum StatementFormat {
    CSV, JSON
}
