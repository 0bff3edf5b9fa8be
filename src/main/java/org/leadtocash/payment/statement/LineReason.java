package org.leadtocash.payment.statement;

/** The finer reason behind a {@link LineOutcome}, for filtering and for finance's follow-up. */
enum LineReason {
    /** MATCHED: the journey still has an outstanding amount and stays at node ⑤. */
    PARTIAL_PAYMENT,
    /** MATCHED: this line completed the total; node ⑤ is done. */
    PAID_IN_FULL,
    /** UNMATCHED: neither an invoice-number field nor an invoice number in the memo. */
    NO_INVOICE_NUMBER,
    /** UNMATCHED: the invoice number(s) found belong to no open journey (unknown, or already paid). */
    NO_OPEN_JOURNEY,
    /** UNMATCHED: the memo names more than one open invoice; one bank line cannot be split automatically. */
    AMBIGUOUS_INVOICE,
    /** DUPLICATE: an earlier line of the same file has the same bank transaction id. */
    DUPLICATE_IN_FILE,
    /** DUPLICATE: the bank transaction id was already applied by an earlier import. */
    ALREADY_IMPORTED,
    /** DUPLICATE: the journey already has a receipt with this bank reference (entered by finance by hand). */
    ALREADY_RECORDED,
    /** AMOUNT_MISMATCH: the amount is more than the outstanding sum. */
    OVER_OUTSTANDING,
    /** INVALID: one or more fields break a rule. */
    INVALID_FIELDS,
    /** FAILED: an unexpected error; nothing of the line was kept. */
    TECHNICAL_ERROR
}
