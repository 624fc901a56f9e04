package io.ctkit.serving.metrics;

import io.ctkit.serving.model.Scores;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.serving.model.ServedModel;
import io.ctkit.serving.protocol.InputBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * Distributions of one model version's inputs and predictions, for drift monitoring: per number
 * input (and regression output) counts in fixed signed bins plus a sum, per category value a
 * count, per input a missing count, per label a count and a probability histogram. Meters carry
 * the version, and are removed when the version is replaced.
 */
public final class ModelMetrics {

    /** Upper bin edges for numbers (the last bin is open); symmetric so negative values bin too. */
    static final double[] EDGES = edges();
    private static final double[] PROBABILITY_BUCKETS = {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0};
    static final String OTHER = "__other__";

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final List<InputSpec> inputs;
    private final Counter[][] bins;
    private final java.util.concurrent.atomic.DoubleAdder[] sums;
    private final Counter[] missing;
    private final Counter[][] categories;
    private final Counter[] labels;
    private final DistributionSummary[] probabilities;
    private final Counter[] outputBins;
    private final java.util.concurrent.atomic.DoubleAdder outputSum;
    private final String version;

    ModelMetrics(MeterRegistry registry, ServedModel served) {
        this.registry = registry;
        this.inputs = served.model().definition().inputs();
        String version = served.version();
        this.version = version;
        int n = inputs.size();
        bins = new Counter[n][];
        sums = new java.util.concurrent.atomic.DoubleAdder[n];
        missing = new Counter[n];
        categories = new Counter[n][];
        for (int i = 0; i < n; i++) {
            InputSpec input = inputs.get(i);
            missing[i] = keep(Counter.builder("ctkit.input.missing").description("missing input values")
                    .tags("input", input.name(), "version", version).register(registry));
            if (input instanceof InputSpec.NumberInput) {
                bins[i] = binCounters("ctkit.input.bin", "input values per bin (upper edge)", "input", input.name(),
                        version);
                // a plain sum: the bins already count the values, and a summary would read the clock per value
                java.util.concurrent.atomic.DoubleAdder sum = new java.util.concurrent.atomic.DoubleAdder();
                sums[i] = sum;
                // a gauge, not a counter: the sum of signed values may go down
                keep(io.micrometer.core.instrument.Gauge.builder("ctkit.input.sum", sum,
                        java.util.concurrent.atomic.DoubleAdder::sum).description("sum of the input's present values")
                        .tags("input", input.name(), "version", version).register(registry));
            } else if (input instanceof InputSpec.CategoryInput category) {
                categories[i] = new Counter[category.values().size() + 1];
                for (int v = 0; v <= category.values().size(); v++) {
                    String value = v < category.values().size() ? category.values().get(v) : OTHER;
                    categories[i][v] = keep(Counter.builder("ctkit.input.category")
                            .description("category input values (unknown values as " + OTHER + ")")
                            .tags("input", input.name(), "value", value, "version", version).register(registry));
                }
            }
        }
        List<String> names = served.model().labels();
        labels = new Counter[names.size()];
        probabilities = new DistributionSummary[names.size()];
        for (int c = 0; c < names.size(); c++) {
            labels[c] = keep(Counter.builder("ctkit.prediction.label").description("predicted labels")
                    .tags("label", names.get(c), "version", version).register(registry));
            probabilities[c] = keep(DistributionSummary.builder("ctkit.prediction.probability")
                    .description("predicted probability per label").tags("label", names.get(c), "version", version)
                    .serviceLevelObjectives(PROBABILITY_BUCKETS).register(registry));
        }
        if (names.isEmpty()) {
            outputBins = binCounters("ctkit.prediction.bin", "regression predictions per bin (upper edge)", "output",
                    "prediction", version);
            // Micrometer summaries drop negative values, so the sum is a gauge and the count the bins' sum
            outputSum = new java.util.concurrent.atomic.DoubleAdder();
            keep(io.micrometer.core.instrument.Gauge.builder("ctkit.prediction.sum", outputSum,
                    java.util.concurrent.atomic.DoubleAdder::sum).description("sum of regression predictions")
                    .tags("version", version).register(registry));
        } else {
            outputBins = null;
            outputSum = null;
        }
    }

    private Counter[] binCounters(String name, String description, String key, String value, String version) {
        Counter[] counters = new Counter[EDGES.length + 1];
        for (int b = 0; b <= EDGES.length; b++) {
            String upper = b < EDGES.length ? format(EDGES[b]) : "+Inf";
            counters[b] = keep(Counter.builder(name).description(description)
                    .tags(key, value, "upper", upper, "version", version).register(registry));
        }
        return counters;
    }

    private <M extends Meter> M keep(M meter) {
        meters.add(meter);
        return meter;
    }

    /** The model version these distributions belong to. */
    public String version() {
        return version;
    }

    /** Records a scored request. */
    public void record(InputBatch batch, Scores predictions) {
        for (int i = 0; i < inputs.size(); i++) {
            Object column = batch.columns()[i];
            if (column instanceof double[] numbers) {
                for (double v : numbers) {
                    if (Double.isNaN(v)) {
                        missing[i].increment();
                    } else {
                        bins[i][bin(v)].increment();
                        sums[i].add(v);
                    }
                }
            } else {
                String[] strings = (String[]) column;
                for (String s : strings) {
                    if (s == null) {
                        missing[i].increment();
                    } else if (categories[i] != null) {
                        int v = ((InputSpec.CategoryInput) inputs.get(i)).values().indexOf(s);
                        categories[i][v < 0 ? categories[i].length - 1 : v].increment();
                    }
                }
            }
        }
        for (int r = 0; r < predictions.size(); r++) {
            if (outputBins != null) {
                double v = predictions.value(r);
                outputBins[bin(v)].increment();
                outputSum.add(v);
            } else {
                labels[predictions.labelIndex(r)].increment();
                for (int c = 0; c < probabilities.length; c++) {
                    probabilities[c].record(predictions.probability(r, c));
                }
            }
        }
    }

    static int bin(double v) {
        int at = java.util.Arrays.binarySearch(EDGES, v);
        return at >= 0 ? at : -at - 1;
    }

    void remove() {
        for (Meter meter : meters) {
            registry.remove(meter);
        }
    }

    private static double[] edges() {
        double[] positive = {0.01, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1e3, 1e4, 1e5, 1e6};
        double[] edges = new double[positive.length * 2 + 1];
        for (int k = 0; k < positive.length; k++) {
            edges[k] = -positive[positive.length - 1 - k];
            edges[positive.length + 1 + k] = positive[k];
        }
        edges[positive.length] = 0;
        return edges;
    }

    private static String format(double edge) {
        return edge == Math.rint(edge) && Math.abs(edge) < 1e15 ? Long.toString((long) edge) : Double.toString(edge);
    }
}
