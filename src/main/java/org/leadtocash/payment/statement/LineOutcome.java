package org.leadtocash.payment.statement;

/**
 * What happened to one statement line. Every line of an accepted file gets exactly one outcome; none is dropped.
 * Only {@link #MATCHED} moved money onto a journey.
 */
enum LineOutcome {
    /** Applied to the open journey of its invoice (partly or in full). */
    MATCHED,
    /** Not applied: no invoice number found, no open journey for it, or several open invoices named at once. */
    UNMATCHED,
    /** Not applied: the bank transaction id was applied by an earlier import, or appears earlier in this file. */
    DUPLICATE,
    /** Not applied: the amount is more than the journey still has outstanding (the report says by how much). */
    AMOUNT_MISMATCH,
    /** Not applied: a field breaks a rule (the report names the field and the rule). */
    INVALID,
    /** Not applied because of a technical fault (logged); importing the same file again retries it safely. */
    FAILED
}
