package org.leadtocash.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Bounded loops: a fixed number of tasks on a few threads, and polls with a deadline. */
final class Parallel {
    private Parallel() {
    }

    interface Task {
        void run(int i) throws Exception;
    }

    /** Runs task(0 … count-1) on the given number of threads; returns the elapsed nanoseconds. Fails on the first error. */
    static long run(int count, int threads, Task task) {
        return run(count, threads, Long.MAX_VALUE, task).nanos();
    }

    record Done(int count, long nanos) {
    }

    /** As {@link #run(int, int, Task)}, but starts no new task after {@code capMillis}; returns how many ran and how long. */
    static Done run(int count, int threads, long capMillis, Task task) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        long stopAt = capMillis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(capMillis);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count && System.nanoTime() < stopAt; i = next.getAndIncrement()) {
                        task.run(i);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.MINUTES);
            }
            return new Done(done.get(), System.nanoTime() - start);
        } catch (Exception e) {
            throw new IllegalStateException("parallel run failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls every {@code pollMillis} until the condition holds; returns the nanoTime it was seen true, or -1 at the deadline. */
    static long await(BooleanSupplier condition, long timeoutMillis, long pollMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (true) {
            if (condition.getAsBoolean()) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                return -1;
            }
            sleep(pollMillis);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    /** The q-quantile (0…1) of sorted values, nearest rank. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }
}
