package io.ctkit.testkit;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link LoadResult}, in the manner of Gatling's {@code percentile(99.0).lt(ms)} and
 * k6's {@code p(99)<200}. Every failure message gives the measured value, the bound and the whole
 * run's summary (rate, percentiles, errors, achieved rate).
 *
 * <pre>{@code
 * assertThat(result).p99().isLessThan(ofMillis(50));
 * assertThat(result).percentile(99.9).isLessThan(ofMillis(200));
 * assertThat(result).errorRate().isZero();
 * assertThat(result).achievedRate().isAtLeast(0.95);   // of the target rate
 * }</pre>
 */
public class LoadResultAssert extends AbstractAssert<LoadResultAssert, LoadResult> {

    /** Starts assertions on a load test's result. */
    public LoadResultAssert(LoadResult actual) {
        super(actual, LoadResultAssert.class);
    }

    /** The entry point, for use without {@code ModelAssertions}. */
    public static LoadResultAssert assertThat(LoadResult actual) {
        return new LoadResultAssert(actual);
    }

    /** The median latency. */
    public LatencyAssert p50() {
        return percentile(50);
    }

    /** The 90th percentile latency. */
    public LatencyAssert p90() {
        return percentile(90);
    }

    /** The 99th percentile latency. */
    public LatencyAssert p99() {
        return percentile(99);
    }

    /** The 99.9th percentile latency. */
    public LatencyAssert p999() {
        return percentile(99.9);
    }

    /** The latency at a percentile (0 to 100), measured from the intended send time. */
    public LatencyAssert percentile(double percentile) {
        isNotNull();
        String name = "p" + (percentile == Math.rint(percentile) ? String.valueOf((long) percentile)
                : String.valueOf(percentile)) + " latency";
        return new LatencyAssert(actual.percentile(percentile), name, actual);
    }

    /** The largest latency. */
    public LatencyAssert max() {
        isNotNull();
        return new LatencyAssert(actual.max(), "maximum latency", actual);
    }

    /** Failed requests (non-2xx, timeouts, connection errors) as a fraction of all requests. */
    public FractionAssert errorRate() {
        isNotNull();
        return new FractionAssert(actual.errorRate(), "error rate", actual.errors() + " of " + actual.requests()
                + " requests failed", actual);
    }

    /** The achieved rate as a fraction of the target rate. */
    public FractionAssert achievedRate() {
        isNotNull();
        return new FractionAssert(actual.achievedFraction(), "achieved rate (fraction of the target)",
                LoadResult.number(actual.achievedRate()) + "/s of " + LoadResult.number(actual.targetRate()) + "/s",
                actual);
    }

    /** A latency of a load test, compared with a bound. */
    public static final class LatencyAssert extends AbstractAssert<LatencyAssert, Duration> {
        private final String name;
        private final LoadResult result;

        LatencyAssert(Duration actual, String name, LoadResult result) {
            super(actual, LatencyAssert.class);
            this.name = name;
            this.result = result;
        }

        /** Fails unless the latency is strictly less than {@code bound}. */
        public LatencyAssert isLessThan(Duration bound) {
            Objects.requireNonNull(bound, "bound");
            requireRequests();
            if (actual.compareTo(bound) >= 0) {
                fail("to be less than", LoadResult.millis(bound));
            }
            return this;
        }

        /** Fails unless the latency is at most {@code bound}. */
        public LatencyAssert isAtMost(Duration bound) {
            Objects.requireNonNull(bound, "bound");
            requireRequests();
            if (actual.compareTo(bound) > 0) {
                fail("to be at most", LoadResult.millis(bound));
            }
            return this;
        }

        private void requireRequests() {
            if (result.requests() == 0) {
                failWithMessage("%nExpecting the %s of the load test to be measured, but no request was answered in"
                        + " its window (%s)", name, result.summary());
            }
        }

        private void fail(String relation, String bound) {
            failWithMessage("%nExpecting the %s of the load test:%n  %s%n%s:%n  %s%nbut it was not (%s)", name,
                    LoadResult.millis(actual), relation, bound, result.summary());
        }
    }

    /** A fraction of a load test (error rate, achieved rate), compared with a bound. */
    public static final class FractionAssert extends AbstractAssert<FractionAssert, Double> {
        private final String name;
        private final String detail;
        private final LoadResult result;

        FractionAssert(double actual, String name, String detail, LoadResult result) {
            super(actual, FractionAssert.class);
            this.name = name;
            this.detail = detail;
            this.result = result;
        }

        /** Fails unless the fraction is 0. */
        public FractionAssert isZero() {
            if (actual != 0) {
                fail("to be", "0");
            }
            return this;
        }

        /** Fails unless the fraction is at most {@code bound} (0 to 1). */
        public FractionAssert isAtMost(double bound) {
            checkBound(bound);
            if (actual > bound) {
                fail("to be at most", percent(bound));
            }
            return this;
        }

        /** Fails unless the fraction is at least {@code bound} (0 to 1). */
        public FractionAssert isAtLeast(double bound) {
            checkBound(bound);
            if (actual < bound) {
                fail("to be at least", percent(bound));
            }
            return this;
        }

        private static void checkBound(double bound) {
            if (!(bound >= 0 && bound <= 1)) {
                throw new IllegalArgumentException("the bound is a fraction from 0 to 1 (0.95 for 95%): " + bound);
            }
        }

        private void requireRequests() {
            if (result.requests() == 0) {
                failWithMessage("%nExpecting the %s of the load test to be measured, but no request was answered in"
                        + " its window (%s)", name, result.summary());
            }
        }

        private void fail(String relation, String bound) {
            failWithMessage("%nExpecting the %s of the load test:%n  %s (%s)%n%s:%n  %s%nbut it was not (%s)", name,
                    percent(actual), detail, relation, bound, result.summary());
        }

        private static String percent(double fraction) {
            return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
        }
    }
}
