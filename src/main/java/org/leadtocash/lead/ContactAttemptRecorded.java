package org.leadtocash.lead;

import java.time.Instant;

/**
 * A rep confirmed a first-contact attempt in 联系客户 Contact the customer (outcome REACHED, NOT_REACHED or INVALID).
 * Published in the task completion's transaction so listeners (the contact-capture figures) commit with it.
 */
public record ContactAttemptRecorded(String leadId, String customerId, String repId, String outcome, Instant at) {
}
