package org.leadtocash.lead;

import java.time.Instant;

/**
 * A customer as the customer book keeps it: its business licence, its store tier (which decides the rebate, R-15) and
 * its one owner. A customer first reached through a lead has only credit code and name until its licence is
 * recorded ({@code licenceRecordedAt} null, {@code storeTier} null).
 */
public record CustomerRecord(String id, BusinessLicence licence, String storeTier, String ownerId, Instant createdAt,
                             Instant licenceRecordedAt, String licenceRecordedBy) {

    public boolean licenceRecorded() {
        return licenceRecordedAt != null;
    }
}
