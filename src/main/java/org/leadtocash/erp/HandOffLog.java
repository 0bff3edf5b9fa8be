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

import org.leadtocash.shared.OncePerKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * SQL for {@code erp_handoff} ({@code V5__erp_handoff.sql}): an IN_FLIGHT attempt is the claim on its biz_id, an
 * ACCEPTED or EXPORTED_NOT_SENT one ends it. Plain JDBC that runs on H2 and PostgreSQL; every method runs in the
 * caller's transaction ({@link U8HandOff} opens a new one for each step).
 */
final class HandOffLog implements OncePerKey.Log<HandOffLog.Claim, HandOffEntry> {
    private static final int MAX_ERRCODE = 64;
    private static final int MAX_TEXT = 2000;
    private static final int MAX_ID = 64;

    private static final String COLUMNS = "id, biz_id, trade_id, outcome, errcode, errmsg, detail, u8_voucher_id,"
            + " payload, started_at, finished_at";

    /** The IN_FLIGHT row of a biz_id and when it was claimed. */
    private record InFlight(HandOffEntry entry, Instant claimedAt) {
    }

    /** A claim on a biz_id: the IN_FLIGHT attempt {@code id} held by {@code token}. */
    record Claim(String bizId, long id, String token, String tradeId, String payload) {
    }

    private final JdbcTemplate jdbc;

    HandOffLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The ACCEPTED or EXPORTED_NOT_SENT attempt of the biz_id, if there is one. */
    @Override
    public Optional<HandOffEntry> findDone(String bizId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM erp_handoff WHERE done_key = ?", HandOffLog::entry, bizId)
                .stream().findFirst();
    }

    /** The IN_FLIGHT attempt of the biz_id, if there is one. */
    private Optional<InFlight> findInFlight(String bizId) {
        return jdbc.query("SELECT " + COLUMNS + ", claimed_at FROM erp_handoff WHERE open_key = ?",
                (rs, row) -> new InFlight(entry(rs, row), rs.getObject("claimed_at", OffsetDateTime.class).toInstant()),
                bizId).stream().findFirst();
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
     * @throws org.springframework.dao.DuplicateKeyException when another attempt of the biz_id is in flight
     */
    Claim insertClaim(String bizId, String claimToken, String payload, Instant now) {
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
        return new Claim(bizId, id.longValue(), claimToken, null, payload);
    }

    /** Takes over the IN_FLIGHT attempt of the biz_id if it was claimed before {@code staleBefore}. */
    @Override
    public Optional<Claim> takeOver(String bizId, String claimToken, Instant now, Instant staleBefore) {
        Optional<InFlight> held = findInFlight(bizId);
        if (held.isEmpty() || !held.get().claimedAt().isBefore(staleBefore)) {
            return Optional.empty();
        }
        HandOffEntry stale = held.get().entry();
        boolean tookOver = jdbc.update("UPDATE erp_handoff SET claim_token = ?, claimed_at = ?"
                        + " WHERE id = ? AND outcome = 'IN_FLIGHT' AND claimed_at < ?",
                claimToken, timestamp(now), stale.id(), timestamp(staleBefore)) == 1;
        return tookOver ? Optional.of(new Claim(bizId, stale.id(), claimToken, stale.tradeId(), stale.payload()))
                : Optional.empty();
    }

    /**
     * Gives up a claim under which nothing was sent: deletes it, or when a tradeid was recorded under it (U8 may have
     * that request) ends it as FAILED, superseded by {@code done}.
     */
    @Override
    public boolean release(Claim claim, HandOffEntry done, Instant now) {
        return deleteUnsentClaim(claim)
                || finishUnsuccessful(claim, AttemptOutcome.FAILED, null, null,
                        "superseded: attempt " + done.id() + " of this biz_id is done", now);
    }

    @Override
    public String describe(Claim claim) {
        return "hand-off attempt " + claim.id() + " of sale invoice " + claim.bizId() + " (tradeid " + claim.tradeId()
                + ")";
    }

    /** Records the tradeid (and the payload) about to be sent; false when the claim is no longer this token's. */
    boolean recordTradeId(Claim claim, String tradeId, String payload) {
        return jdbc.update("UPDATE erp_handoff SET trade_id = ?, payload = ?"
                        + " WHERE id = ? AND claim_token = ? AND outcome = 'IN_FLIGHT'",
                tradeId, payload, claim.id(), claim.token()) == 1;
    }

    /** Deletes a claim under which nothing was sent (no tradeid recorded); false when there is no such claim. */
    private boolean deleteUnsentClaim(Claim claim) {
        return jdbc.update("DELETE FROM erp_handoff WHERE id = ? AND claim_token = ? AND outcome = 'IN_FLIGHT'"
                + " AND trade_id IS NULL", claim.id(), claim.token()) == 1;
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

    /** Ends the IN_FLIGHT attempt as EXPORTED_NOT_SENT, if this claim still holds it. */
    boolean finishExported(Claim claim, String detail, Instant now) {
        return jdbc.update("UPDATE erp_handoff SET outcome = 'EXPORTED_NOT_SENT', open_key = NULL, done_key = biz_id,"
                        + " detail = ?, finished_at = ? WHERE id = ? AND claim_token = ? AND outcome = 'IN_FLIGHT'",
                cut(detail, MAX_TEXT), timestamp(now), claim.id(), claim.token()) == 1;
    }

    /** Ends the IN_FLIGHT attempt as REJECTED or FAILED, if this claim still holds it. */
    boolean finishUnsuccessful(Claim claim, AttemptOutcome outcome, String errcode, String errmsg, String detail,
                               Instant now) {
        if (outcome != AttemptOutcome.REJECTED && outcome != AttemptOutcome.FAILED) {
            throw new IllegalArgumentException("not an unsuccessful outcome: " + outcome);
        }
        return jdbc.update("UPDATE erp_handoff SET outcome = ?, open_key = NULL, errcode = ?, errmsg = ?, detail = ?,"
                        + " finished_at = ? WHERE id = ? AND claim_token = ? AND outcome = 'IN_FLIGHT'",
                outcome.name(), cut(errcode, MAX_ERRCODE), cut(errmsg, MAX_TEXT), cut(detail, MAX_TEXT),
                timestamp(now), claim.id(), claim.token()) == 1;
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
