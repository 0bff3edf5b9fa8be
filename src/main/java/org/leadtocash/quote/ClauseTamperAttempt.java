package org.leadtocash.quote;

import java.time.Instant;

/** A refused attempt to change a clause: which quote/contract and clause, who, through which channel. */
record ClauseTamperAttempt(long id, String quoteId, String contractId, String clauseType, boolean locked,
                                  String actor, Channel channel, String field, Instant attemptedAt) {

    /** FORM: a task form submission or completion payload; API: PUT /api/quotes/{id}; VARIABLE: a process variable set outside the form. */
    public enum Channel { FORM, API, VARIABLE }
}
