package org.leadtocash.quote;

/** IN_REVIEW with legal, RETURNED to the rep for revision, APPROVED by legal (= signed). */
enum ContractStatus { IN_REVIEW, RETURNED, APPROVED }
