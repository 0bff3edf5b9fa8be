package org.leadtocash.lead;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Read-only look-ups other features need about phone numbers, reps and trips, without reaching into the lead tables:
 * which rep a mobile number belongs to, which leads (and so customers) a contact phone belongs to, the active reps,
 * and the reps' business trips. Numbers are compared in {@link ChinesePhone#normalise} form, as intake stores them.
 */
@Service
public class PhoneDirectory {
    private final JdbcClient jdbc;

    PhoneDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A lead whose contact phone matched; {@code firstContactOpen} = assigned and not yet reached (its task is open). */
    public record PhoneMatch(String leadId, String customerId, String assignee, String customerOwner,
                             String processInstanceId, boolean firstContactOpen) {
    }

    /** A rep's business trip (出差), both days inclusive. */
    public record RepTrip(String repId, LocalDate startDate, LocalDate endDate) {
    }

    /** The active staff member (rep, manager or director) whose mobile is the normalised number. */
    public Optional<String> staffWithMobile(String normalisedPhone) {
        return jdbc.sql("SELECT user_id FROM sales_staff WHERE mobile = :phone AND active = TRUE ORDER BY user_id")
                .param("phone", normalisedPhone).query(String.class).list().stream().findFirst();
    }

    /** Leads with this contact phone, newest first. */
    public List<PhoneMatch> leadsWithPhone(String normalisedPhone) {
        return jdbc.sql("SELECT l.id, l.customer_id, l.assignee, c.owner_id, l.process_instance_id, l.status "
                        + "FROM sales_lead l JOIN customer c ON c.id = l.customer_id "
                        + "WHERE l.contact_phone = :phone ORDER BY l.created_at DESC, l.id")
                .param("phone", normalisedPhone)
                .query((rs, row) -> new PhoneMatch(rs.getString("id"), rs.getString("customer_id"), rs.getString("assignee"),
                        rs.getString("owner_id"), rs.getString("process_instance_id"),
                        LeadStatus.ASSIGNED.name().equals(rs.getString("status"))))
                .list();
    }

    /** User ids of the active sales reps, sorted. */
    public List<String> activeReps() {
        return jdbc.sql("SELECT user_id FROM sales_staff WHERE role = :role AND active = TRUE ORDER BY user_id")
                .param("role", SalesStaff.REP).query(String.class).list();
    }

    /** Trips overlapping [from, to]; all reps when {@code repId} is null. */
    public List<RepTrip> trips(String repId, LocalDate from, LocalDate to) {
        return jdbc.sql("SELECT rep_id, start_date, end_date FROM rep_trip WHERE start_date <= :to AND end_date >= :from"
                        + (repId == null ? "" : " AND rep_id = :rep") + " ORDER BY rep_id, start_date")
                .param("from", from).param("to", to).params(repId == null ? java.util.Map.of() : java.util.Map.of("rep", repId))
                .query((rs, row) -> new RepTrip(rs.getString("rep_id"), rs.getDate("start_date").toLocalDate(),
                        rs.getDate("end_date").toLocalDate()))
                .list();
    }
}
