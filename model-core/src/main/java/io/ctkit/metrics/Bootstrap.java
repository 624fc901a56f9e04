package io.ctkit.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The resampling engine behind intervals and paired comparisons. A resample is a vector of
 * row multiplicities (rows drawn with replacement, n draws for n rows), so the metrics reuse
 * the prepared data, rankings included, and never sort or copy rows per resample.
 */
final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * Percentile intervals for {@code metrics}, all computed on the same resamples.
     *
     * @param sampler makes a Sample over the given (shared, mutated) weights array
     */
    static ConfidenceInterval[] intervals(Function<int[], Sample> sampler, int rows, List<Metric> metrics,
            BootstrapConfig config) {
        int[] weights = new int[rows];
        Sample sample = sampler.apply(weights);
        double[][] values = new double[metrics.size()][config.resamples()];
        SplittableRandom random = new SplittableRandom(config.seed());
        for (int b = 0; b < config.resamples(); b++) {
            draw(random, weights);
            sample.reweighted();
            for (int m = 0; m < values.length; m++) {
                values[m][b] = metrics.get(m).compute(sample);
            }
        }
        ConfidenceInterval[] intervals = new ConfidenceInterval[values.length];
        for (int m = 0; m < values.length; m++) {
            intervals[m] = percentile(values[m], config);
        }
        return intervals;
    }

    /**
     * Resampled {@code challenger - champion} differences, both models seeing the same rows in
     * every resample; NaN where either metric is undefined.
     */
    static double[][] pairedDifferences(Function<int[], Sample> champion, Function<int[], Sample> challenger,
            int rows, List<Metric> metrics, BootstrapConfig config) {
        int[] weights = new int[rows];
        Sample championSample = champion.apply(weights);
        Sample challengerSample = challenger.apply(weights);
        double[][] differences = new double[metrics.size()][config.resamples()];
        SplittableRandom random = new SplittableRandom(config.seed());
        for (int b = 0; b < config.resamples(); b++) {
            draw(random, weights);
            championSample.reweighted();
            challengerSample.reweighted();
            for (int m = 0; m < differences.length; m++) {
                Metric metric = metrics.get(m);
                differences[m][b] = metric.compute(challengerSample) - metric.compute(championSample);
            }
        }
        return differences;
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

    private static void draw(SplittableRandom random, int[] weights) {
        Arrays.fill(weights, 0);
        int n = weights.length;
        for (int i = 0; i < n; i++) {
            weights[index(random, n)]++;
        }
    }

    /**
     * A uniform index in [0, n) by Lemire's multiply-shift with rejection: unbiased like
     * nextInt(n), without its integer division, which dominated resampling time.
     */
    static int index(SplittableRandom random, int n) {
        long product = (random.nextInt() & 0xFFFFFFFFL) * n;
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
}
