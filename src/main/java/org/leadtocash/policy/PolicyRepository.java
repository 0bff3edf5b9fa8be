package org.leadtocash.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code policy_rollout} and {@code policy_rollout_rep} of migration V15. */
@Repository
class PolicyRepository {
    private final JdbcClient jdbc;

    PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PolicyRollout p, String processInstanceId, List<String> reps) {
        jdbc.sql("INSERT INTO policy_rollout (id, title, kind, product, region, policy_text, published_by, published_at, status, "
                        + "process_instance_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)")
                .params(p.id(), p.title(), p.kind(), p.product(), p.region(), p.policyText(), p.publishedBy(),
                        ts(p.publishedAt()), processInstanceId).update();
        for (String rep : reps) {
            jdbc.sql("INSERT INTO policy_rollout_rep (policy_id, rep_id) VALUES (?, ?)").params(p.id(), rep).update();
        }
    }

    Optional<PolicyRollout> find(String id) {
        return jdbc.sql("SELECT * FROM policy_rollout WHERE id = ?").param(id).query(PolicyRepository::rollout).optional();
    }

    List<PolicyRollout> all() {
        return jdbc.sql("SELECT * FROM policy_rollout ORDER BY published_at, id").query(PolicyRepository::rollout).list();
    }

    void notified(String id, Instant at) {
        jdbc.sql("UPDATE policy_rollout SET notified_at = ? WHERE id = ? AND notified_at IS NULL").params(ts(at), id).update();
    }

    void escalated(String id, Instant at) {
        jdbc.sql("UPDATE policy_rollout SET escalated_at = ? WHERE id = ? AND escalated_at IS NULL").params(ts(at), id).update();
    }

    boolean acknowledge(String id, String rep, Instant at) {
        return jdbc.sql("UPDATE policy_rollout_rep SET acknowledged_at = ? WHERE policy_id = ? AND rep_id = ? AND acknowledged_at IS NULL")
                .params(ts(at), id, rep).update() == 1;
    }

    /** A rep in a roll-out's scope and when he acknowledged (null: not yet). */
    record RepAck(String repId, Instant acknowledgedAt) {
    }

    List<RepAck> reps(String id) {
        return jdbc.sql("SELECT rep_id, acknowledged_at FROM policy_rollout_rep WHERE policy_id = ? ORDER BY rep_id").param(id)
                .query((rs, row) -> new RepAck(rs.getString("rep_id"), instant(rs, "acknowledged_at"))).list();
    }

    /** Open roll-outs published at or before the deal whose scope holds the rep, locked. */
    List<String> openFor(String rep, Instant signedAt) {
        return jdbc.sql("SELECT p.id FROM policy_rollout p JOIN policy_rollout_rep r ON r.policy_id = p.id "
                        + "WHERE p.status = 'OPEN' AND r.rep_id = ? AND p.published_at <= ? ORDER BY p.id FOR UPDATE")
                .params(rep, ts(signedAt)).query(String.class).list();
    }

    void firstDeal(String id, Instant at, String rep, String reference) {
        jdbc.sql("UPDATE policy_rollout SET status = 'CLOSED', first_deal_at = ?, first_deal_rep = ?, first_deal_reference = ? "
                + "WHERE id = ? AND status = 'OPEN'").params(ts(at), rep, reference, id).update();
    }

    private static PolicyRollout rollout(ResultSet rs, int row) throws SQLException {
        return new PolicyRollout(rs.getString("id"), rs.getString("title"), rs.getString("kind"), rs.getString("product"),
                rs.getString("region"), rs.getString("policy_text"), rs.getString("published_by"), instant(rs, "published_at"),
                instant(rs, "notified_at"), instant(rs, "first_deal_at"), rs.getString("first_deal_rep"),
                rs.getString("first_deal_reference"), instant(rs, "escalated_at"), rs.getString("status"));
    }

    static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
