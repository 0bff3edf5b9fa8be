package org.leadtocash.lead;

/** What the rep's first-contact attempt achieved (form field {@code contactOutcome}). */
enum ContactOutcome {
    REACHED,
    NOT_REACHED,
    INVALID
}
