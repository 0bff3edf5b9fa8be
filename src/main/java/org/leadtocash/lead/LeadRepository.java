package org.leadtocash.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code sales_lead} and {@code customer}. Every write that changes what the R-07 KPI counts a lead by (creation, status,
 * rep, first contact) moves the lead's counts in {@link LeadFirstContactSummary} in the same transaction.
 */
@Repository
class LeadRepository {
    private static final String LEAD_COLUMNS = "id, source, external_id, customer_id, company_name, credit_code, contact_name, "
            + "contact_phone, region, budget_cny, product_interest, status, assignee, assigned_at, routing_rule, "
            + "routing_explanation, process_instance_id, created_by, created_at, first_contact_at, last_attempt_at, "
            + "contact_attempts, contact_notes, next_follow_up_date, invalid_reason";

    private final JdbcClient jdbc;
    private final LeadFirstContactSummary summary;

    LeadRepository(JdbcClient jdbc, LeadFirstContactSummary summary) {
        this.jdbc = jdbc;
        this.summary = summary;
    }

    void insert(String id, LeadDraft d, String customerId, String createdBy, Instant createdAt) {
        jdbc.sql("INSERT INTO sales_lead (id, source, external_id, customer_id, company_name, credit_code, contact_name, "
                        + "contact_phone, region, budget_cny, product_interest, status, created_by, created_at) "
                        + "VALUES (:id, :source, :externalId, :customerId, :companyName, :creditCode, :contactName, "
                        + ":contactPhone, :region, :budget, :productInterest, :status, :createdBy, :createdAt)")
                .param("id", id).param("source", d.source().name()).param("externalId", d.externalId())
                .param("customerId", customerId).param("companyName", d.companyName()).param("creditCode", d.creditCode())
                .param("contactName", d.contactName()).param("contactPhone", d.contactPhone())
                .param("region", d.region()).param("budget", d.budgetCny()).param("productInterest", d.productInterest())
                .param("status", LeadStatus.NEW.name()).param("createdBy", createdBy).param("createdAt", ts(createdAt))
                .update();
        summary.moved(null, new LeadFirstContactSummary.Counted(createdAt, LeadStatus.NEW, null, d.source().name(), d.region(), null));
    }

    Optional<Lead> find(String id) {
        return jdbc.sql("SELECT " + LEAD_COLUMNS + " FROM sales_lead WHERE id = :id").param("id", id)
                .query(LeadRepository::lead).optional();
    }

    Optional<Lead> findByChannel(LeadSource source, String externalId) {
        return jdbc.sql("SELECT " + LEAD_COLUMNS + " FROM sales_lead WHERE source = :source AND external_id = :externalId")
                .param("source", source.name()).param("externalId", externalId)
                .query(LeadRepository::lead).optional();
    }

    /** Leads visible to a rep: assigned to him, or of a customer he owns. {@code null} user → all. */
    List<Lead> list(String visibleTo, LeadStatus status, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + LEAD_COLUMNS + " FROM sales_lead l WHERE 1 = 1");
        if (visibleTo != null) {
            sql.append(" AND (l.assignee = :user OR l.customer_id IN (SELECT c.id FROM customer c WHERE c.owner_id = :user))");
        }
        if (status != null) {
            sql.append(" AND l.status = :status");
        }
        sql.append(" ORDER BY l.created_at DESC, l.id FETCH FIRST ").append(limit).append(" ROWS ONLY");
        JdbcClient.StatementSpec spec = jdbc.sql(sql.toString());
        if (visibleTo != null) {
            spec = spec.param("user", visibleTo);
        }
        if (status != null) {
            spec = spec.param("status", status.name());
        }
        return spec.query(LeadRepository::lead).list();
    }

    void setProcessInstance(String leadId, String processInstanceId) {
        jdbc.sql("UPDATE sales_lead SET process_instance_id = :pi WHERE id = :id")
                .param("pi", processInstanceId).param("id", leadId).update();
    }

    /**
     * A lead's status and assignee, as read under a row lock before changing them, and what the first-contact summary
     * counts it by, so a write moves its counts without reading the lead again.
     */
    record Holding(LeadStatus status, String assignee, LeadFirstContactSummary.Counted counted) {
    }

    /**
     * Locks the lead's row until the transaction ends and returns its status and assignee, so that a change of either
     * and the reps' open-lead counts ({@link StaffRepository#leadMoved}) move together.
     */
    Holding lockHolding(String leadId) {
        return jdbc.sql("SELECT status, assignee, created_at, source, region, first_contact_at FROM sales_lead WHERE id = :id FOR UPDATE")
                .param("id", leadId)
                .query((rs, row) -> {
                    LeadStatus status = LeadStatus.valueOf(rs.getString("status"));
                    String assignee = rs.getString("assignee");
                    return new Holding(status, assignee, new LeadFirstContactSummary.Counted(instant(rs, "created_at"), status, assignee,
                            rs.getString("source"), rs.getString("region"), instant(rs, "first_contact_at")));
                })
                .optional().orElseThrow(() -> new IllegalStateException("lead " + leadId + " does not exist"));
    }

    /** @param before the lead as {@link #lockHolding} read it in this transaction */
    void recordRouting(String leadId, Holding before, LeadStatus status, String assignee, Instant assignedAt, String rule,
                       String explanation) {
        jdbc.sql("UPDATE sales_lead SET status = :status, assignee = :assignee, assigned_at = :assignedAt, "
                        + "routing_rule = :rule, routing_explanation = :explanation WHERE id = :id")
                .param("status", status.name()).param("assignee", assignee).param("assignedAt", ts(assignedAt))
                .param("rule", rule).param("explanation", explanation).param("id", leadId).update();
        summary.moved(before.counted(), before.counted().routed(status, assignee));
    }

    void recordAttempt(String leadId, Instant at, String notes, LocalDate nextFollowUp) {
        jdbc.sql("UPDATE sales_lead SET contact_attempts = contact_attempts + 1, last_attempt_at = :at, "
                        + "contact_notes = :notes, next_follow_up_date = :next WHERE id = :id")
                .param("at", ts(at)).param("notes", notes).param("next", nextFollowUp).param("id", leadId).update();
    }

    /** @param before the lead as {@link #lockHolding} read it in this transaction */
    void markContacted(String leadId, Holding before, Instant at) {
        jdbc.sql("UPDATE sales_lead SET status = :status, first_contact_at = :at WHERE id = :id")
                .param("status", LeadStatus.CONTACTED.name()).param("at", ts(at)).param("id", leadId).update();
        summary.moved(before.counted(), before.counted().contacted(at));
    }

    /** @param before the lead as {@link #lockHolding} read it in this transaction; an invalid lead leaves the summary */
    void markInvalid(String leadId, Holding before, String reason) {
        jdbc.sql("UPDATE sales_lead SET status = :status, invalid_reason = :reason WHERE id = :id")
                .param("status", LeadStatus.INVALID.name()).param("reason", reason).param("id", leadId).update();
        summary.moved(before.counted(), before.counted().invalid());
    }

    /** What the first-contact KPI needs of one lead: no texts, so a quarter of a busy year reads in one pass. */
    record KpiRow(String assignee, String source, String region, Instant createdAt, Instant firstContactAt) {
    }

    /** Valid leads (not INVALID) created in [from, to), optionally only one rep's, as {@link KpiRow}s. */
    List<KpiRow> kpiRowsCreatedBetween(Instant from, Instant to, String assignee) {
        var spec = jdbc.sql("SELECT assignee, source, region, created_at, first_contact_at FROM sales_lead "
                        + "WHERE created_at >= :from AND created_at < :to AND status <> 'INVALID'"
                        + (assignee == null ? "" : " AND assignee = :assignee"))
                .param("from", ts(from)).param("to", ts(to));
        if (assignee != null) {
            spec = spec.param("assignee", assignee);
        }
        return spec.query((rs, n) -> new KpiRow(rs.getString("assignee"), rs.getString("source"), rs.getString("region"),
                instant(rs, "created_at"), instant(rs, "first_contact_at"))).list();
    }

    // --- customers ---

    Optional<Customer> findCustomerByCreditCode(String creditCode) {
        return jdbc.sql("SELECT id, credit_code, company_name, owner_id, owned_since, created_at FROM customer WHERE credit_code = :cc")
                .param("cc", creditCode).query(LeadRepository::customer).optional();
    }

    Optional<Customer> findCustomer(String id) {
        return jdbc.sql("SELECT id, credit_code, company_name, owner_id, owned_since, created_at FROM customer WHERE id = :id")
                .param("id", id).query(LeadRepository::customer).optional();
    }

    List<Customer> customers(String owner, int limit) {
        var spec = jdbc.sql("SELECT id, credit_code, company_name, owner_id, owned_since, created_at FROM customer"
                + (owner == null ? "" : " WHERE owner_id = :owner") + " ORDER BY company_name, id FETCH FIRST " + limit + " ROWS ONLY");
        if (owner != null) {
            spec = spec.param("owner", owner);
        }
        return spec.query(LeadRepository::customer).list();
    }

    void insertCustomer(String id, String creditCode, String companyName, Instant createdAt) {
        jdbc.sql("INSERT INTO customer (id, credit_code, company_name, created_at) VALUES (:id, :cc, :name, :at)")
                .param("id", id).param("cc", creditCode).param("name", companyName).param("at", ts(createdAt)).update();
    }

    /** Sets the owner only if there is none yet (first rep to reach the customer wins); returns whether it did. */
    boolean claimOwnership(String customerId, String ownerId, Instant at) {
        boolean claimed = jdbc.sql("UPDATE customer SET owner_id = :owner, owned_since = :at WHERE id = :id AND owner_id IS NULL")
                .param("owner", ownerId).param("at", ts(at)).param("id", customerId).update() == 1;
        if (claimed) {
            CustomerOwners.record(jdbc, customerId, ownerId, null, at, ownerId, "首位负责人 first owner");
        }
        return claimed;
    }

    /** The rep currently holding an open (assigned, not yet contacted) lead of this customer, if any. */
    Optional<String> openLeadHolder(String customerId, String exceptLeadId) {
        return jdbc.sql("SELECT assignee FROM sales_lead WHERE customer_id = :cid AND status = :status AND id <> :lead "
                        + "AND assignee IS NOT NULL ORDER BY assigned_at FETCH FIRST 1 ROWS ONLY")
                .param("cid", customerId).param("status", LeadStatus.ASSIGNED.name()).param("lead", exceptLeadId)
                .query(String.class).optional();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Lead lead(ResultSet rs, int row) throws SQLException {
        var next = rs.getDate("next_follow_up_date");
        return new Lead(rs.getString("id"), LeadSource.valueOf(rs.getString("source")), rs.getString("external_id"),
                rs.getString("customer_id"), rs.getString("company_name"), rs.getString("credit_code"),
                rs.getString("contact_name"), rs.getString("contact_phone"), rs.getString("region"),
                rs.getBigDecimal("budget_cny"), rs.getString("product_interest"), LeadStatus.valueOf(rs.getString("status")),
                rs.getString("assignee"), instant(rs, "assigned_at"), rs.getString("routing_rule"),
                rs.getString("routing_explanation"), rs.getString("process_instance_id"), rs.getString("created_by"),
                instant(rs, "created_at"), instant(rs, "first_contact_at"), instant(rs, "last_attempt_at"),
                rs.getInt("contact_attempts"), rs.getString("contact_notes"), next == null ? null : next.toLocalDate(),
                rs.getString("invalid_reason"));
    }

    private static Customer customer(ResultSet rs, int row) throws SQLException {
        return new Customer(rs.getString("id"), rs.getString("credit_code"), rs.getString("company_name"),
                rs.getString("owner_id"), instant(rs, "owned_since"), instant(rs, "created_at"));
    }
}
