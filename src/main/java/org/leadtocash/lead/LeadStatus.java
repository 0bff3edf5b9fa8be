package org.leadtocash.lead;

/** Life of a lead. Only {@link #ASSIGNED} leads count as a rep's open leads (待跟进线索). */
enum LeadStatus {
    /** registered, not yet routed */
    NEW,
    /** no rep was eligible: waiting for a sales manager */
    UNASSIGNED,
    /** with a rep, first contact not yet made */
    ASSIGNED,
    /** the rep reached the customer */
    CONTACTED,
    /** the rep found the lead invalid */
    INVALID
}
