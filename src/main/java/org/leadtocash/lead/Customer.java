package org.leadtocash.lead;

import java.time.Instant;

/** A customer company, identified by its unified social credit code; at most one owner. */
public record Customer(String id, String creditCode, String companyName, String ownerId, Instant ownedSince, Instant createdAt) {
}
