package org.leadtocash.erp;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * SQL for {@code erp_handoff} ({@code V5__erp_handoff.sql}). Plain JDBC that runs on H2 and PostgreSQL; every method
 * runs in the caller's transaction ({@link U8HandOff} opens a new one for each step).
 */
final class HandOffLog {
    private static final int MAX_ERRCODE = 64;
    private static final int MAX_TEXT = 2000;
    private static final int MAX_ID = 64;

    private static final String COLUMNS = "id, biz_id, trade_id, outcome, errcode, errmsg, detail, u8_voucher_id,"
            + " payload, started_at, finished_at";

    /** The IN_FLIGHT row of a biz_id with its claim. */
    record InFlight(HandOffEntry entry, String claimToken, Instant claimedAt) {
    }

    private final JdbcTemplate jdbc;

    HandOffLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The ACCEPTED or EXPORTED_NOT_SENT attempt of the biz_id, if there is one. */
    Optional<HandOffEntry> findDone(String bizId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM erp_handoff WHERE done_key = ?", HandOffLog::entry, bizId)
                .stream().findFirst();
    }

    /** The IN_FLIGHT attempt of the biz_id, if there is one. */
    Optional<InFlight> findInFlight(String bizId) {
        return jdbc.query("SELECT " + COLUMNS + ", claim_token, claimed_at FROM erp_handoff WHERE open_key = ?",
                (rs, row) -> new InFlight(entry(rs, row), rs.getString("claim_token"),
                        rs.getObject("claimed_at", OffsetDateTime.class).toInstant()), bizId).stream().findFirst();
    }

    /** The newest attempt of the biz_id other than {@code exceptId}. */
    Optional<HandOffEntry> latestOther(String bizId, long exceptId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM erp_handoff WHERE biz_id = ? AND id <> ?"
                + " ORDER BY id DESC LIMIT 1", HandOffLog::entry, bizId, exceptId).stream().findFirst();
    }

    Optional<HandOffEntry> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM erp_handoff WHERE id = ?", HandOffLog::entry, id)
                .stream().findFirst();
    }

    /**
     * Inserts a new IN_FLIGHT attempt: the claim on the biz_id.
     *
     * @return the attempt's id
     * @throws org.springframework.dao.DuplicateKeyException when another attempt of the biz_id is in flight
     */
    long insertClaim(String bizId, String claimToken, String payload, Instant now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO erp_handoff (biz_id, outcome, open_key,"
                    + " claim_token, payload, started_at, claimed_at) VALUES (?, 'IN_FLIGHT', ?, ?, ?, ?, ?)",
                    new String[] {"id"});
            ps.setString(1, bizId);
            ps.setString(2, bizId);
            ps.setString(3, claimToken);
            ps.setString(4, payload);
            ps.setObject(5, timestamp(now));
            ps.setObject(6, timestamp(now));
            return ps;
        }, keys);
        Number id = keys.getKey();
        if (id == null) {
            throw new IllegalStateException("the database returned no id for the new hand-off attempt");
        }
        return id.longValue();
    }

    /** Takes over an IN_FLIGHT attempt claimed before {@code staleBefore}; true when this token now holds it. */
    boolean takeOver(long id, String claimToken, Instant now, Instant staleBefore) {
        return jdbc.update("UPDATE erp_handoff SET claim_token = ?, claimed_at = ?"
                        + " WHERE id = ? AND outcome = 'IN_FLIGHT' AND claimed_at < ?",
                claimToken, timestamp(now), id, timestamp(staleBefore)) == 1;
    }

    /** Records the tradeid (and the payload) about to be sent; false when the claim is no longer this token's. */
    boolean recordTradeId(long id, String claimToken, String tradeId, String payload) {
        return jdbc.update("UPDATE erp_handoff SET trade_id = ?, payload = ?"
                        + " WHERE id = ? AND claim_token = ? AND outcome = 'IN_FLIGHT'",
                tradeId, payload, id, claimToken) == 1;
    }

    /** Deletes a claim under which nothing was sent (no tradeid recorded); false when there is no such claim. */
    boolean deleteUnsentClaim(long id, String claimToken) {
        return jdbc.update("DELETE FROM erp_handoff WHERE id = ? AND claim_token = ? AND outcome = 'IN_FLIGHT'"
                + " AND trade_id IS NULL", id, claimToken) == 1;
    }

    /** Appends to the attempt's detail (e.g. that it was resent after a takeover). */
    void addDetail(long id, String detail) {
        jdbc.update("UPDATE erp_handoff SET detail = ? WHERE id = ?", cut(detail, MAX_TEXT), id);
    }

    /**
     * Ends the IN_FLIGHT attempt as ACCEPTED, whoever holds its claim now (a node that took it over resends the same
     * tradeid, so both know the same U8 voucher).
     *
     * @return false when the attempt was no longer in flight
     * @throws org.springframework.dao.DuplicateKeyException when another attempt of the biz_id is done already
     */
    boolean finishAccepted(long id, String tradeId, String errcode, String errmsg, String voucherId, Instant now) {
        return jdbc.update("UPDATE erp_handoff SET outcome = 'ACCEPTED', open_key = NULL, done_key = biz_id,"
                        + " trade_id = ?, errcode = ?, errmsg = ?, u8_voucher_id = ?, finished_at = ?"
                        + " WHERE id = ? AND outcome = 'IN_FLIGHT'",
                tradeId, cut(errcode, MAX_ERRCODE), cut(errmsg, MAX_TEXT), cut(voucherId, MAX_ID), timestamp(now),
                id) == 1;
    }

    /** Ends the IN_FLIGHT attempt as EXPORTED_NOT_SENT, if this token still holds it. */
    boolean finishExported(long id, String claimToken, String detail, Instant now) {
        return jdbc.update("UPDATE erp_handoff SET outcome = 'EXPORTED_NOT_SENT', open_key = NULL, done_key = biz_id,"
                        + " detail = ?, finished_at = ? WHERE id = ? AND claim_token = ? AND outcome = 'IN_FLIGHT'",
                cut(detail, MAX_TEXT), timestamp(now), id, claimToken) == 1;
    }

    /** Ends the IN_FLIGHT attempt as REJECTED or FAILED, if this token still holds it. */
    boolean finishUnsuccessful(long id, String claimToken, AttemptOutcome outcome, String errcode, String errmsg,
                               String detail, Instant now) {
        if (outcome != AttemptOutcome.REJECTED && outcome != AttemptOutcome.FAILED) {
            throw new IllegalArgumentException("not an unsuccessful outcome: " + outcome);
        }
        return jdbc.update("UPDATE erp_handoff SET outcome = ?, open_key = NULL, errcode = ?, errmsg = ?, detail = ?,"
                        + " finished_at = ? WHERE id = ? AND claim_token = ? AND outcome = 'IN_FLIGHT'",
                outcome.name(), cut(errcode, MAX_ERRCODE), cut(errmsg, MAX_TEXT), cut(detail, MAX_TEXT),
                timestamp(now), id, claimToken) == 1;
    }

    /** Newest first. */
    List<HandOffEntry> list(String bizId, AttemptOutcome outcome, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM erp_handoff WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (bizId != null) {
            sql.append(" AND biz_id = ?");
            args.add(bizId);
        }
        if (outcome != null) {
            sql.append(" AND outcome = ?");
            args.add(outcome.name());
        }
        sql.append(" ORDER BY started_at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), HandOffLog::entry, args.toArray());
    }

    private static HandOffEntry entry(ResultSet rs, int row) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new HandOffEntry(rs.getLong("id"), rs.getString("biz_id"), rs.getString("trade_id"),
                AttemptOutcome.valueOf(rs.getString("outcome")), rs.getString("errcode"), rs.getString("errmsg"),
                rs.getString("detail"), rs.getString("u8_voucher_id"), rs.getString("payload"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant());
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
