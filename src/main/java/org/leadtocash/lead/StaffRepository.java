package org.leadtocash.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
 * The sales roster and the workload figures assignment ranks by. The figures are kept on {@code sales_staff} and
 * changed in the transaction that changes a lead or records a deal, and the ranking reads them in index order, so an
 * assignment costs the same for 5 reps or 500 and for 200 open leads or 20,000.
 */
@Repository
class StaffRepository {
    private static final String COLUMNS = "user_id, display_name, role, region, mobile, active, manager_id, director_id";
    private static final String WORKLOAD = "s.user_id, s.display_name, s.open_leads, s.recent_deals, s.last_assigned_at";
    private static final String TRIP_OF_DAY =
            "SELECT 1 FROM rep_trip t WHERE t.rep_id = s.user_id AND t.start_date <= :day AND t.end_date >= :day";
    private final JdbcClient jdbc;

    StaffRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                        + "active = :active, manager_id = :manager, director_id = :director WHERE user_id = :id")
                .param("name", s.displayName()).param("role", s.role()).param("region", s.region())
                .param("mobile", s.mobile()).param("active", s.active()).param("manager", s.managerId())
                .param("director", s.directorId()).param("id", s.userId()).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO sales_staff (user_id, display_name, role, region, mobile, active, manager_id, director_id) "
                            + "VALUES (:id, :name, :role, :region, :mobile, :active, :manager, :director)")
                    .param("name", s.displayName()).param("role", s.role()).param("region", s.region())
                    .param("mobile", s.mobile()).param("active", s.active()).param("manager", s.managerId())
                    .param("director", s.directorId()).param("id", s.userId()).update();
        }
    }

    /** Who changed the member last and when; the row must exist. */
    void stamp(String userId, String by, Instant at, boolean deactivated) {
        jdbc.sql("UPDATE sales_staff SET updated_by = :by, updated_at = :at, deactivated_at = "
                        + (deactivated ? ":at" : "NULL") + " WHERE user_id = :id")
                .param("by", by).param("at", LeadRepository.ts(at)).param("id", userId).update();
    }

    /** Active staff with their open-lead counts, for the team page. */
    List<Member> members() {
        return jdbc.sql("SELECT " + COLUMNS + ", open_leads, deactivated_at FROM sales_staff ORDER BY active DESC, region NULLS LAST, user_id")
                .query((rs, row) -> new Member(staff(rs, row), rs.getInt("open_leads"), LeadRepository.instant(rs, "deactivated_at")))
                .list();
    }

    /** The members whose manager or director was {@code from} now report to {@code to}. */
    void replaceLine(String from, String to) {
        jdbc.sql("UPDATE sales_staff SET manager_id = :to WHERE manager_id = :from").param("to", to).param("from", from).update();
        jdbc.sql("UPDATE sales_staff SET director_id = :to WHERE director_id = :from").param("to", to).param("from", from).update();
    }

    /** A roster row with the figures the team page shows. */
    record Member(SalesStaff staff, int openLeads, Instant deactivatedAt) {
    }

    // ---------------------------------------------------------------- workload kept on sales_staff (V8)

    /**
     * The named active reps (wherever they sit) with their workload figures; {@code trip} is left null here, see
     * {@link #onTrip}.
     */
    List<Workload> named(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + WORKLOAD + " FROM sales_staff s WHERE s.user_id IN (:ids) AND s.active = TRUE AND s.role = 'REP'")
                .param("ids", ids).query((rs, row) -> workload(rs, null)).list();
    }

    /**
     * The team's eligible reps in ranking order (fewest open leads, most recent deals, least recently assigned, user id):
     * active, at most {@code maxOpen} open leads, not on a trip on {@code day}. Read in the order of
     * {@code sales_staff_ranking_ix} and cut at {@code limit}, so the cost does not grow with the team.
     */
    List<Workload> ranked(String team, int maxOpen, LocalDate day, int limit) {
        return inRankOrder(team, "s.open_leads <= :max", maxOpen, day, limit);
    }

    /** The team's reps not on a trip but with more than {@code maxOpen} open leads, least loaded first, at most {@code limit}. */
    List<Workload> overloaded(String team, int maxOpen, LocalDate day, int limit) {
        return inRankOrder(team, "s.open_leads > :max", maxOpen, day, limit);
    }

    /** Active reps of the team not travelling on {@code day} whose load meets {@code load}, in ranking-index order. */
    private List<Workload> inRankOrder(String team, String load, int maxOpen, LocalDate day, int limit) {
        return jdbc.sql("SELECT " + WORKLOAD + " FROM sales_staff s WHERE s.region = :team AND s.active = TRUE AND s.role = 'REP' "
                        + "AND " + load + " AND NOT EXISTS (" + TRIP_OF_DAY + ") "
                        + "ORDER BY s.region, s.open_leads, s.recent_deals DESC, s.last_assigned_at NULLS FIRST, s.user_id "
                        + "FETCH FIRST " + limit + " ROWS ONLY")
                .param("team", team).param("max", maxOpen).param("day", day)
                .query((rs, row) -> workload(rs, null)).list();
    }

    /**
     * The team's active reps on a trip on the day, with the trip, at most {@code limit}. Reads the trips of the day first
     * (by end date: today's and future trips only, never the past), then those travellers' rows.
     */
    List<Workload> travelling(String team, LocalDate day, int limit) {
        Map<String, Trip> trips = new HashMap<>();
        jdbc.sql("SELECT id, rep_id, start_date, end_date, note, created_by FROM rep_trip WHERE end_date >= :day AND start_date <= :day "
                        + "ORDER BY end_date")
                .param("day", day)
                .query((ResultSet rs) -> {
                    trips.putIfAbsent(rs.getString("rep_id"), trip(rs, 0));
                });
        if (trips.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + WORKLOAD + " FROM sales_staff s WHERE s.user_id IN (:reps) AND s.region = :team "
                        + "AND s.active = TRUE AND s.role = 'REP' ORDER BY s.user_id FETCH FIRST " + limit + " ROWS ONLY")
                .param("reps", trips.keySet()).param("team", team)
                .query((rs, row) -> workload(rs, trips.get(rs.getString("user_id")))).list();
    }

    /**
     * A lead left {@code from} (its status and assignee before) for {@code to}: the open-lead counts of the reps
     * concerned follow, and a rep given the lead records when. Call in the transaction that changed the lead, after
     * locking it ({@link LeadRepository#lockHolding}).
     */
    void leadMoved(LeadRepository.Holding from, LeadStatus toStatus, String toAssignee, Instant assignedAt) {
        boolean wasOpen = from.status() == LeadStatus.ASSIGNED && from.assignee() != null;
        boolean isOpen = toStatus == LeadStatus.ASSIGNED && toAssignee != null;
        if (wasOpen) {
            jdbc.sql("UPDATE sales_staff SET open_leads = CASE WHEN open_leads > 0 THEN open_leads - 1 ELSE 0 END WHERE user_id = :id")
                    .param("id", from.assignee()).update();
        }
        if (isOpen) {
            jdbc.sql("UPDATE sales_staff SET open_leads = open_leads + 1, last_assigned_at = CASE WHEN last_assigned_at IS NULL "
                            + "OR last_assigned_at < :at THEN :at ELSE last_assigned_at END WHERE user_id = :id")
                    .param("at", LeadRepository.ts(assignedAt)).param("id", toAssignee).update();
        }
    }

    /**
     * Retires deals signed before {@code since} from their reps' recent-deal counts. Each deal is claimed by a
     * conditional update, so two transactions retiring at once never count one twice. Returns how many it retired.
     */
    int retireDealsBefore(Instant since) {
        List<Long> ids = new ArrayList<>();
        List<String> reps = new ArrayList<>();
        jdbc.sql("SELECT id, rep_id FROM signed_deal WHERE in_window = TRUE AND signed_at < :since ORDER BY id FETCH FIRST 1000 ROWS ONLY")
                .param("since", LeadRepository.ts(since))
                .query((ResultSet rs) -> {
                    ids.add(rs.getLong("id"));
                    reps.add(rs.getString("rep_id"));
                });
        int retired = 0;
        for (int i = 0; i < ids.size(); i++) {
            if (jdbc.sql("UPDATE signed_deal SET in_window = FALSE WHERE id = :id AND in_window = TRUE").param("id", ids.get(i)).update() == 1) {
                jdbc.sql("UPDATE sales_staff SET recent_deals = CASE WHEN recent_deals > 0 THEN recent_deals - 1 ELSE 0 END "
                        + "WHERE user_id = :id").param("id", reps.get(i)).update();
                retired++;
            }
        }
        return retired;
    }

    /**
     * Recomputes every rep's workload figures from the leads and deals. For fixtures and bulk loads that write those
     * tables directly, and for repairs; not for use while assignments are running (they would race the recount).
     */
    void recountWorkload(Instant dealsSince) {
        jdbc.sql("UPDATE signed_deal SET in_window = CASE WHEN signed_at >= :since THEN TRUE ELSE FALSE END")
                .param("since", LeadRepository.ts(dealsSince)).update();
        jdbc.sql("UPDATE sales_staff SET "
                + "open_leads = (SELECT COUNT(*) FROM sales_lead l WHERE l.assignee = sales_staff.user_id AND l.status = 'ASSIGNED'), "
                + "last_assigned_at = (SELECT MAX(l.assigned_at) FROM sales_lead l WHERE l.assignee = sales_staff.user_id), "
                + "recent_deals = (SELECT COUNT(*) FROM signed_deal d WHERE d.rep_id = sales_staff.user_id AND d.in_window = TRUE)")
                .update();
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

    /** Stores the deal; one signed within the window ({@code at >= since}) counts for the rep at once. */
    void recordSignedDeal(String repId, String customerId, java.math.BigDecimal amount, String reference, Instant at, Instant since) {
        boolean inWindow = !at.isBefore(since);
        jdbc.sql("INSERT INTO signed_deal (rep_id, customer_id, amount_cny, reference, signed_at, in_window) "
                        + "VALUES (:rep, :cid, :amount, :ref, :at, :inWindow)")
                .param("rep", repId).param("cid", customerId).param("amount", amount).param("ref", reference)
                .param("at", LeadRepository.ts(at)).param("inWindow", inWindow).update();
        if (inWindow) {
            jdbc.sql("UPDATE sales_staff SET recent_deals = recent_deals + 1 WHERE user_id = :id").param("id", repId).update();
        }
    }

    Set<String> existingUserIds(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT user_id FROM sales_staff WHERE user_id IN (:ids)").param("ids", ids)
                .query(String.class).list());
    }

    /** A rep as assignment ranks him: open leads, deals in the window, last assignment, and his trip of the day if any. */
    record Workload(String userId, String displayName, int openLeads, int recentDeals, Instant lastAssignedAt, Trip trip) {
    }

    private static Workload workload(ResultSet rs, Trip trip) throws SQLException {
        return new Workload(rs.getString("user_id"), rs.getString("display_name"), rs.getInt("open_leads"),
                rs.getInt("recent_deals"), LeadRepository.instant(rs, "last_assigned_at"), trip);
    }

    private static SalesStaff staff(ResultSet rs, int row) throws SQLException {
        String region = rs.getString("region");
        return new SalesStaff(rs.getString("user_id"), rs.getString("display_name"), rs.getString("role"),
                region, rs.getString("mobile"), rs.getBoolean("active"), rs.getString("manager_id"), rs.getString("director_id"));
    }

    private static Trip trip(ResultSet rs, int row) throws SQLException {
        return new Trip(rs.getLong("id"), rs.getString("rep_id"), rs.getDate("start_date").toLocalDate(),
                rs.getDate("end_date").toLocalDate(), rs.getString("note"), rs.getString("created_by"));
    }
}
