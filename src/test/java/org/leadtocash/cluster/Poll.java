package org.leadtocash.cluster;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Bounded waiting without Awaitility: probes every {@value #INTERVAL_MILLIS} ms until the value is acceptable or the
 * timeout has passed, then fails with what was seen last.
 */
final class Poll {
    static final long INTERVAL_MILLIS = 200;

    private Poll() {
    }

    /** Waits until {@code done} accepts what {@code probe} returns; returns that value. */
    static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> done) {
        long end = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = probe.get();
                lastError = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                // a probe may fail transiently (e.g. a node is starting); keep polling, report it if it stays
                lastError = e;
            }
            if (System.nanoTime() - end >= 0) {
                AssertionError failure = new AssertionError("timed out after " + timeout + " waiting for " + what
                        + "; last seen: " + last);
                if (lastError != null) {
                    failure.initCause(lastError);
                }
                throw failure;
            }
            sleep(INTERVAL_MILLIS);
        }
    }

    /** Waits until the condition holds. */
    static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        until(what, timeout, condition, Boolean.TRUE::equals);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
