package io.ctkit.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ctkit.data.Dataset;
import io.ctkit.drift.DriftOptions;
import io.ctkit.drift.DriftStatistics;
import io.ctkit.drift.PsiResult;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.quality.Reports;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training data's distribution of every number and category input, written into the model
 * bundle at train time as {@value #FILE} (format {@code ctkit-drift-reference/1}, listed in the
 * manifest and so verified with the bundle), so that the monitor compares live inputs with the data
 * the model learned from rather than with fixed bins. Per number input: the PSI bin edges and
 * counts of the training column and a sample of at most {@value #SAMPLE} sorted values (the whole
 * column when it is no longer; else evenly spaced order statistics) for KS and Wasserstein; per
 * category input: the count of every category. Missing values are counted, not binned. Text
 * inputs have no reference. The format is in docs/drift.md.
 *
 * @param rows     training rows described
 * @param features one entry per number or category input, in model order
 */
public record DriftReference(int rows, List<Feature> features) {

    /** The file's path in the bundle. */
    public static final String FILE = "drift-reference.json";
    /** The format name. */
    public static final String FORMAT = "ctkit-drift-reference/1";
    /** The largest number-input sample kept. */
    public static final int SAMPLE = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One input's reference.
     *
     * @param name    the input
     * @param numeric number input (sample and bins) or category input (category counts)
     * @param missing training rows where it was missing
     * @param sample  number inputs: sorted values (the column, or its evenly spaced order statistics)
     * @param bins    number inputs: the training column's PSI bins ({@code "(lower, upper]"} and count)
     * @param counts  category inputs: rows per category, sorted by category
     */
    public record Feature(String name, boolean numeric, int missing, double[] sample, Map<String, Long> bins,
            Map<String, Long> counts) {
        public Feature {
            bins = bins == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bins));
            counts = counts == null ? null : java.util.Collections.unmodifiableMap(new TreeMap<>(counts));
        }

        /** The reference as a sample for the drift statistics: the number sample, or the categories repeated. */
        String[] categories() {
            List<String> all = new ArrayList<>();
            counts.forEach((category, n) -> {
                for (long i = 0; i < n; i++) {
                    all.add(category);
                }
            });
            return all.toArray(String[]::new);
        }
    }

    public DriftReference {
        features = List.copyOf(features);
    }

    /** Describes {@code data}'s columns of these model inputs (its number and category inputs). */
    public static DriftReference of(Dataset data, List<InputSpec> inputs) {
        List<Feature> features = new ArrayList<>();
        for (InputSpec input : inputs) {
            if (input instanceof InputSpec.NumberInput) {
                double[] present = Arrays.stream(data.numbers(input.name())).filter(Double::isFinite).sorted().toArray();
                int missing = data.rowCount() - present.length;
                if (present.length == 0) {
                    features.add(new Feature(input.name(), true, missing, new double[0], Map.of(), null));
                    continue;
                }
                PsiResult psi = DriftStatistics.psi(present, present, DriftOptions.defaults());
                Map<String, Long> bins = new LinkedHashMap<>();
                psi.bins().forEach(b -> bins.put(b.label(), b.referenceCount()));
                features.add(new Feature(input.name(), true, missing, sample(present), bins, null));
            } else if (input instanceof InputSpec.CategoryInput) {
                Map<String, Long> counts = new TreeMap<>();
                int missing = 0;
                for (String s : data.strings(input.name())) {
                    if (s == null || s.isEmpty()) {
                        missing++;
                    } else {
                        counts.merge(s, 1L, Long::sum);
                    }
                }
                features.add(new Feature(input.name(), false, missing, null, null, counts));
            }
        }
        return new DriftReference(data.rowCount(), features);
    }

    /** At most {@link #SAMPLE} evenly spaced order statistics of sorted values, first and last included. */
    static double[] sample(double[] sorted) {
        if (sorted.length <= SAMPLE) {
            return sorted;
        }
        double[] out = new double[SAMPLE];
        for (int i = 0; i < SAMPLE; i++) {
            out[i] = sorted[(int) Math.round((double) i * (sorted.length - 1) / (SAMPLE - 1))];
        }
        return out;
    }

    /** The feature named {@code name}, or null. */
    public Feature feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
    }

    /** The file's bytes (compact JSON: the samples are long). */
    public byte[] toBytes() {
        ObjectNode root = Reports.object();
        root.put("format", FORMAT);
        root.put("rows", rows);
        ArrayNode list = root.putArray("features");
        for (Feature f : features) {
            ObjectNode n = list.addObject();
            n.put("name", f.name());
            n.put("kind", f.numeric() ? "numeric" : "categorical");
            n.put("missing", f.missing());
            if (f.numeric()) {
                ObjectNode bins = n.putObject("bins");
                f.bins().forEach(bins::put);
                ArrayNode sample = n.putArray("sample");
                for (double v : f.sample()) {
                    sample.add(v);
                }
            } else {
                ObjectNode counts = n.putObject("counts");
                f.counts().forEach(counts::put);
            }
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a drift reference could not be written as JSON", e);
        }
    }

    /**
     * Reads the file's bytes; {@code source} names it in errors.
     *
     * @throws IllegalArgumentException when the bytes are not a drift reference
     */
    public static DriftReference read(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getMessage());
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IllegalArgumentException(source + ": not a drift reference (format " + FORMAT + ")");
        }
        List<Feature> features = new ArrayList<>();
        for (JsonNode n : root.path("features")) {
            String name = n.path("name").asText();
            if (n.path("kind").asText().equals("numeric")) {
                double[] sample = new double[n.path("sample").size()];
                for (int i = 0; i < sample.length; i++) {
                    sample[i] = n.path("sample").get(i).doubleValue();
                }
                Map<String, Long> bins = new LinkedHashMap<>();
                n.path("bins").fields().forEachRemaining(e -> bins.put(e.getKey(), e.getValue().asLong()));
                features.add(new Feature(name, true, n.path("missing").asInt(), sample, bins, null));
            } else {
                Map<String, Long> counts = new TreeMap<>();
                n.path("counts").fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
                features.add(new Feature(name, false, n.path("missing").asInt(), null, null, counts));
            }
        }
        return new DriftReference(root.path("rows").asInt(), features);
    }
}
