package org.leadtocash.erp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.leadtocash.shared.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Hands a sale invoice to Yonyou U8 through its OpenAPI ({@link U8Client} says what the calls look like and what that
 * is based on; {@link SaleInvoicePayload} the body), at most once per {@code biz_id}, and records every attempt in the
 * hand-off log ({@code erp_handoff}).
 *
 * <h2>How U8 keeps a write from happening twice, and what we rely on</h2>
 * The open platform's "tradeid/get" page: "为了防止同一资源因重复提交导致资源重复创建问题,需要通过交易号来识别多次提交是否为重复提交"
 * — every add call carries a {@code biz_id} (the upstream key; a repeated biz_id "只会产生一张凭证") and a
 * {@code tradeid}, and the caller is to store the tradeid and "多次提交请使用同一个 tradeid". The same pages offer no
 * query of sale invoices by biz_id or tradeid ({@code saleinvoice/get} takes U8's own voucher id, which a crashed
 * caller never received). So an uncertain write is settled by <b>resending the very same request — same tradeid, same
 * biz_id, same body —</b> which U8 answers without creating a second voucher. We do not lean on the biz_id dedup alone:
 * the tradeid of every send is committed before the send, and every resend reuses it.
 *
 * <h2>Steps (each database step in a transaction of its own, {@code PROPAGATION_REQUIRES_NEW})</h2>
 * Callers are Camunda async service tasks whose job transaction rolls back on failure and is retried, possibly on
 * another node, so nothing here joins the caller's transaction.
 * <ol>
 * <li><b>Done already?</b> An ACCEPTED attempt of the biz_id → {@link HandOffOutcome#ALREADY_ACCEPTED} with its
 * tradeid, voucher id and payload; nothing is sent. An EXPORTED_NOT_SENT one → that export again (finance imports it;
 * it is never also sent).</li>
 * <li><b>Claim</b>: insert an IN_FLIGHT attempt with the payload. Its {@code open_key} column (= biz_id, unique) lets
 * only one attempt per biz_id be in flight, across nodes: the loser waits (polling, up to {@code claim-wait}) for the
 * holder's result and returns it, or claims itself if the holder ended unsuccessfully; after {@code claim-wait} it
 * throws {@link HandOffInProgressException} without having called U8. An IN_FLIGHT attempt claimed longer ago than
 * {@code claim-timeout} (its node died) is taken over. Then check step 1 again (another node may just have
 * finished).</li>
 * <li><b>Check the data</b> ({@link SaleInvoicePayload#problems}); broken rules end the attempt as REJECTED with
 * errcode {@value U8RejectedException#LOCAL_VALIDATION} and throw {@link U8RejectedException}, without calling U8.
 * Not configured: end it as EXPORTED_NOT_SENT and return.</li>
 * <li><b>Tradeid</b>: reuse the one of the previous attempt if that ended FAILED (U8 may have it) with the same
 * payload; else get a fresh one from {@code /system/tradeid}. Commit it on the IN_FLIGHT row <em>before</em>
 * sending.</li>
 * <li><b>Send</b> {@code saleinvoice/add} outside any transaction of ours.</li>
 * <li><b>Record</b>: errcode 0 (or a configured duplicate errcode) → ACCEPTED, whose {@code done_key} (unique) lets
 * the database hold one accepted attempt per biz_id; another errcode → REJECTED and {@link U8RejectedException};
 * network error, timeout, HTTP error, unreadable answer → FAILED and {@link U8UnavailableException}.</li>
 * </ol>
 * <b>Crash between the send and step 6</b>: the attempt stays IN_FLIGHT with its tradeid and payload committed. The
 * job's retry (on any node) finds it, takes it over once it is older than {@code claim-timeout}, and resends that
 * payload with that tradeid; U8 answers with the first result instead of creating a second invoice. The same holds for
 * a FAILED attempt (a timeout after U8 accepted, a dropped connection): the next attempt resends it with the same
 * tradeid. The one way to a second write would be a FAILED attempt followed by a retry with <em>different</em> data
 * (then a fresh tradeid is used, and only U8's biz_id check stands between); FAILED attempts do not go to finance for
 * fixing, so the data of their retry is the same.
 *
 * <p>Log timestamps and claim ages use the engine clock; the token's expiry uses the system clock.
 */
@Service
public class U8HandOff {
    static final String NOT_CONFIGURED = "未配置U8，已导出待财务导入 not sent: exported for finance to import";
    private static final Logger log = LoggerFactory.getLogger(U8HandOff.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    /** A claim on a biz_id: the IN_FLIGHT attempt this call holds. */
    private record Claim(long id, String token, String tradeId, String payload, boolean takenOver) {
    }

    private final HandOffLog handOffLog;
    private final TransactionTemplate newTransaction;
    private final U8Properties properties;
    private final U8Client client;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile Consumer<U8Client.Answer> afterU8Answered = answer -> { };

    @Autowired
    public U8HandOff(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, U8Properties properties,
                     EngineClock engineClock) {
        this(jdbc, transactionManager, properties, new EngineTime(engineClock, engineClock.zone()),
                Clock.systemUTC());
    }

    /**
     * @param clock      for log timestamps and claim ages
     * @param tokenClock for the token's expiry
     */
    public U8HandOff(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, U8Properties properties,
                     Clock clock, Clock tokenClock) {
        properties.check();
        this.handOffLog = new HandOffLog(jdbc);
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
        this.mapper = new ObjectMapper();
        this.client = new U8Client(properties, mapper, tokenClock);
        this.clock = Objects.requireNonNull(clock, "clock");
        log.info("U8 hand-off: {}", properties.configured() ? "to " + properties.baseUrl()
                : "no U8 configured, sale invoices are exported for finance and not sent");
    }

    /**
     * Hands the sale invoice to U8 once per {@code order.bizId()}.
     *
     * @return ACCEPTED now, ALREADY_ACCEPTED earlier (nothing sent), or EXPORTED_NOT_SENT (no U8 configured)
     * @throws U8RejectedException        U8 (or our check before sending) refused the data; fix it and call again
     * @throws U8UnavailableException     U8 could not be reached or gave no usable answer; call again later (the
     *                                    same request is resent)
     * @throws HandOffInProgressException another node is handing off the same biz_id; call again later
     * @throws IllegalArgumentException   the order, its bizId or its entry list is missing
     */
    public HandOffResult handOff(SaleInvoiceOrder order) {
        SaleInvoicePayload.checkStructure(order);
        String bizId = order.bizId();
        String payload = SaleInvoicePayload.json(order, properties, mapper);
        // a real-time deadline: the engine clock may stand still (tests) or jump
        long giveUpAt = System.nanoTime() + properties.claimWait().toNanos();
        while (true) {
            Optional<HandOffEntry> done = inNewTransaction(() -> handOffLog.findDone(bizId));
            if (done.isPresent()) {
                log.debug("sale invoice {} was handed off before (attempt {}); not sending again", bizId,
                        done.get().id());
                return earlier(done.get());
            }
            Optional<Claim> claim = claim(bizId, payload);
            if (claim.isPresent()) {
                return underClaim(order, payload, claim.get());
            }
            if (System.nanoTime() - giveUpAt >= 0) {
                throw new HandOffInProgressException("sale invoice " + bizId + " is being handed off to U8 by"
                        + " another node; nothing sent here, try again later");
            }
            pause(bizId);
        }
    }

    /** Attempts newest first; null filters do not filter; limit 1 to 1000. */
    public List<HandOffEntry> attempts(String bizId, AttemptOutcome outcome, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000");
        }
        return inNewTransaction(() -> handOffLog.list(bizId, outcome, limit));
    }

    /** Whether a U8 is configured (else hand-offs are exported and not sent). */
    public boolean configured() {
        return properties.configured();
    }

    /** Test seam: runs after U8 answered saleinvoice/add and before the answer is recorded. */
    void afterU8Answered(Consumer<U8Client.Answer> hook) {
        this.afterU8Answered = hook == null ? answer -> { } : hook;
    }

    private Optional<Claim> claim(String bizId, String payload) {
        String token = UUID.randomUUID().toString();
        Instant now = now();
        try {
            long id = inNewTransaction(() -> handOffLog.insertClaim(bizId, token, payload, now));
            return Optional.of(new Claim(id, token, null, payload, false));
        } catch (DuplicateKeyException inFlight) {
            // separate transactions: after a failed statement PostgreSQL accepts no more in the same one
            Optional<HandOffLog.InFlight> holder = inNewTransaction(() -> handOffLog.findInFlight(bizId));
            if (holder.isEmpty()) {
                return Optional.empty();
            }
            Instant staleBefore = now.minus(properties.claimTimeout());
            if (!holder.get().claimedAt().isBefore(staleBefore)) {
                return Optional.empty();
            }
            HandOffEntry stale = holder.get().entry();
            boolean tookOver = inNewTransaction(() -> handOffLog.takeOver(stale.id(), token, now, staleBefore));
            if (!tookOver) {
                return Optional.empty();
            }
            log.warn("took over hand-off attempt {} of sale invoice {} (tradeid {}): its node did not finish within {}",
                    stale.id(), bizId, stale.tradeId(), properties.claimTimeout());
            return Optional.of(new Claim(stale.id(), token, stale.tradeId(), stale.payload(), true));
        }
    }

    private HandOffResult underClaim(SaleInvoiceOrder order, String payload, Claim claim) {
        String bizId = order.bizId();
        Optional<HandOffEntry> doneMeanwhile = inNewTransaction(() -> handOffLog.findDone(bizId));
        if (doneMeanwhile.isPresent()) {
            if (!inNewTransaction(() -> handOffLog.deleteUnsentClaim(claim.id(), claim.token()))) {
                finishUnsuccessful(claim, AttemptOutcome.FAILED, null, null,
                        "superseded: attempt " + doneMeanwhile.get().id() + " of this biz_id is done");
            }
            return earlier(doneMeanwhile.get());
        }
        String tradeId = claim.tradeId();
        String sent;
        if (tradeId != null) {
            // taken over from a node that died after committing the tradeid: U8 may have this very request
            if (!properties.configured()) {
                String error = "attempt " + claim.id() + " may have reached U8 with tradeid " + tradeId
                        + ", but no U8 is configured now to resend it to";
                finishUnsuccessful(claim, AttemptOutcome.FAILED, null, null, error);
                throw new U8UnavailableException(error);
            }
            sent = claim.payload();
            inNewTransaction(() -> {
                handOffLog.addDetail(claim.id(), "resent with the same tradeid after taking over from a node that"
                        + " did not finish");
                return null;
            });
            if (!sent.equals(payload)) {
                log.warn("resending the payload of attempt {} of sale invoice {} unchanged; the invoice data has"
                        + " changed since, the change goes with a later hand-off if U8 rejects this one", claim.id(),
                        bizId);
            }
        } else {
            List<String> problems = SaleInvoicePayload.problems(order);
            if (!problems.isEmpty()) {
                String errmsg = "开票信息不完整或不一致 invalid invoice data: " + String.join("; ", problems);
                finishUnsuccessful(claim, AttemptOutcome.REJECTED, U8RejectedException.LOCAL_VALIDATION, errmsg,
                        "not sent: checked before sending");
                throw new U8RejectedException(U8RejectedException.LOCAL_VALIDATION, errmsg);
            }
            if (!properties.configured()) {
                return exported(bizId, payload, claim);
            }
            tradeId = reusableTradeId(bizId, claim.id(), payload);
            if (tradeId == null) {
                try {
                    tradeId = client.newTradeId();
                } catch (RuntimeException e) {
                    throw failed(claim, bizId, e);
                }
            }
            String chosen = tradeId;
            if (!inNewTransaction(() -> handOffLog.recordTradeId(claim.id(), claim.token(), chosen, payload))) {
                throw new HandOffInProgressException("the claim on sale invoice " + bizId + " was taken over by"
                        + " another node before sending; nothing sent here");
            }
            sent = payload;
        }
        U8Client.Answer answer;
        try {
            answer = client.addSaleInvoice(tradeId, bizId, sent);
        } catch (RuntimeException e) {
            throw failed(claim, bizId, e);
        }
        afterU8Answered.accept(answer);
        boolean duplicate = !answer.ok() && properties.duplicateErrcodes().contains(answer.errcode());
        if (answer.ok() || duplicate) {
            if (duplicate) {
                log.info("U8 answered sale invoice {} (tradeid {}) as a repeat of an accepted request: errcode {}, {}",
                        bizId, tradeId, answer.errcode(), answer.errmsg());
            }
            return accepted(bizId, tradeId, sent, answer, claim);
        }
        log.warn("U8 rejected sale invoice {} (tradeid {}): errcode {}, errmsg {}", bizId, tradeId, answer.errcode(),
                answer.errmsg());
        finishUnsuccessful(claim, AttemptOutcome.REJECTED, answer.errcode(), answer.errmsg(), null);
        throw new U8RejectedException(answer.errcode(), answer.errmsg());
    }

    /** The tradeid of the previous attempt when that one FAILED with the same payload: U8 may have it. */
    private String reusableTradeId(String bizId, long claimId, String payload) {
        Optional<HandOffEntry> previous = inNewTransaction(() -> handOffLog.latestOther(bizId, claimId));
        if (previous.isPresent() && previous.get().outcome() == AttemptOutcome.FAILED
                && previous.get().tradeId() != null && previous.get().payload().equals(payload)) {
            log.info("resending sale invoice {} with tradeid {} of failed attempt {}", bizId,
                    previous.get().tradeId(), previous.get().id());
            return previous.get().tradeId();
        }
        return null;
    }

    private HandOffResult accepted(String bizId, String tradeId, String sent, U8Client.Answer answer, Claim claim) {
        String voucherId = answer.id() == null || answer.id().isBlank() ? null : answer.id().strip();
        try {
            boolean recorded = inNewTransaction(() -> handOffLog.finishAccepted(claim.id(), tradeId, answer.errcode(),
                    answer.errmsg(), voucherId, now()));
            if (!recorded) {
                // a node that took the claim over (it resent the same tradeid) recorded it first
                HandOffEntry row = inNewTransaction(() -> handOffLog.find(claim.id())).orElseThrow();
                if (row.outcome() != AttemptOutcome.ACCEPTED) {
                    throw new IllegalStateException("attempt " + claim.id() + " of sale invoice " + bizId
                            + " was accepted by U8 but is recorded as " + row.outcome());
                }
            }
        } catch (DuplicateKeyException e) {
            log.error("sale invoice {} has another accepted hand-off attempt; U8 answered tradeid {} as accepted too",
                    bizId, tradeId);
            return earlier(inNewTransaction(() -> handOffLog.findDone(bizId)).orElseThrow(() -> e));
        }
        log.info("U8 accepted sale invoice {} (tradeid {}, U8 id {})", bizId, tradeId, voucherId);
        return new HandOffResult(bizId, HandOffOutcome.ACCEPTED, tradeId, voucherId, sent);
    }

    private HandOffResult exported(String bizId, String payload, Claim claim) {
        if (!inNewTransaction(() -> handOffLog.finishExported(claim.id(), claim.token(), NOT_CONFIGURED, now()))) {
            throw new HandOffInProgressException("the claim on sale invoice " + bizId + " was taken over by another"
                    + " node; not exported here");
        }
        log.info("no U8 configured: sale invoice {} exported for finance to import, not sent", bizId);
        return new HandOffResult(bizId, HandOffOutcome.EXPORTED_NOT_SENT, null, null, payload);
    }

    /** Records a FAILED attempt and returns the exception to throw. */
    private RuntimeException failed(Claim claim, String bizId, RuntimeException e) {
        String error = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        log.warn("handing sale invoice {} to U8 failed: {}", bizId, error);
        try {
            finishUnsuccessful(claim, AttemptOutcome.FAILED, null, null, error);
        } catch (RuntimeException recordingFailed) {
            e.addSuppressed(recordingFailed);
        }
        return e instanceof U8UnavailableException ? e
                : new U8UnavailableException("handing sale invoice " + bizId + " to U8 failed: " + error, e);
    }

    private void finishUnsuccessful(Claim claim, AttemptOutcome outcome, String errcode, String errmsg,
                                    String detail) {
        boolean recorded = inNewTransaction(() -> handOffLog.finishUnsuccessful(claim.id(), claim.token(), outcome,
                errcode, errmsg, detail, now()));
        if (!recorded) {
            log.warn("hand-off attempt {} was taken over by another node before it could be recorded as {}",
                    claim.id(), outcome);
        }
    }

    private static HandOffResult earlier(HandOffEntry done) {
        return done.outcome() == AttemptOutcome.EXPORTED_NOT_SENT
                ? new HandOffResult(done.bizId(), HandOffOutcome.EXPORTED_NOT_SENT, null, null, done.payload())
                : new HandOffResult(done.bizId(), HandOffOutcome.ALREADY_ACCEPTED, done.tradeId(), done.u8VoucherId(),
                        done.payload());
    }

    private <T> T inNewTransaction(Supplier<T> work) {
        return newTransaction.execute(status -> work.get());
    }

    /** Microseconds, as both H2 and PostgreSQL store them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void pause(String bizId) {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HandOffInProgressException("interrupted while waiting for another node to hand off sale"
                    + " invoice " + bizId);
        }
    }

    /** The engine clock as a {@link Clock}. */
    private static final class EngineTime extends Clock {
        private final EngineClock engineClock;
        private final ZoneId zone;

        EngineTime(EngineClock engineClock, ZoneId zone) {
            this.engineClock = engineClock;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new EngineTime(engineClock, newZone);
        }

        @Override
        public Instant instant() {
            return engineClock.now();
        }
    }
}
