package io.ctkit.metrics;

/**
 * How bootstrap intervals are computed: {@code resamples} resamples of the rows, drawn with
 * replacement, each from its own {@link java.util.SplittableRandom} seeded from {@code seed} and
 * the resample's number, and percentile intervals at confidence {@code level}. The same seed and
 * data give the same intervals on every run, on any number of threads.
 *
 * @param resamples number of resamples, at least 1 (default {@value #DEFAULT_RESAMPLES})
 * @param level     confidence level strictly between 0 and 1 (default 0.95)
 * @param seed      random seed (default {@value #DEFAULT_SEED})
 */
public record BootstrapConfig(int resamples, double level, long seed) {

    public static final int DEFAULT_RESAMPLES = 1000;
    public static final double DEFAULT_LEVEL = 0.95;
    public static final long DEFAULT_SEED = 42;

    public BootstrapConfig {
        if (resamples < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be at least 1: " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be strictly between 0 and 1, e.g. 0.95: "
                    + level);
        }
    }

    /** 1000 resamples, level 0.95, seed 42. */
    public static BootstrapConfig defaults() {
        return new BootstrapConfig(DEFAULT_RESAMPLES, DEFAULT_LEVEL, DEFAULT_SEED);
    }

    public BootstrapConfig withResamples(int resamples) {
        return new BootstrapConfig(resamples, level, seed);
    }

    public BootstrapConfig withLevel(double level) {
        return new BootstrapConfig(resamples, level, seed);
    }

    public BootstrapConfig withSeed(long seed) {
        return new BootstrapConfig(resamples, level, seed);
    }
}
