package org.leadtocash.erp;

/** The state of one attempt in the hand-off log ({@code erp_handoff.outcome}). */
enum AttemptOutcome {
    /** Holds the biz_id; saleinvoice/add may have been sent. Left behind by a node that died mid-attempt. */
    IN_FLIGHT,
    /** U8 accepted the sale invoice. */
    ACCEPTED,
    /** U8 (or our check before sending) refused the data; nothing was created in U8. */
    REJECTED,
    /** Network error, timeout, HTTP error or unreadable answer: U8 may or may not have the invoice. */
    FAILED,
    /** No U8 configured: the payload is recorded for finance to import; nothing was sent. */
    EXPORTED_NOT_SENT
}
