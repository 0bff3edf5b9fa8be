package org.leadtocash.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DurationHistogramTests {

    @Test
    void aSpanFallsIntoTheBucketWhoseUpperEdgeItDoesNotExceedRoundingUpToTheMinute() {
        assertThat(DurationHistogram.bucketOf(Duration.ZERO)).isZero();
        assertThat(DurationHistogram.bucketOf(Duration.ofSeconds(59))).isZero();
        assertThat(DurationHistogram.bucket(DurationHistogram.bucketOf(Duration.ofHours(4))).to()).isEqualTo(Duration.ofHours(4));
        assertThat(DurationHistogram.bucket(DurationHistogram.bucketOf(Duration.ofHours(4).plusSeconds(1))).from()).isEqualTo(Duration.ofHours(4));
        assertThat(DurationHistogram.bucket(DurationHistogram.bucketOf(Duration.ofHours(4).plusNanos(1))).from()).isEqualTo(Duration.ofHours(4));
        assertThat(DurationHistogram.bucketOf(Duration.ofDays(400))).isEqualTo(DurationHistogram.BUCKETS - 1);
        assertThat(DurationHistogram.bucket(DurationHistogram.BUCKETS - 1).to()).isNull();
        assertThat(DurationHistogram.bucketOf(Duration.ofMinutes(-5))).as("clock skew").isZero();
        assertThat(DurationHistogram.columns()).hasSize(DurationHistogram.BUCKETS).startsWith("b00").endsWith("b40");
    }

    @Test
    void withinAnSlaOnAnEdgeIsExactAndAnSlaBetweenEdgesIsNotAnswered() {
        long[] counts = new long[DurationHistogram.BUCKETS];
        for (Duration d : new Duration[] {Duration.ofMinutes(3), Duration.ofHours(3), Duration.ofHours(4), Duration.ofHours(4).plusSeconds(1),
                Duration.ofHours(30)}) {
            counts[DurationHistogram.bucketOf(d)]++;
        }
        assertThat(DurationHistogram.within(counts, Duration.ofHours(4))).hasValue(3);
        assertThat(DurationHistogram.within(counts, Duration.ofHours(3))).hasValue(2);
        assertThat(DurationHistogram.within(counts, Duration.ofHours(48))).hasValue(5);
        assertThat(DurationHistogram.within(counts, Duration.ofMinutes(100))).isEmpty();
        assertThat(DurationHistogram.within(counts, Duration.ofHours(4).plusSeconds(30))).isEmpty();
    }

    @Test
    void theMedianIsTheBucketOfTheMiddleSpanOrOfTheUpperMiddleOne() {
        long[] counts = new long[DurationHistogram.BUCKETS];
        assertThat(DurationHistogram.median(counts)).isNull();
        counts[DurationHistogram.bucketOf(Duration.ofMinutes(20))]++;
        counts[DurationHistogram.bucketOf(Duration.ofMinutes(50))]++;
        counts[DurationHistogram.bucketOf(Duration.ofHours(10))]++;
        assertThat(DurationHistogram.median(counts)).isEqualTo(new DurationHistogram.Bucket(Duration.ofMinutes(45), Duration.ofMinutes(60)));
        counts[DurationHistogram.bucketOf(Duration.ofHours(11))]++;
        // middles 50 min and 10 h: the median (5 h 25 min) is at most the upper middle's edge
        assertThat(DurationHistogram.median(counts)).isEqualTo(new DurationHistogram.Bucket(Duration.ofHours(9), Duration.ofHours(10)));
    }
}
