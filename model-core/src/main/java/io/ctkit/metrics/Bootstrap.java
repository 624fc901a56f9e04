package io.ctkit.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The resampling engine behind intervals and paired comparisons. A resample is a vector of
 * row multiplicities (n rows drawn uniformly with replacement, the multinomial bootstrap), so
 * the metrics reuse the prepared rows, sorted once, and never sort or copy rows per resample.
 *
 * <p>Resample b draws from its own generator, {@link #random(long, int)} of the seed and b, and
 * resamples are spread over threads: each thread has its own weights, and resample b's metrics
 * land in slot b whichever thread computed them, so the intervals do not depend on the number of
 * threads or on their timing.
 */
final class Bootstrap {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long LOW_32 = 0xFFFFFFFFL;
    private static final long EVERY_OTHER_BYTE = 0x00FF00FF00FF00FFL;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Bootstrap() {
    }

    /**
     * Percentile intervals for {@code metrics}, all computed on the same resamples. Resample b
     * counts position p of {@code rows} as often as {@link #draw} drew p for {@code (seed, b)}.
     */
    static ConfidenceInterval[] intervals(PreparedRows rows, List<Metric> metrics, BootstrapConfig config,
            int threads) {
        double[][] values = new double[metrics.size()][config.resamples()];
        forEachResample(config.resamples(), threads, () -> {
            byte[] weights = new byte[rows.rows()];
            Sample sample = Sample.of(rows, weights);
            return b -> {
                draw(config.seed(), b, weights);
                sample.reweighted();
                for (int m = 0; m < values.length; m++) {
                    values[m][b] = metrics.get(m).compute(sample);
                }
            };
        });
        ConfidenceInterval[] intervals = new ConfidenceInterval[values.length];
        for (int m = 0; m < values.length; m++) {
            intervals[m] = percentile(values[m], config);
        }
        return intervals;
    }

    /**
     * Resampled {@code challenger - champion} differences, both models seeing the same rows in
     * every resample (drawn by row, then put in each model's own order); NaN where either metric
     * is undefined.
     */
    static double[][] pairedDifferences(PreparedRows champion, PreparedRows challenger, List<Metric> metrics,
            BootstrapConfig config, int threads) {
        double[][] differences = new double[metrics.size()][config.resamples()];
        forEachResample(config.resamples(), threads, () -> {
            byte[] byRow = new byte[champion.rows()];
            byte[] championWeights = new byte[champion.rows()];
            byte[] challengerWeights = new byte[challenger.rows()];
            Sample championSample = Sample.of(champion, championWeights);
            Sample challengerSample = Sample.of(challenger, challengerWeights);
            return b -> {
                draw(config.seed(), b, byRow);
                champion.fromRowOrder(byRow, championWeights);
                challenger.fromRowOrder(byRow, challengerWeights);
                championSample.reweighted();
                challengerSample.reweighted();
                for (int m = 0; m < differences.length; m++) {
                    Metric metric = metrics.get(m);
                    differences[m][b] = metric.compute(challengerSample) - metric.compute(championSample);
                }
            };
        });
        return differences;
    }

    /**
     * Runs resamples 0..resamples-1 on up to {@code threads} threads: the caller's and helpers
     * from the common ForkJoin pool. Each thread makes its own worker (its own buffers) and takes
     * the next resample until none is left.
     */
    static void forEachResample(int resamples, int threads, Supplier<IntConsumer> workers) {
        AtomicInteger next = new AtomicInteger();
        Runnable loop = () -> {
            if (next.get() >= resamples) {
                return; // a late helper: nothing left, so no buffers to allocate
            }
            IntConsumer worker = workers.get();
            for (int b = next.getAndIncrement(); b < resamples; b = next.getAndIncrement()) {
                worker.accept(b);
            }
        };
        List<ForkJoinTask<?>> helpers = new ArrayList<>();
        for (int t = 1; t < Math.min(threads, resamples); t++) {
            helpers.add(ForkJoinPool.commonPool().submit(loop));
        }
        try {
            loop.run();
        } finally {
            for (ForkJoinTask<?> helper : helpers) {
                helper.join();
            }
        }
    }

    /** The generator of resample {@code resample}: a 64-bit mix of both, so nearby seeds and resamples share nothing. */
    static SplittableRandom random(long seed, int resample) {
        return new SplittableRandom(initialState(seed, resample));
    }

    private static long initialState(long seed, int resample) {
        return mix64(mix64(seed) + (resample + 1L) * GOLDEN_GAMMA);
    }

    /** Percentile interval of the defined (non-NaN) values; sorts {@code values} in place. */
    static ConfidenceInterval percentile(double[] values, BootstrapConfig config) {
        int used = compactDefined(values);
        Arrays.sort(values, 0, used);
        double low = Double.NaN;
        double high = Double.NaN;
        if (used > 0) {
            low = Quantiles.linear(values, used, (1 - config.level()) / 2);
            high = Quantiles.linear(values, used, (1 + config.level()) / 2);
        }
        return new ConfidenceInterval(low, high, config.level(), config.resamples(), values.length - used);
    }

    /** Moves the non-NaN values to the front and returns how many there are. */
    static int compactDefined(double[] values) {
        int used = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                values[used++] = v;
            }
        }
        return used;
    }

    /**
     * One multinomial resample: n draws of a uniform position among n, exactly the sequence of
     * {@link #positions} for {@code random(seed, resample)}, counted into {@code weights}
     * (unsigned bytes).
     *
     * <p>The generator is {@link SplittableRandom}'s algorithm (its state advanced by the golden
     * gamma, then {@code nextLong}'s and {@code nextInt}'s mixes) kept in a local variable: the
     * JDK's object keeps its state in a field, a store and reload per draw that made up a tenth
     * of a resample's time. A byte that wraps past 255 is caught at the end, not per draw: each
     * wrap leaves the weights summing to 256 less than n.
     *
     * @throws IllegalStateException when a position is drawn 256 times, which its byte cannot
     *         count: for n rows the chance is below n / 256!, about 1e-500, so this never happens
     *         in practice, and if it did the result would be refused rather than wrong
     */
    static void draw(long seed, int resample, byte[] weights) {
        Arrays.fill(weights, (byte) 0);
        int n = weights.length;
        // Lemire's multiply-shift rejects a product whose low 32 bits fall below 2^32 mod n.
        long threshold = (0x100000000L - n) % n;
        long state = initialState(seed, resample);
        for (int i = 0; i < n; i += 2) {
            state += GOLDEN_GAMMA;
            long bits = mix64(state);
            long product = (bits >>> 32) * n;
            while ((product & LOW_32) < threshold) {
                state += GOLDEN_GAMMA;
                product = (mix32(state) & LOW_32) * n;
            }
            weights[(int) (product >>> 32)]++;
            if (i + 1 < n) {
                product = (bits & LOW_32) * n;
                while ((product & LOW_32) < threshold) {
                    state += GOLDEN_GAMMA;
                    product = (mix32(state) & LOW_32) * n;
                }
                weights[(int) (product >>> 32)]++;
            }
        }
        if (unsignedSum(weights) != n) {
            throw new IllegalStateException("a bootstrap resample drew one of " + n
                    + " rows 256 times, more than a weight can count; use another seed");
        }
    }

    /** The sum of {@code bytes} read as unsigned, eight at a time. */
    static long unsignedSum(byte[] bytes) {
        long total = 0;
        int i = 0;
        int whole = bytes.length & ~7;
        while (i < whole) {
            // Four 16-bit lanes, each gaining at most 2 * 255 per long: 128 longs cannot overflow one.
            long lanes = 0;
            for (int end = Math.min(whole, i + 8 * 128); i < end; i += 8) {
                long v = (long) LONGS.get(bytes, i);
                lanes += (v & EVERY_OTHER_BYTE) + ((v >>> 8) & EVERY_OTHER_BYTE);
            }
            total += (lanes & 0xFFFF) + ((lanes >>> 16) & 0xFFFF) + ((lanes >>> 32) & 0xFFFF) + (lanes >>> 48);
        }
        for (; i < bytes.length; i++) {
            total += bytes[i] & 0xFF;
        }
        return total;
    }

    /**
     * The positions one resample draws, in order: each {@code nextLong()} of {@code random} gives
     * two, from its high then its low 32 bits (half the generator calls of one per draw).
     */
    static int[] positions(SplittableRandom random, int n) {
        int[] drawn = new int[n];
        for (int i = 0; i < n; i += 2) {
            long bits = random.nextLong();
            drawn[i] = index((int) (bits >>> 32), random, n);
            if (i + 1 < n) {
                drawn[i + 1] = index((int) bits, random, n);
            }
        }
        return drawn;
    }

    /**
     * A uniform index in [0, n) from 32 random bits by Lemire's multiply-shift, rejecting (and
     * drawing anew from {@code random}) the few values that would bias it: unbiased like
     * nextInt(n), without its integer division.
     */
    static int index(int bits, SplittableRandom random, int n) {
        long product = (bits & 0xFFFFFFFFL) * n;
        long low = product & 0xFFFFFFFFL;
        if (low < n) {
            long threshold = (0x100000000L - n) % n;
            while (low < threshold) {
                product = (random.nextInt() & 0xFFFFFFFFL) * n;
                low = product & 0xFFFFFFFFL;
            }
        }
        return (int) (product >>> 32);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser, as SplittableRandom's nextLong mixes its state. */
    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** SplittableRandom's nextInt mix of its state (variant 4 of the finaliser, upper 32 bits). */
    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62A9D9ED799705F5L;
        return (int) (((z ^ (z >>> 28)) * 0xCB24D0A5C88C35B3L) >>> 32);
    }
}
