package org.leadtocash.notify;

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
 * SQL for the tables of {@code V2__notification_delivery.sql}: a {@code notification_claim} row is the claim on an
 * idempotency key, a SENT or NOT_SENT_UNCONFIGURED delivery ends it. Plain JDBC that runs on H2 and PostgreSQL; every
 * method runs in the caller's transaction ({@link NotificationService} opens a new one for each step).
 */
final class DeliveryLog implements OncePerKey.Log<DeliveryLog.Claim, Delivery> {
    static final int MAX_KEY = 200;
    static final int MAX_PROCESS_INSTANCE_ID = 64;
    static final int MAX_BUSINESS_KEY = 255;
    private static final int MAX_RECIPIENTS = 2000;
    private static final int MAX_TITLE = 500;
    private static final int MAX_TEXT = 10000;
    private static final int MAX_ERROR = 2000;

    private static final String COLUMNS = "id, idempotency_key, channel, recipients, title, message_text, status,"
            + " error_message, attempted_at, process_instance_id, business_key";

    /** The claim row of an idempotency key, held by {@code token}. */
    record Claim(String idempotencyKey, String token) {
    }

    private final JdbcTemplate jdbc;

    DeliveryLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The SENT or NOT_SENT_UNCONFIGURED delivery of the key, if there is one. */
    @Override
    public Optional<Delivery> findDone(String idempotencyKey) {
        return jdbc.query("SELECT " + COLUMNS + " FROM notification_delivery WHERE success_key = ?",
                DeliveryLog::delivery, idempotencyKey).stream().findFirst();
    }

    /**
     * Inserts the claim row.
     *
     * @throws org.springframework.dao.DuplicateKeyException when another claim on the key exists
     */
    Claim insertClaim(String idempotencyKey, String token, Instant now) {
        jdbc.update("INSERT INTO notification_claim (idempotency_key, claim_token, claimed_at) VALUES (?, ?, ?)",
                idempotencyKey, token, timestamp(now));
        return new Claim(idempotencyKey, token);
    }

    /** Takes over a claim made before {@code staleBefore}. */
    @Override
    public Optional<Claim> takeOver(String idempotencyKey, String token, Instant now, Instant staleBefore) {
        boolean tookOver = jdbc.update("UPDATE notification_claim SET claim_token = ?, claimed_at = ?"
                        + " WHERE idempotency_key = ? AND claimed_at < ?",
                token, timestamp(now), idempotencyKey, timestamp(staleBefore)) == 1;
        return tookOver ? Optional.of(new Claim(idempotencyKey, token)) : Optional.empty();
    }

    /** Deletes the claim if this token still holds it; false when it was taken over meanwhile. */
    boolean releaseClaim(Claim claim) {
        return jdbc.update("DELETE FROM notification_claim WHERE idempotency_key = ? AND claim_token = ?",
                claim.idempotencyKey(), claim.token()) == 1;
    }

    @Override
    public boolean release(Claim claim, Delivery done, Instant now) {
        return releaseClaim(claim);
    }

    @Override
    public String describe(Claim claim) {
        return "the claim on notification " + claim.idempotencyKey();
    }

    /**
     * Records one attempt.
     *
     * @throws org.springframework.dao.DuplicateKeyException when a successful attempt is recorded for a key that
     *                                                       already has one
     */
    Delivery insert(NotificationRequest r, DeliveryStatus status, String error, Instant attemptedAt) {
        String recipients = cut(Recipients.describe(r.recipients()), MAX_RECIPIENTS);
        String title = cut(r.title(), MAX_TITLE);
        String text = cut(r.textWithLinks(), MAX_TEXT);
        String errorText = cut(error, MAX_ERROR);
        String successKey = status == DeliveryStatus.FAILED ? null : r.idempotencyKey();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO notification_delivery (idempotency_key,"
                    + " success_key, channel, recipients, title, message_text, status, error_message, attempted_at,"
                    + " process_instance_id, business_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"});
            ps.setString(1, r.idempotencyKey());
            ps.setString(2, successKey);
            ps.setString(3, r.channel().name());
            ps.setString(4, recipients);
            ps.setString(5, title);
            ps.setString(6, text);
            ps.setString(7, status.name());
            ps.setString(8, errorText);
            ps.setObject(9, timestamp(attemptedAt));
            ps.setString(10, r.processInstanceId());
            ps.setString(11, r.businessKey());
            return ps;
        }, keys);
        Number id = keys.getKey();
        if (id == null) {
            throw new IllegalStateException("the database returned no id for the new delivery");
        }
        return new Delivery(id.longValue(), r.idempotencyKey(), r.channel(), recipients, title, text, status,
                errorText, attemptedAt, r.processInstanceId(), r.businessKey());
    }

    /** Newest first. */
    List<Delivery> find(DeliveryQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM notification_delivery WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.processInstanceId() != null) {
            sql.append(" AND process_instance_id = ?");
            args.add(q.processInstanceId());
        }
        if (q.businessKey() != null) {
            sql.append(" AND business_key = ?");
            args.add(q.businessKey());
        }
        if (q.channel() != null) {
            sql.append(" AND channel = ?");
            args.add(q.channel().name());
        }
        if (q.status() != null) {
            sql.append(" AND status = ?");
            args.add(q.status().name());
        }
        sql.append(" ORDER BY attempted_at DESC, id DESC LIMIT ?");
        args.add(q.limit());
        return jdbc.query(sql.toString(), DeliveryLog::delivery, args.toArray());
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        return new Delivery(rs.getLong("id"), rs.getString("idempotency_key"), Channel.valueOf(rs.getString("channel")),
                rs.getString("recipients"), rs.getString("title"), rs.getString("message_text"),
                DeliveryStatus.valueOf(rs.getString("status")), rs.getString("error_message"),
                rs.getObject("attempted_at", OffsetDateTime.class).toInstant(),
                rs.getString("process_instance_id"), rs.getString("business_key"));
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
