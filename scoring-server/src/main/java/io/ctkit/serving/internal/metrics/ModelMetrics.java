package io.ctkit.serving.internal.metrics;

import io.ctkit.serving.internal.model.Scores;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.serving.internal.model.ServedModel;
import io.ctkit.serving.internal.protocol.InputBatch;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
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
    private static final double[] PADDED_EDGES = padded(EDGES);
    private static final double[] PROBABILITY_BUCKETS = {0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0};
    static final String OTHER = "__other__";

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final List<InputSpec> inputs;
    /** Every count and sum below is a slot of {@code sums}; the arrays hold slot numbers. */
    private final StripedSums sums;
    private final int[] binBase;
    private final int[] sumSlot;
    private final int[] missing;
    private final int[] categoryBase;
    private final int[] categoryCount;
    private final int labelBase;
    private final DistributionSummary[] probabilities;
    private final int outputBinBase;
    private final int outputSumSlot;
    private final String version;
    private int nextSlot;

    ModelMetrics(MeterRegistry registry, ServedModel served) {
        this.registry = registry;
        this.inputs = served.model().definition().inputs();
        String version = served.version();
        this.version = version;
        int n = inputs.size();
        List<String> names = served.model().labels();
        this.sums = new StripedSums(slotCount(inputs, names));
        binBase = new int[n];
        sumSlot = new int[n];
        missing = new int[n];
        categoryBase = new int[n];
        categoryCount = new int[n];
        for (int i = 0; i < n; i++) {
            InputSpec input = inputs.get(i);
            missing[i] = counter("ctkit.input.missing", "missing input values", "input", input.name(), "version",
                    version);
            binBase[i] = -1;
            categoryBase[i] = -1;
            if (input instanceof InputSpec.NumberInput) {
                binBase[i] = binCounters("ctkit.input.bin", "input values per bin (upper edge)", "input", input.name(),
                        version);
                // a gauge, not a counter: the sum of signed values may go down
                sumSlot[i] = gauge("ctkit.input.sum", "sum of the input's present values", "input", input.name(),
                        "version", version);
            } else if (input instanceof InputSpec.CategoryInput category) {
                categoryCount[i] = category.values().size() + 1;
                for (int v = 0; v <= category.values().size(); v++) {
                    String value = v < category.values().size() ? category.values().get(v) : OTHER;
                    int slot = counter("ctkit.input.category", "category input values (unknown values as " + OTHER + ")",
                            "input", input.name(), "value", value, "version", version);
                    if (v == 0) {
                        categoryBase[i] = slot;
                    }
                }
            }
        }
        probabilities = new DistributionSummary[names.size()];
        int labels = nextSlot;
        for (int c = 0; c < names.size(); c++) {
            counter("ctkit.prediction.label", "predicted labels", "label", names.get(c), "version", version);
            probabilities[c] = keep(DistributionSummary.builder("ctkit.prediction.probability")
                    .description("predicted probability per label").tags("label", names.get(c), "version", version)
                    .serviceLevelObjectives(PROBABILITY_BUCKETS).register(registry));
        }
        labelBase = labels;
        if (names.isEmpty()) {
            outputBinBase = binCounters("ctkit.prediction.bin", "regression predictions per bin (upper edge)", "output",
                    "prediction", version);
            // Micrometer summaries drop negative values, so the sum is a gauge and the count the bins' sum
            outputSumSlot = gauge("ctkit.prediction.sum", "sum of regression predictions", "version", version);
        } else {
            outputBinBase = -1;
            outputSumSlot = -1;
        }
    }

    private static int slotCount(List<InputSpec> inputs, List<String> labels) {
        int slots = inputs.size() + labels.size();
        for (InputSpec input : inputs) {
            if (input instanceof InputSpec.NumberInput) {
                slots += EDGES.length + 2;
            } else if (input instanceof InputSpec.CategoryInput category) {
                slots += category.values().size() + 1;
            }
        }
        return labels.isEmpty() ? slots + EDGES.length + 2 : slots;
    }

    /** Registers a counter read from the next slot; returns the slot. */
    private int counter(String name, String description, String... tags) {
        int slot = nextSlot++;
        keep(FunctionCounter.builder(name, sums, s -> s.sum(slot)).description(description).tags(tags)
                .register(registry));
        return slot;
    }

    private int gauge(String name, String description, String... tags) {
        int slot = nextSlot++;
        keep(Gauge.builder(name, sums, s -> s.sum(slot)).description(description).tags(tags).register(registry));
        return slot;
    }

    /** Registers one counter per bin in consecutive slots; returns the first. */
    private int binCounters(String name, String description, String key, String value, String version) {
        int base = nextSlot;
        for (int b = 0; b <= EDGES.length; b++) {
            String upper = b < EDGES.length ? format(EDGES[b]) : "+Inf";
            counter(name, description, key, value, "upper", upper, "version", version);
        }
        return base;
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
        double[] stripe = sums.stripe();
        int rows = batch.rows();
        for (int i = 0; i < inputs.size(); i++) {
            if (binBase[i] >= 0) {
                // number() reads the fast path's row-major numbers without making columns of them
                for (int r = 0; r < rows; r++) {
                    double v = batch.number(r, i);
                    if (Double.isNaN(v)) {
                        StripedSums.add(stripe, missing[i], 1);
                    } else {
                        StripedSums.add(stripe, binBase[i] + bin(v), 1);
                        StripedSums.add(stripe, sumSlot[i], v);
                    }
                }
            } else {
                for (String s : batch.strings(i)) {
                    if (s == null) {
                        StripedSums.add(stripe, missing[i], 1);
                    } else if (categoryBase[i] >= 0) {
                        int v = ((InputSpec.CategoryInput) inputs.get(i)).values().indexOf(s);
                        StripedSums.add(stripe, categoryBase[i] + (v < 0 ? categoryCount[i] - 1 : v), 1);
                    }
                }
            }
        }
        for (int r = 0; r < predictions.size(); r++) {
            if (outputBinBase >= 0) {
                double v = predictions.value(r);
                StripedSums.add(stripe, outputBinBase + bin(v), 1);
                StripedSums.add(stripe, outputSumSlot, v);
            } else {
                StripedSums.add(stripe, labelBase + predictions.labelIndex(r), 1);
                for (int c = 0; c < probabilities.length; c++) {
                    probabilities[c].record(predictions.probability(r, c));
                }
            }
        }
    }

    /**
     * The bin of {@code v}: the number of edges below it (an edge's own value falls in the bin it
     * closes). A binary search without branches over the edges padded to 64 with +Inf: six
     * look-ups, each a conditional add, where {@code Arrays.binarySearch} mispredicted about half
     * of its branches (17 ns against 5 ns per value; a request records one per input).
     */
    static int bin(double v) {
        double[] p = PADDED_EDGES;
        int i = p[31] < v ? 32 : 0;
        i += p[i + 15] < v ? 16 : 0;
        i += p[i + 7] < v ? 8 : 0;
        i += p[i + 3] < v ? 4 : 0;
        i += p[i + 1] < v ? 2 : 0;
        return i + (p[i] < v ? 1 : 0);
    }

    private static double[] padded(double[] edges) {
        double[] padded = new double[64];
        java.util.Arrays.fill(padded, Double.POSITIVE_INFINITY);
        System.arraycopy(edges, 0, padded, 0, edges.length);
        return padded;
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
