package org.leadtocash.quote;

/** OPEN while the rep edits it or waits for the customer; then ACCEPTED or REJECTED. */
enum QuoteStatus { OPEN, ACCEPTED, REJECTED }
