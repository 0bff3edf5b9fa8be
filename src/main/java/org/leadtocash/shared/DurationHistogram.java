package org.leadtocash.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Time spans counted in fixed buckets, so that a summary table keeps one row per day and group however many items it
 * counts, and a KPI sums a range of rows instead of reading every item. Bucket {@code i} holds spans longer than edge
 * {@code i-1} and at most edge {@code i} (whole minutes, rounded up); the last bucket holds everything beyond 90 days.
 * The edges are 1 and 5 min, then every quarter hour up to 2 h, every half hour up to 5 h, every hour up to 12 h, then
 * 16 h, 20 h and days up to 90; so an SLA drawn as {@code PT1H}, {@code PT90M}, {@code PT3H}, {@code PT4H},
 * {@code PT24H} or {@code PT48H} is an edge and "within the SLA" is counted exactly ({@link #within}). A median is
 * known to its bucket ({@link #median}).
 */
public final class DurationHistogram {
    /** Upper edges in minutes; a span of 0 minutes (an immediate answer) falls into the first bucket. */
    private static final long[] EDGES = {1, 5, 10, 15, 30, 45, 60, 75, 90, 105, 120, 150, 180, 210, 240, 270, 300, 360, 420, 480,
            540, 600, 660, 720, 960, 1200, 1440, 2160, 2880, 4320, 5760, 7200, 10080, 14400, 20160, 30240, 43200, 64800, 86400,
            129600};
    /** Bucket count: one per edge and one for everything beyond the last. */
    public static final int BUCKETS = EDGES.length + 1;
    private static final List<String> COLUMNS = names();

    private DurationHistogram() {
    }

    /** One bucket: spans longer than {@code from} and at most {@code to}; {@code to} is null for the open last bucket. */
    public record Bucket(Duration from, Duration to) {
    }

    /** The summary tables' counter columns for the buckets, {@code b00} to {@code b40}, in bucket order. */
    public static List<String> columns() {
        return COLUMNS;
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < BUCKETS; i++) {
            names.add(String.format("b%02d", i));
        }
        return List.copyOf(names);
    }

    /** The bucket index of a span; negative spans (clock skew) count as none. */
    public static int bucketOf(Duration span) {
        long seconds = Math.max(0, span.getSeconds() + (span.getNano() > 0 ? 1 : 0));
        long minutes = (seconds + 59) / 60;
        int at = Arrays.binarySearch(EDGES, minutes);
        return at >= 0 ? at : -at - 1;
    }

    public static Bucket bucket(int index) {
        Duration from = index == 0 ? Duration.ZERO : Duration.ofMinutes(EDGES[index - 1]);
        return new Bucket(from, index < EDGES.length ? Duration.ofMinutes(EDGES[index]) : null);
    }

    /**
     * How many spans are at most {@code limit}, when {@code limit} is a bucket edge; empty otherwise (the caller counts
     * from its items instead).
     */
    public static OptionalLong within(long[] counts, Duration limit) {
        if (limit.toSecondsPart() != 0 || limit.getNano() != 0) {
            return OptionalLong.empty();
        }
        int edge = Arrays.binarySearch(EDGES, limit.toMinutes());
        if (edge < 0) {
            return OptionalLong.empty();
        }
        long n = 0;
        for (int i = 0; i <= edge; i++) {
            n += counts[i];
        }
        return OptionalLong.of(n);
    }

    /**
     * The bucket that holds the median: the middle span, or the upper of the two middle ones for an even count, so the
     * median is at most the bucket's {@code to}. Null when nothing was counted.
     */
    public static Bucket median(long[] counts) {
        long total = Arrays.stream(counts).sum();
        if (total <= 0) {
            return null;
        }
        long rank = total / 2; // zero-based: the middle of an odd count, the upper middle of an even one
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen > rank) {
                return bucket(i);
            }
        }
        throw new IllegalStateException("negative counts in " + Arrays.toString(counts));
    }
}
