package org.leadtocash.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends at most once per key across nodes: claim the key in the feature's log, send, record the outcome. A key with a
 * recorded done outcome is answered from the log; a key a live node holds is waited for; a claim whose node died is
 * taken over after the claim timeout. Each step commits on its own ({@code PROPAGATION_REQUIRES_NEW}) because callers
 * are Camunda jobs whose transaction rolls back and retries. docs/design/exactly-once-per-key.md has the sequence.
 *
 * @param <C> a claim on a key: what the feature needs to record an outcome under it
 * @param <D> a recorded outcome that ends the key (sent, or settled without sending)
 */
public final class OncePerKey<C, D> {
    private static final Logger log = LoggerFactory.getLogger(OncePerKey.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    /** The feature's log of claims and outcomes. Its database methods run in a transaction opened here. */
    public interface Log<C, D> {
        /** The outcome that ends the key, if one is recorded. */
        Optional<D> findDone(String key);

        /**
         * Takes over the key's claim for {@code token} if it was made before {@code staleBefore} (its node died).
         *
         * @return empty when the claim is younger, or gone
         */
        Optional<C> takeOver(String key, String token, Instant now, Instant staleBefore);

        /**
         * Gives up a claim under which nothing was sent, because {@code done} ended the key meanwhile.
         *
         * @return false when the claim was no longer this one's
         */
        boolean release(C claim, D done, Instant now);

        /** Names the claim in log lines, e.g. "the claim on notification lead-42:unassigned-2h". */
        String describe(C claim);
    }

    /** One call for one key. */
    public interface Attempt<C, D, T> {
        /**
         * Claims the key for {@code token} (in a transaction opened here).
         *
         * @throws DuplicateKeyException when another claim on the key exists
         */
        C claim(String token, Instant now);

        /** Sends and records the outcome under the claim; when the send fails, records that and throws. */
        T send(C claim);

        /** The answer when the key is done already (nothing is sent). */
        T done(D outcome);
    }

    /** The exception to throw when another node still holds the key after the claim wait, or the wait is interrupted. */
    @FunctionalInterface
    public interface Busy {
        RuntimeException exception(String key, boolean interrupted);
    }

    private final Log<C, D> keyLog;
    private final TransactionTemplate newTransaction;
    private final Clock clock;
    private final Duration claimTimeout;
    private final Duration claimWait;
    private final Busy busy;

    /**
     * @param clock        for claim ages and the timestamps handed to the log
     * @param claimTimeout after this long an unfinished claim (its node died mid-send) may be taken over
     * @param claimWait    how long {@link #run} waits for another node that holds the same key
     */
    public OncePerKey(Log<C, D> keyLog, PlatformTransactionManager transactionManager, Clock clock,
                      Duration claimTimeout, Duration claimWait, Busy busy) {
        this.keyLog = Objects.requireNonNull(keyLog, "keyLog");
        this.newTransaction = new TransactionTemplate(transactionManager);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.claimTimeout = Objects.requireNonNull(claimTimeout, "claimTimeout");
        this.claimWait = Objects.requireNonNull(claimWait, "claimWait");
        this.busy = Objects.requireNonNull(busy, "busy");
    }

    /**
     * The key's recorded outcome if it has one; else the attempt's send under a claim on the key.
     *
     * @throws RuntimeException the {@link Busy} exception when another node still holds the key after the claim wait
     *                          (nothing was sent here), or what the attempt's send throws
     */
    public <T> T run(String key, Attempt<C, D, T> attempt) {
        // a real-time deadline: the clock may stand still (tests) or jump
        long giveUpAt = System.nanoTime() + claimWait.toNanos();
        while (true) {
            Optional<D> done = inNewTransaction(() -> keyLog.findDone(key));
            if (done.isPresent()) {
                log.debug("{} is done already; not sending again", key);
                return attempt.done(done.get());
            }
            Optional<C> claim = claim(key, attempt);
            if (claim.isPresent()) {
                return underClaim(key, claim.get(), attempt);
            }
            if (System.nanoTime() - giveUpAt >= 0) {
                throw busy.exception(key, false);
            }
            pause(key);
        }
    }

    /**
     * Runs {@code record}, which records a successful send under a claim. When the database refuses it because the key
     * has a done outcome already (this call's claim was taken over mid-send and the other node recorded first), returns
     * {@code recordedFirst} of that outcome instead.
     */
    public <T> T recordDone(String key, Supplier<T> record, Function<D, T> recordedFirst) {
        try {
            return record.get();
        } catch (DuplicateKeyException e) {
            return recordedFirst.apply(inNewTransaction(() -> keyLog.findDone(key)).orElseThrow(() -> e));
        }
    }

    /**
     * Runs {@code record}, which records a failed send; when that fails too, adds it to {@code failure} (which the
     * caller throws) and returns empty.
     */
    public static <F> Optional<F> recordFailure(Supplier<F> record, RuntimeException failure) {
        try {
            return Optional.ofNullable(record.get());
        } catch (RuntimeException recordingFailed) {
            failure.addSuppressed(recordingFailed);
            return Optional.empty();
        }
    }

    /** Runs one step in a transaction of its own, so a rollback of the caller's never undoes it. */
    public <X> X inNewTransaction(Supplier<X> work) {
        return newTransaction.execute(status -> work.get());
    }

    /** Microseconds, as both H2 and PostgreSQL store them, so a record reads back equal to what was written. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Optional<C> claim(String key, Attempt<C, D, ?> attempt) {
        String token = UUID.randomUUID().toString();
        Instant now = now();
        try {
            return Optional.of(inNewTransaction(() -> attempt.claim(token, now)));
        } catch (DuplicateKeyException held) {
            // a separate transaction: after a failed statement PostgreSQL accepts no more in the same one
            Optional<C> takenOver = inNewTransaction(() -> keyLog.takeOver(key, token, now, now.minus(claimTimeout)));
            takenOver.ifPresent(claim -> log.warn("took over {}: its node did not finish within {}",
                    keyLog.describe(claim), claimTimeout));
            return takenOver;
        }
    }

    private <T> T underClaim(String key, C claim, Attempt<C, D, T> attempt) {
        // another node may have finished between the check and the claim
        Optional<D> doneMeanwhile = inNewTransaction(() -> keyLog.findDone(key));
        if (doneMeanwhile.isPresent()) {
            if (!inNewTransaction(() -> keyLog.release(claim, doneMeanwhile.get(), now()))) {
                log.warn("{} was taken over by another node before it could be given up", keyLog.describe(claim));
            }
            return attempt.done(doneMeanwhile.get());
        }
        return attempt.send(claim);
    }

    private void pause(String key) {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy.exception(key, true);
        }
    }
}
