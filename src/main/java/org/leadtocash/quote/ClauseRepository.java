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
    private static final String VERSION_COLUMNS = "v.id, v.type_code, t.name AS type_name, v.version_no, v.effective_date, "
            + "v.clause_text, t.locked, v.published_by, v.published_at";
    private static final String FROM_VERSIONS = " FROM clause_version v JOIN clause_type t ON t.code = v.type_code";

    private final JdbcClient jdbc;

    ClauseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ClauseType> types() {
        return jdbc.sql("SELECT code, name, locked, applies_to_all FROM clause_type ORDER BY code")
                .query(ClauseRepository::type).list();
    }

    Optional<ClauseType> type(String code) {
        return jdbc.sql("SELECT code, name, locked, applies_to_all FROM clause_type WHERE code = :code")
                .param("code", code).query(ClauseRepository::type).optional();
    }

    /** Locks the type's row until the transaction ends, so two publications of one type number their versions in turn. */
    Optional<ClauseType> lockType(String code) {
        return jdbc.sql("SELECT code, name, locked, applies_to_all FROM clause_type WHERE code = :code FOR UPDATE")
                .param("code", code).query(ClauseRepository::type).optional();
    }

    /** The version in force on the day: the highest version number whose effective date is on or before it. */
    Optional<ClauseVersion> inForce(String typeCode, LocalDate day) {
        return jdbc.sql("SELECT " + VERSION_COLUMNS + FROM_VERSIONS + " WHERE v.type_code = :type AND v.effective_date <= :day "
                        + "ORDER BY v.version_no DESC FETCH FIRST 1 ROWS ONLY")
                .param("type", typeCode).param("day", day).query(ClauseRepository::version).optional();
    }

    /** The versions in force on the day for the given types, one per type that has one, ordered by type code. */
    List<ClauseVersion> inForce(Collection<String> typeCodes, LocalDate day) {
        if (typeCodes.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + VERSION_COLUMNS + FROM_VERSIONS + " WHERE v.type_code IN (:types) AND v.effective_date <= :day "
                        + "AND NOT EXISTS (SELECT 1 FROM clause_version n WHERE n.type_code = v.type_code "
                        + "AND n.effective_date <= :day AND n.version_no > v.version_no) ORDER BY v.type_code")
                .param("types", typeCodes).param("day", day).query(ClauseRepository::version).list();
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
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO clause_version (type_code, version_no, effective_date, clause_text, published_by, published_at) "
                        + "VALUES (:type, :no, :effective, :text, :by, :at)")
                .param("type", typeCode).param("no", versionNo).param("effective", effectiveDate).param("text", text)
                .param("by", publishedBy).param("at", Timestamp.from(publishedAt))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    private static ClauseType type(ResultSet rs, int n) throws SQLException {
        return new ClauseType(rs.getString("code"), rs.getString("name"), rs.getBoolean("locked"), rs.getBoolean("applies_to_all"));
    }

    private static ClauseVersion version(ResultSet rs, int n) throws SQLException {
        return new ClauseVersion(rs.getLong("id"), rs.getString("type_code"), rs.getString("type_name"), rs.getInt("version_no"),
                rs.getDate("effective_date").toLocalDate(), rs.getString("clause_text"), rs.getBoolean("locked"),
                rs.getString("published_by"), rs.getTimestamp("published_at").toInstant());
    }
}
