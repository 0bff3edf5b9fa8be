package org.leadtocash.lead;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who owns which customer and since when, with the history of every change ({@code customer_owner_history}):
 * the owner of a row holds the customer from its {@code changedAt} until the customer's next row.
 */
@Repository
class CustomerOwners {
    private final JdbcClient jdbc;

    CustomerOwners(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One change of owner: {@code ownerId} null = the customer has no owner from then on. */
    public record OwnerChange(String customerId, String ownerId, String previousOwnerId, Instant changedAt, String changedBy,
                              String reason) {
    }

    /** Sets the customer's owner (or none) and records the change; returns the previous owner. */
    String transfer(String customerId, String ownerId, Instant at, String by, String reason) {
        String previous = jdbc.sql("SELECT owner_id FROM customer WHERE id = :id FOR UPDATE").param("id", customerId)
                .query(String.class).optional().orElse(null);
        jdbc.sql("UPDATE customer SET owner_id = :owner, owned_since = :at WHERE id = :id")
                .param("owner", ownerId).param("at", ownerId == null ? null : LeadRepository.ts(at)).param("id", customerId).update();
        record(jdbc, customerId, ownerId, previous, at, by, reason);
        return previous;
    }

    /** A customer as the owner transfer page lists it: who owns it since when. */
    public record OwnedCustomer(String id, String creditCode, String companyName, String storeTier, String ownerId,
                                Instant ownedSince) {
    }

    /**
     * Customers whose name contains the text or whose credit code starts with it (case-insensitive), by name; the
     * newest first when the text is empty.
     */
    List<OwnedCustomer> search(String text, int limit) {
        String q = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        String like = q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.sql("SELECT id, credit_code, company_name, store_tier, owner_id, owned_since FROM customer "
                        + (q.isEmpty() ? "ORDER BY created_at DESC, id"
                        : "WHERE LOWER(company_name) LIKE :contains ESCAPE '\\' OR LOWER(credit_code) LIKE :starts ESCAPE '\\' "
                        + "ORDER BY company_name, id")
                        + " FETCH FIRST " + limit + " ROWS ONLY")
                .params(q.isEmpty() ? Map.of() : Map.of("contains", "%" + like + "%", "starts", like + "%"))
                .query((rs, row) -> new OwnedCustomer(rs.getString("id"), rs.getString("credit_code"), rs.getString("company_name"),
                        rs.getString("store_tier"), rs.getString("owner_id"), LeadRepository.instant(rs, "owned_since")))
                .list();
    }

    /** The ids of the customers the rep owns. */
    List<String> ownedBy(String ownerId) {
        return jdbc.sql("SELECT id FROM customer WHERE owner_id = :owner ORDER BY id").param("owner", ownerId).query(String.class).list();
    }

    List<OwnerChange> history(String customerId) {
        return jdbc.sql("SELECT customer_id, owner_id, previous_owner_id, changed_at, changed_by, reason FROM customer_owner_history "
                        + "WHERE customer_id = :id ORDER BY changed_at, id")
                .param("id", customerId)
                .query((rs, row) -> new OwnerChange(rs.getString("customer_id"), rs.getString("owner_id"),
                        rs.getString("previous_owner_id"), LeadRepository.instant(rs, "changed_at"), rs.getString("changed_by"),
                        rs.getString("reason")))
                .list();
    }

    static void record(JdbcClient jdbc, String customerId, String ownerId, String previous, Instant at, String by, String reason) {
        jdbc.sql("INSERT INTO customer_owner_history (customer_id, owner_id, previous_owner_id, changed_at, changed_by, reason) "
                        + "VALUES (:cid, :owner, :previous, :at, :by, :reason)")
                .param("cid", customerId).param("owner", ownerId).param("previous", previous).param("at", LeadRepository.ts(at))
                .param("by", by).param("reason", reason == null ? null : reason.length() > 200 ? reason.substring(0, 200) : reason)
                .update();
    }
}
