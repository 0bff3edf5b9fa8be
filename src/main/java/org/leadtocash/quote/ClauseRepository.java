package org.leadtocash.quote;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** {@code clause_type} and {@code clause_version}. Versions are inserted, never updated or deleted. */
@Repository
class ClauseRepository {
    private static final String VERSION_COLUMNS = "v.id, v.type_code, t.name AS type_name, v.version_no, v.product_model, "
            + "v.effective_date, v.clause_text, t.locked, v.published_by, v.published_at";
    private static final String TYPE_COLUMNS = "code, name, locked, applies_to_all, active";
    private static final String FROM_VERSIONS = " FROM clause_version v JOIN clause_type t ON t.code = v.type_code";

    private final JdbcClient jdbc;

    ClauseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ClauseType> types() {
        return jdbc.sql("SELECT " + TYPE_COLUMNS + " FROM clause_type ORDER BY code")
                .query(ClauseRepository::type).list();
    }

    Optional<ClauseType> type(String code) {
        return jdbc.sql("SELECT " + TYPE_COLUMNS + " FROM clause_type WHERE code = :code")
                .param("code", code).query(ClauseRepository::type).optional();
    }

    /** Locks the type's row until the transaction ends, so two publications of one type number their versions in turn. */
    Optional<ClauseType> lockType(String code) {
        return jdbc.sql("SELECT " + TYPE_COLUMNS + " FROM clause_type WHERE code = :code FOR UPDATE")
                .param("code", code).query(ClauseRepository::type).optional();
    }

    /**
     * The version in force on the day for the product: the highest version number of the product's own texts whose
     * effective date is on or before the day; if the product has none in force, the default text's (product null).
     */
    Optional<ClauseVersion> inForce(String typeCode, String productModel, LocalDate day) {
        if (productModel != null) {
            Optional<ClauseVersion> own = jdbc.sql("SELECT " + VERSION_COLUMNS + FROM_VERSIONS + " WHERE v.type_code = :type "
                            + "AND v.product_model = :product AND v.effective_date <= :day "
                            + "ORDER BY v.version_no DESC FETCH FIRST 1 ROWS ONLY")
                    .param("type", typeCode).param("product", productModel).param("day", day)
                    .query(ClauseRepository::version).optional();
            if (own.isPresent()) {
                return own;
            }
        }
        return jdbc.sql("SELECT " + VERSION_COLUMNS + FROM_VERSIONS + " WHERE v.type_code = :type AND v.product_model IS NULL "
                        + "AND v.effective_date <= :day ORDER BY v.version_no DESC FETCH FIRST 1 ROWS ONLY")
                .param("type", typeCode).param("day", day).query(ClauseRepository::version).optional();
    }

    List<ClauseVersion> history(String typeCode) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + FROM_VERSIONS + " WHERE v.type_code = :type ORDER BY v.version_no")
                .param("type", typeCode).query(ClauseRepository::version).list();
    }

    Optional<ClauseVersion> version(long id) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + FROM_VERSIONS + " WHERE v.id = :id")
                .param("id", id).query(ClauseRepository::version).optional();
    }

    Optional<ClauseVersion> version(String typeCode, int versionNo) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + FROM_VERSIONS + " WHERE v.type_code = :type AND v.version_no = :no")
                .param("type", typeCode).param("no", versionNo).query(ClauseRepository::version).optional();
    }

    int highestVersion(String typeCode) {
        return jdbc.sql("SELECT COALESCE(MAX(version_no), 0) FROM clause_version WHERE type_code = :type")
                .param("type", typeCode).query(Integer.class).single();
    }

    long insert(String typeCode, int versionNo, LocalDate effectiveDate, String text, String publishedBy, Instant publishedAt) {
        return insert(typeCode, null, versionNo, effectiveDate, text, publishedBy, publishedAt);
    }

    /** @param productModel null for the default text of every product */
    long insert(String typeCode, String productModel, int versionNo, LocalDate effectiveDate, String text, String publishedBy,
                Instant publishedAt) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO clause_version (type_code, product_model, version_no, effective_date, clause_text, published_by, "
                        + "published_at) VALUES (:type, :product, :no, :effective, :text, :by, :at)")
                .param("type", typeCode).param("product", productModel).param("no", versionNo).param("effective", effectiveDate)
                .param("text", text)
                .param("by", publishedBy).param("at", Timestamp.from(publishedAt))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    void insertType(ClauseType t) {
        jdbc.sql("INSERT INTO clause_type (" + TYPE_COLUMNS + ") VALUES (?, ?, ?, ?, ?)")
                .params(t.code(), t.name(), t.locked(), t.appliesToAll(), t.active()).update();
    }

    void updateType(ClauseType t) {
        jdbc.sql("UPDATE clause_type SET name = ?, locked = ?, applies_to_all = ?, active = ? WHERE code = ?")
                .params(t.name(), t.locked(), t.appliesToAll(), t.active(), t.code()).update();
    }

    /** The products whose quotes carry the type (besides types that apply to all). */
    List<String> requiringProducts(String typeCode) {
        return jdbc.sql("SELECT product_model FROM product_clause_type WHERE clause_type = ? ORDER BY product_model")
                .param(typeCode).query(String.class).list();
    }

    void addRequirement(String typeCode, String productModel) {
        jdbc.sql("INSERT INTO product_clause_type (product_model, clause_type) VALUES (?, ?)").params(productModel, typeCode).update();
    }

    void removeRequirement(String typeCode, String productModel) {
        jdbc.sql("DELETE FROM product_clause_type WHERE clause_type = ? AND product_model = ?").params(typeCode, productModel)
                .update();
    }

    /** Replaces the products that require the type. */
    void requireFor(String typeCode, Collection<String> productModels) {
        jdbc.sql("DELETE FROM product_clause_type WHERE clause_type = ?").param(typeCode).update();
        for (String model : productModels) {
            jdbc.sql("INSERT INTO product_clause_type (product_model, clause_type) VALUES (?, ?)").params(model, typeCode).update();
        }
    }

    private static ClauseType type(ResultSet rs, int n) throws SQLException {
        return new ClauseType(rs.getString("code"), rs.getString("name"), rs.getBoolean("locked"), rs.getBoolean("applies_to_all"),
                rs.getBoolean("active"));
    }

    private static ClauseVersion version(ResultSet rs, int n) throws SQLException {
        return new ClauseVersion(rs.getLong("id"), rs.getString("type_code"), rs.getString("type_name"), rs.getInt("version_no"),
                rs.getString("product_model"), rs.getDate("effective_date").toLocalDate(), rs.getString("clause_text"), rs.getBoolean("locked"),
                rs.getString("published_by"), rs.getTimestamp("published_at").toInstant());
    }
}
