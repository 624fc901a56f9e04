package io.ctkit.evaluate;

import io.ctkit.config.ConfigNode;
import io.ctkit.metrics.BootstrapConfig;
import io.ctkit.metrics.Evaluator;
import java.util.List;
import java.util.Set;

/**
 * How a model is evaluated: the binary decision threshold, the bootstrap behind every confidence
 * interval, the slice columns and the smallest slice that is evaluated. In ctkit.yaml this is
 * the {@code evaluate:} section (plus {@code plots}); on the command line, the flags of
 * {@code ctkit evaluate}.
 *
 * @param threshold    binary: predict class 1 when its probability is at least this
 * @param bootstrap    resamples for the confidence intervals; 0 for none
 * @param confidence   the intervals' level, strictly between 0 and 1
 * @param seed         the bootstrap's seed
 * @param slices       columns to compute metrics per value of
 * @param minSliceSize slices with fewer rows are only counted
 * @param plots        whether to draw the task's PNG plots
 */
public record EvaluationSettings(double threshold, int bootstrap, double confidence, long seed, List<String> slices,
        int minSliceSize, boolean plots) {

    /** The keys of the {@code evaluate:} section. */
    public static final Set<String> KEYS = Set.of("bootstrap", "confidence", "threshold", "slices", "min_slice_size",
            "plots", "seed");

    public EvaluationSettings {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, got " + threshold);
        }
        if (bootstrap < 0) {
            throw new IllegalArgumentException("bootstrap must be 0 or more, got " + bootstrap);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be between 0 and 1 (exclusive), got " + confidence);
        }
        if (minSliceSize < 1) {
            throw new IllegalArgumentException("min slice size must be at least 1, got " + minSliceSize);
        }
        slices = List.copyOf(slices);
    }

    /** 0.5, 1000 resamples at 95 %, seed 42, no slices (30 rows at least when given), plots on. */
    public static EvaluationSettings defaults() {
        return new EvaluationSettings(0.5, BootstrapConfig.DEFAULT_RESAMPLES, BootstrapConfig.DEFAULT_LEVEL,
                BootstrapConfig.DEFAULT_SEED, List.of(), 30, true);
    }

    /**
     * Reads the {@code evaluate:} section; {@code seed} defaults to {@code defaultSeed} (the
     * project's seed). Slice columns are checked by the caller, which knows the data.
     */
    public static EvaluationSettings read(ConfigNode node, long defaultSeed) {
        node.requireObject(KEYS);
        EvaluationSettings d = defaults();
        return new EvaluationSettings(
                node.optional("threshold").map(n -> n.numberIn(0, true, 1, true)).orElse(d.threshold()),
                node.optional("bootstrap").map(ConfigNode::nonNegativeInt).orElse(d.bootstrap()),
                node.optional("confidence").map(ConfigNode::openFraction).orElse(d.confidence()),
                node.optional("seed").map(ConfigNode::anyLong).orElse(defaultSeed),
                node.optional("slices").map(ConfigNode::strings).orElse(List.of()),
                node.optional("min_slice_size").map(ConfigNode::positiveInt).orElse(d.minSliceSize()),
                node.optional("plots").map(ConfigNode::bool).orElse(d.plots()));
    }

    public EvaluationSettings withThreshold(double value) {
        return new EvaluationSettings(value, bootstrap, confidence, seed, slices, minSliceSize, plots);
    }

    /** Resamples, level and seed of the bootstrap; 0 resamples for no intervals. */
    public EvaluationSettings withBootstrap(int resamples, double level, long bootstrapSeed) {
        return new EvaluationSettings(threshold, resamples, level, bootstrapSeed, slices, minSliceSize, plots);
    }

    public EvaluationSettings withSlices(List<String> columns, int minRows) {
        return new EvaluationSettings(threshold, bootstrap, confidence, seed, columns, minRows, plots);
    }

    public EvaluationSettings withPlots(boolean draw) {
        return new EvaluationSettings(threshold, bootstrap, confidence, seed, slices, minSliceSize, draw);
    }

    /** The evaluator these settings describe. */
    public Evaluator evaluator() {
        Evaluator evaluator = Evaluator.create().withThreshold(threshold);
        return bootstrap == 0 ? evaluator.withoutBootstrap() : evaluator.withBootstrap(
                BootstrapConfig.defaults().withResamples(bootstrap).withLevel(confidence).withSeed(seed));
    }
}
