package org.leadtocash.company;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The one row of {@code company_profile} (id 1); no row means nothing was entered yet. */
@Repository
class CompanyProfileRepository {
    private static final String COLUMNS = "seller_name, tax_number, address_phone, bank_name, bank_account, logo, "
            + "logo_content_type, watermark, demo, updated_by, updated_at";

    private final JdbcClient jdbc;

    CompanyProfileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CompanyDetails> find() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM company_profile WHERE id = 1")
                .query((rs, n) -> {
                    Timestamp updated = rs.getTimestamp("updated_at");
                    return new CompanyDetails(rs.getString("seller_name"), rs.getString("tax_number"),
                            rs.getString("address_phone"), rs.getString("bank_name"), rs.getString("bank_account"),
                            rs.getBytes("logo"), rs.getString("logo_content_type"), rs.getString("watermark"),
                            rs.getBoolean("demo"), rs.getString("updated_by"), updated == null ? null : updated.toInstant());
                })
                .optional();
    }

    /** Writes the whole row (inserting it the first time). */
    void save(CompanyDetails d) {
        Timestamp at = Timestamp.from(d.updatedAt() == null ? Instant.now() : d.updatedAt());
        int updated = jdbc.sql("UPDATE company_profile SET seller_name = ?, tax_number = ?, address_phone = ?, bank_name = ?, "
                        + "bank_account = ?, logo = ?, logo_content_type = ?, watermark = ?, demo = ?, updated_by = ?, "
                        + "updated_at = ? WHERE id = 1")
                .params(d.sellerName(), d.taxNumber(), d.addressPhone(), d.bankName(), d.bankAccount(), d.logo(),
                        d.logoContentType(), d.watermark(), d.demo(), d.updatedBy(), at)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO company_profile (id, " + COLUMNS + ") VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(d.sellerName(), d.taxNumber(), d.addressPhone(), d.bankName(), d.bankAccount(), d.logo(),
                            d.logoContentType(), d.watermark(), d.demo(), d.updatedBy(), at)
                    .update();
        }
    }
}
