package org.leadtocash.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code call_record} and {@code contact_record} (V16). */
@Repository
class ContactRepository {
    private final JdbcClient jdbc;

    ContactRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored call record. */
    record StoredCall(String id, String bodySha256, String repId, String partyPhone, boolean matched, String leadId,
                      String customerId, String prefilledLeadId, Instant startedAt, int durationSeconds, boolean reached) {
    }

    /** A contact record as the capture share counts it. */
    record ContactRow(String kind, boolean captured, String repId, Instant occurredAt) {
    }

    Optional<StoredCall> findCall(String id) {
        return jdbc.sql("SELECT * FROM call_record WHERE id = :id").param("id", id).query(ContactRepository::call).optional();
    }

    void insertCall(CallRecordInput in, String bodySha256, String repId, String partyPhone, String leadId, String customerId,
                    String prefilledLeadId, Instant receivedAt) {
        jdbc.sql("INSERT INTO call_record (id, body_sha256, caller, callee, direction, started_at, duration_seconds, reached, "
                        + "rep_id, party_phone, matched, lead_id, customer_id, prefilled_lead_id, received_at) VALUES (:id, :sha, "
                        + ":caller, :callee, :direction, :start, :duration, :reached, :rep, :party, :matched, :lead, :customer, "
                        + ":prefilled, :received)")
                .param("id", in.recordId()).param("sha", bodySha256).param("caller", in.caller()).param("callee", in.callee())
                .param("direction", in.direction().name()).param("start", Timestamp.from(in.start().toInstant()))
                .param("duration", in.durationSeconds()).param("reached", in.reached()).param("rep", repId)
                .param("party", partyPhone).param("matched", leadId != null).param("lead", leadId).param("customer", customerId)
                .param("prefilled", prefilledLeadId).param("received", Timestamp.from(receivedAt))
                .update();
    }

    /** The rep's reached calls with a lead or customer that start in [from, to). */
    List<StoredCall> customerCalls(String repId, Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM call_record WHERE rep_id = :rep AND matched = TRUE AND reached = TRUE "
                        + "AND started_at >= :from AND started_at < :to ORDER BY started_at")
                .param("rep", repId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(ContactRepository::call).list();
    }

    void insertContact(String kind, boolean captured, String repId, String leadId, String customerId, Instant occurredAt,
                       String callRecordId, String document, String recipient) {
        jdbc.sql("INSERT INTO contact_record (kind, captured, rep_id, lead_id, customer_id, occurred_at, call_record_id, document, "
                        + "recipient) VALUES (:kind, :captured, :rep, :lead, :customer, :at, :call, :document, :recipient)")
                .param("kind", kind).param("captured", captured).param("rep", repId).param("lead", leadId)
                .param("customer", customerId).param("at", Timestamp.from(occurredAt)).param("call", callRecordId)
                .param("document", document).param("recipient", recipient)
                .update();
    }

    /** Marks the lead's pre-filled, not yet confirmed call records as confirmed; how many there were. */
    int confirmPrefilledCalls(String leadId, Instant at) {
        return jdbc.sql("UPDATE contact_record SET confirmed_at = :at WHERE kind = 'CALL' AND lead_id = :lead AND confirmed_at IS NULL "
                        + "AND call_record_id IN (SELECT id FROM call_record WHERE prefilled_lead_id = :lead)")
                .param("at", Timestamp.from(at)).param("lead", leadId).update();
    }

    /** Contact records in [from, to), of one rep or (null) all. */
    List<ContactRow> contacts(String repId, Instant from, Instant to) {
        return jdbc.sql("SELECT kind, captured, rep_id, occurred_at FROM contact_record WHERE occurred_at >= :from AND occurred_at < :to"
                        + (repId == null ? "" : " AND rep_id = :rep") + " ORDER BY occurred_at, id")
                .params(repId == null ? java.util.Map.of() : java.util.Map.of("rep", repId))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query((rs, row) -> new ContactRow(rs.getString("kind"), rs.getBoolean("captured"), rs.getString("rep_id"),
                        rs.getTimestamp("occurred_at").toInstant()))
                .list();
    }

    private static StoredCall call(ResultSet rs, int row) throws SQLException {
        return new StoredCall(rs.getString("id"), rs.getString("body_sha256"), rs.getString("rep_id"), rs.getString("party_phone"),
                rs.getBoolean("matched"), rs.getString("lead_id"), rs.getString("customer_id"), rs.getString("prefilled_lead_id"),
                rs.getTimestamp("started_at").toInstant(), rs.getInt("duration_seconds"), rs.getBoolean("reached"));
    }
}
