package org.leadtocash.lead;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The licence and store-tier columns of {@code customer} (ownership stays with {@link LeadRepository}). */
@Repository
class CustomerRepository {
    private static final String COLUMNS = "id, credit_code, company_name, company_type, legal_representative, "
            + "registered_capital_wan, established_on, address, business_scope, store_tier, owner_id, created_at, "
            + "licence_recorded_at, licence_recorded_by";

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CustomerRecord> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE id = :id").param("id", id)
                .query(CustomerRepository::record).optional();
    }

    Optional<CustomerRecord> findByCreditCode(String creditCode) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM customer WHERE credit_code = :cc").param("cc", creditCode)
                .query(CustomerRepository::record).optional();
    }

    /** @param owner the rep, or null for all */
    List<CustomerRecord> list(String owner, int limit) {
        var spec = jdbc.sql("SELECT " + COLUMNS + " FROM customer" + (owner == null ? "" : " WHERE owner_id = :owner")
                + " ORDER BY created_at DESC, id FETCH FIRST " + limit + " ROWS ONLY");
        if (owner != null) {
            spec = spec.param("owner", owner);
        }
        return spec.query(CustomerRepository::record).list();
    }

    void insert(String id, CustomerRegistration r, String by, Instant at) {
        BusinessLicence l = r.licence();
        jdbc.sql("INSERT INTO customer (" + COLUMNS + ", owned_since) VALUES (:id, :cc, :name, :type, :rep, :capital, :est, "
                        + ":address, :scope, :tier, :owner, :at, :at, :by, :ownedSince)")
                .param("id", id).param("cc", l.creditCode()).param("name", l.companyName()).param("type", l.companyType())
                .param("rep", l.legalRepresentative()).param("capital", l.registeredCapitalWan())
                .param("est", l.establishedOn()).param("address", l.address()).param("scope", l.businessScope())
                .param("tier", r.storeTier()).param("owner", r.ownerId()).param("at", LeadRepository.ts(at))
                .param("by", by).param("ownedSince", r.ownerId() == null ? null : LeadRepository.ts(at))
                .update();
    }

    void updateLicence(String id, CustomerRegistration r, String by, Instant at) {
        BusinessLicence l = r.licence();
        jdbc.sql("UPDATE customer SET company_name = :name, company_type = :type, legal_representative = :rep, "
                        + "registered_capital_wan = :capital, established_on = :est, address = :address, business_scope = :scope, "
                        + "store_tier = :tier, licence_recorded_at = :at, licence_recorded_by = :by WHERE id = :id")
                .param("id", id).param("name", l.companyName()).param("type", l.companyType())
                .param("rep", l.legalRepresentative()).param("capital", l.registeredCapitalWan())
                .param("est", l.establishedOn()).param("address", l.address()).param("scope", l.businessScope())
                .param("tier", r.storeTier()).param("at", LeadRepository.ts(at)).param("by", by)
                .update();
    }

    private static CustomerRecord record(ResultSet rs, int row) throws SQLException {
        var established = rs.getDate("established_on");
        BusinessLicence licence = new BusinessLicence(rs.getString("credit_code"), rs.getString("company_name"),
                rs.getString("company_type"), rs.getString("legal_representative"), rs.getBigDecimal("registered_capital_wan"),
                established == null ? null : established.toLocalDate(), rs.getString("address"), rs.getString("business_scope"));
        return new CustomerRecord(rs.getString("id"), licence, rs.getString("store_tier"), rs.getString("owner_id"),
                LeadRepository.instant(rs, "created_at"), LeadRepository.instant(rs, "licence_recorded_at"),
                rs.getString("licence_recorded_by"));
    }
}
