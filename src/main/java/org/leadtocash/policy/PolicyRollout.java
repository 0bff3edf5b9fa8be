package org.leadtocash.policy;

import java.time.Instant;

/** A published product policy and its roll-out (table {@code policy_rollout}); region null = every region. */
public record PolicyRollout(String id, String title, String kind, String product, String region, String policyText,
                            String publishedBy, Instant publishedAt, Instant notifiedAt, Instant firstDealAt,
                            String firstDealRep, String firstDealReference, Instant escalatedAt, String status) {
}
