package org.leadtocash.standin;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets a stand-in keep up to {@code max} calls of one node at a time waiting for their answer, each for at most
 * {@code maxHold} (shorter than the node's request time-out, so the node is still waiting when it is killed) or until
 * {@link #release()}. The node's threads sit in those calls, so a test can kill the node at a moment it knows the node
 * has made a call and not had its answer. Other calls are answered as usual.
 */
final class Hold {
    private volatile String node;
    private volatile int max;
    private volatile Duration maxHold = Duration.ZERO;
    private final AtomicInteger holding = new AtomicInteger();
    private volatile CountDownLatch released = new CountDownLatch(0);

    synchronized void hold(String node, int max, Duration maxHold) {
        this.released = new CountDownLatch(1);
        this.max = max;
        this.maxHold = maxHold;
        this.node = node;
    }

    /** Answers every held call and holds no more. */
    synchronized void release() {
        node = null;
        released.countDown();
    }

    /** Called by the stand-in before it answers a call of {@code caller}; blocks if the call is to be held. */
    void maybeHold(String caller) {
        if (!caller.equals(node)) {
            return;
        }
        CountDownLatch latch = released;
        try {
            if (holding.incrementAndGet() <= max) {
                latch.await(maxHold.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            holding.decrementAndGet();
        }
    }
}
