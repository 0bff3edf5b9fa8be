package org.leadtocash.erp;

/** How {@link U8HandOff#handOff} ended (it throws in every other case). */
public enum HandOffOutcome {
    /** U8 accepted the sale invoice in this call. */
    ACCEPTED,
    /** U8 had accepted this biz_id before; nothing was sent now, the result is the earlier one. */
    ALREADY_ACCEPTED,
    /** No U8 is configured: the exact payload is recorded for finance to import by hand; nothing was sent. */
    EXPORTED_NOT_SENT
}
