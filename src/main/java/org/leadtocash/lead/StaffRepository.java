package org.leadtocash.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sales roster and the workload figures assignment ranks by. Each method is one query whatever the
 * number of reps, so assignment costs the same for 5 reps or 500.
 */
@Repository
class StaffRepository {
    private static final String COLUMNS = "user_id, display_name, role, region, mobile, active";
    private final JdbcClient jdbc;

    StaffRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Active reps of the team, plus the named reps wherever they sit. */
    List<SalesStaff> candidates(Region team, Collection<String> named) {
        String sql = "SELECT " + COLUMNS + " FROM sales_staff WHERE active = TRUE AND role = 'REP' AND (region = :team"
                + (named.isEmpty() ? ")" : " OR user_id IN (:named))") + " ORDER BY user_id";
        var spec = jdbc.sql(sql).param("team", team == null ? "" : team.name());
        if (!named.isEmpty()) {
            spec = spec.param("named", named);
        }
        return spec.query(StaffRepository::staff).list();
    }

    Optional<SalesStaff> find(String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sales_staff WHERE user_id = :id").param("id", userId)
                .query(StaffRepository::staff).optional();
    }

    List<SalesStaff> byRole(String role) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sales_staff WHERE active = TRUE AND role = :role ORDER BY user_id")
                .param("role", role).query(StaffRepository::staff).list();
    }

    List<SalesStaff> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM sales_staff ORDER BY user_id").query(StaffRepository::staff).list();
    }

    void upsert(SalesStaff s) {
        int updated = jdbc.sql("UPDATE sales_staff SET display_name = :name, role = :role, region = :region, mobile = :mobile, "
                        + "active = :active WHERE user_id = :id")
                .param("name", s.displayName()).param("role", s.role()).param("region", s.region() == null ? null : s.region().name())
                .param("mobile", s.mobile()).param("active", s.active()).param("id", s.userId()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active) "
                            + "VALUES (:id, :name, :role, :region, :mobile, :active)")
                    .param("name", s.displayName()).param("role", s.role()).param("region", s.region() == null ? null : s.region().name())
                    .param("mobile", s.mobile()).param("active", s.active()).param("id", s.userId()).update();
        }
    }

    /** Open (assigned, not yet contacted) leads and the last assignment time, per rep, in one query. */
    Map<String, LeadLoad> leadLoad(Collection<String> reps) {
        Map<String, LeadLoad> load = new HashMap<>();
        if (reps.isEmpty()) {
            return load;
        }
        jdbc.sql("SELECT assignee, SUM(CASE WHEN status = 'ASSIGNED' THEN 1 ELSE 0 END) AS open_leads, MAX(assigned_at) AS last_assigned "
                        + "FROM sales_lead WHERE assignee IN (:reps) GROUP BY assignee")
                .param("reps", reps)
                .query((ResultSet rs) -> {
                    load.put(rs.getString("assignee"), new LeadLoad(rs.getInt("open_leads"), LeadRepository.instant(rs, "last_assigned")));
                });
        return load;
    }

    /** Deals signed since the instant, per rep, in one query. */
    Map<String, Integer> signedDeals(Collection<String> reps, Instant since) {
        Map<String, Integer> deals = new HashMap<>();
        if (reps.isEmpty()) {
            return deals;
        }
        jdbc.sql("SELECT rep_id, COUNT(*) AS deals FROM signed_deal WHERE rep_id IN (:reps) AND signed_at >= :since GROUP BY rep_id")
                .param("reps", reps).param("since", LeadRepository.ts(since))
                .query((ResultSet rs) -> {
                    deals.put(rs.getString("rep_id"), rs.getInt("deals"));
                });
        return deals;
    }

    /** Reps on a business trip on the day, in one query. */
    Map<String, Trip> onTrip(Collection<String> reps, LocalDate day) {
        Map<String, Trip> trips = new HashMap<>();
        if (reps.isEmpty()) {
            return trips;
        }
        jdbc.sql("SELECT id, rep_id, start_date, end_date, note, created_by FROM rep_trip WHERE rep_id IN (:reps) "
                        + "AND start_date <= :day AND end_date >= :day ORDER BY end_date")
                .param("reps", reps).param("day", day)
                .query((ResultSet rs) -> {
                    trips.putIfAbsent(rs.getString("rep_id"), trip(rs, 0));
                });
        return trips;
    }

    long insertTrip(String repId, LocalDate start, LocalDate end, String note, String createdBy, Instant at) {
        var keyHolder = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("INSERT INTO rep_trip (rep_id, start_date, end_date, note, created_by, created_at) "
                        + "VALUES (:rep, :start, :end, :note, :by, :at)")
                .param("rep", repId).param("start", start).param("end", end).param("note", note).param("by", createdBy)
                .param("at", LeadRepository.ts(at))
                .update(keyHolder, "id");
        return keyHolder.getKey().longValue();
    }

    List<Trip> trips(String repId) {
        return jdbc.sql("SELECT id, rep_id, start_date, end_date, note, created_by FROM rep_trip WHERE rep_id = :rep ORDER BY start_date")
                .param("rep", repId).query(StaffRepository::trip).list();
    }

    boolean deleteTrip(String repId, long id) {
        return jdbc.sql("DELETE FROM rep_trip WHERE id = :id AND rep_id = :rep").param("id", id).param("rep", repId).update() == 1;
    }

    void recordSignedDeal(String repId, String customerId, java.math.BigDecimal amount, String reference, Instant at) {
        jdbc.sql("INSERT INTO signed_deal (rep_id, customer_id, amount_cny, reference, signed_at) VALUES (:rep, :cid, :amount, :ref, :at)")
                .param("rep", repId).param("cid", customerId).param("amount", amount).param("ref", reference)
                .param("at", LeadRepository.ts(at)).update();
    }

    Set<String> existingUserIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT user_id FROM sales_staff WHERE user_id IN (:ids)").param("ids", ids)
                .query(String.class).list());
    }

    record LeadLoad(int openLeads, Instant lastAssignedAt) {
    }

    private static SalesStaff staff(ResultSet rs, int row) throws SQLException {
        String region = rs.getString("region");
        return new SalesStaff(rs.getString("user_id"), rs.getString("display_name"), rs.getString("role"),
                region == null ? null : Region.valueOf(region), rs.getString("mobile"), rs.getBoolean("active"));
    }

    private static Trip trip(ResultSet rs, int row) throws SQLException {
        return new Trip(rs.getLong("id"), rs.getString("rep_id"), rs.getDate("start_date").toLocalDate(),
                rs.getDate("end_date").toLocalDate(), rs.getString("note"), rs.getString("created_by"));
    }
}
