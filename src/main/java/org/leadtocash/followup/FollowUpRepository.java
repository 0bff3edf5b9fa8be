package org.leadtocash.followup;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The follow-up tables of migration V15: customers in the cadence, their contacts, the team reminder switches. */
@Repository
class FollowUpRepository {
    private final JdbcClient jdbc;

    FollowUpRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<FollowUpCustomer> find(String customerId) {
        return jdbc.sql("SELECT * FROM follow_up_customer WHERE customer_id = ?").param(customerId)
                .query(FollowUpRepository::customer).optional();
    }

    Optional<FollowUpCustomer> lock(String customerId) {
        return jdbc.sql("SELECT * FROM follow_up_customer WHERE customer_id = ? FOR UPDATE").param(customerId)
                .query(FollowUpRepository::customer).optional();
    }

    void insertCustomer(String customerId, String companyName, String repId, Instant contactAt, LocalDate next) {
        jdbc.sql("INSERT INTO follow_up_customer (customer_id, company_name, rep_id, status, last_contact_at, "
                        + "next_follow_up_date, started_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?, ?)")
                .params(customerId, companyName, repId, ts(contactAt), next, ts(contactAt)).update();
    }

    /** A contact: the customer is ACTIVE again (won back when it was LOST), with this last contact and promise. */
    void contacted(String customerId, Instant at, LocalDate next, boolean wonBack) {
        jdbc.sql("UPDATE follow_up_customer SET status = 'ACTIVE', last_contact_at = ?, next_follow_up_date = ?, "
                        + "lost_at = CASE WHEN ? THEN NULL ELSE lost_at END, "
                        + "won_back_at = CASE WHEN ? THEN ? ELSE won_back_at END WHERE customer_id = ?")
                .params(ts(at), next, wonBack, wonBack, ts(at), customerId).update();
    }

    boolean markLost(String customerId, Instant at) {
        return jdbc.sql("UPDATE follow_up_customer SET status = 'LOST', lost_at = ? WHERE customer_id = ? AND status = 'ACTIVE'")
                .params(ts(at), customerId).update() == 1;
    }

    long insertContact(String customerId, String repId, Instant at, FollowUpOutcome outcome, String notes, LocalDate next,
                       String via, String recordedBy) {
        jdbc.sql("INSERT INTO follow_up_contact (customer_id, rep_id, contacted_at, outcome, notes, next_follow_up_date, via, "
                        + "recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(customerId, repId, ts(at), outcome.name(), notes, next, via, recordedBy).update();
        return jdbc.sql("SELECT MAX(id) FROM follow_up_contact WHERE customer_id = ?").param(customerId)
                .query(Long.class).single();
    }

    List<FollowUpContact> contacts(String customerId) {
        return jdbc.sql("SELECT * FROM follow_up_contact WHERE customer_id = ? ORDER BY id").param(customerId)
                .query((rs, row) -> new FollowUpContact(rs.getLong("id"), rs.getString("customer_id"), rs.getString("rep_id"),
                        instant(rs, "contacted_at"), rs.getString("outcome"), rs.getString("notes"),
                        rs.getObject("next_follow_up_date", LocalDate.class), rs.getString("via"), rs.getString("recorded_by")))
                .list();
    }

    /** A customer counted by the overdue ratio, with its owner's team (sales region; null when the owner is not on the roster). */
    record Counted(String repId, String repName, String team, LocalDate nextFollowUpDate, Instant lastContactAt) {
    }

    /** ACTIVE customers and those that became LOST at or after {@code lostSince}. */
    List<Counted> counted(Instant lostSince) {
        return jdbc.sql("SELECT c.rep_id, s.display_name, s.region, c.next_follow_up_date, c.last_contact_at "
                        + "FROM follow_up_customer c LEFT JOIN sales_staff s ON s.user_id = c.rep_id "
                        + "WHERE c.status = 'ACTIVE' OR (c.status = 'LOST' AND c.lost_at >= ?)")
                .param(ts(lostSince))
                .query((rs, row) -> new Counted(rs.getString("rep_id"), rs.getString("display_name"), rs.getString("region"),
                        rs.getObject("next_follow_up_date", LocalDate.class), instant(rs, "last_contact_at")))
                .list();
    }

    /** The team's switch: on or off, or empty before its first evaluation. */
    Optional<Boolean> strongerOn(String team) {
        return jdbc.sql("SELECT stronger_on FROM follow_up_team_reminder WHERE team = ?").param(team)
                .query(Boolean.class).optional();
    }

    void saveSwitch(String team, boolean on, BigDecimal ratio, Instant at, boolean changed) {
        int updated = jdbc.sql("UPDATE follow_up_team_reminder SET stronger_on = ?, overdue_ratio = ?, evaluated_at = ?, "
                        + "changed_at = CASE WHEN ? THEN ? ELSE changed_at END WHERE team = ?")
                .params(on, ratio, ts(at), changed, ts(at), team).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO follow_up_team_reminder (team, stronger_on, overdue_ratio, evaluated_at, changed_at) "
                    + "VALUES (?, ?, ?, ?, ?)").params(team, on, ratio, ts(at), ts(at)).update();
        }
    }

    void insertSwitch(String team, boolean on, int overdue, int customers, BigDecimal ratio, Instant at, String processInstanceId) {
        jdbc.sql("INSERT INTO follow_up_reminder_switch (team, stronger_on, overdue_customers, customers, overdue_ratio, "
                        + "switched_at, process_instance_id) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(team, on, overdue, customers, ratio, ts(at), processInstanceId).update();
    }

    /** A recorded switch of a team's stronger reminders. */
    public record Switch(String team, boolean strongerOn, int overdueCustomers, int customers, BigDecimal overdueRatio,
                         Instant switchedAt) {
    }

    List<Switch> switches(String team) {
        return jdbc.sql("SELECT * FROM follow_up_reminder_switch WHERE team = ? ORDER BY id").param(team)
                .query((rs, row) -> new Switch(rs.getString("team"), rs.getBoolean("stronger_on"), rs.getInt("overdue_customers"),
                        rs.getInt("customers"), rs.getBigDecimal("overdue_ratio"), instant(rs, "switched_at")))
                .list();
    }

    private static FollowUpCustomer customer(ResultSet rs, int row) throws SQLException {
        return new FollowUpCustomer(rs.getString("customer_id"), rs.getString("company_name"), rs.getString("rep_id"),
                rs.getString("status"), instant(rs, "last_contact_at"), rs.getObject("next_follow_up_date", LocalDate.class),
                instant(rs, "lost_at"), instant(rs, "won_back_at"));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
