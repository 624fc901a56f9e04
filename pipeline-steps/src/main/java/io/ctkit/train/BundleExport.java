package io.ctkit.train;

import io.ctkit.model.LayerSpec;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.model.Task;
import io.ctkit.model.preprocess.FeatureEncoder;
import io.ctkit.monitor.DriftReference;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a trained network into a bundle: the kernels and biases as float32 {@code .npy} arrays
 * (dense layers of the contract, {@code W [inputs, units]}), the fitted preprocessing inline in
 * model.json, and the training data's distribution of every input ({@code drift-reference.json},
 * which the monitor compares live inputs with); then checks that model-core's inference on the
 * bundle gives ND4J's outputs.
 */
final class BundleExport {
    /** Float32 on both sides, different summation orders: agreement to this relative tolerance. */
    static final double TOLERANCE = 1e-4;

    private BundleExport() {
    }

    /** The written bundle and how closely model-core reproduced ND4J on the check rows. */
    record Exported(String digest, double maxDifference, int checkedRows) {
    }

    static Exported write(String name, Task task, FeatureEncoder encoder, List<String> classes, Trainer.Outcome outcome,
            Targets targets, EncodedRows checkRows, DriftReference reference, Path dir) throws IOException {
        List<MlpGraph.LayerShape> shapes = outcome.shapes();
        float[][] weights = outcome.weights().clone();
        int last = shapes.size() - 1;
        if (task == Task.REGRESSION) {
            weights[2 * last] = scaled(weights[2 * last], targets.scale(), 0);
            weights[2 * last + 1] = scaled(weights[2 * last + 1], targets.scale(), targets.mean());
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        List<LayerSpec> layers = new ArrayList<>();
        for (int l = 0; l < shapes.size(); l++) {
            MlpGraph.LayerShape s = shapes.get(l);
            String w = "weights/" + MlpGraph.weightName(l) + ".npy";
            String b = "weights/" + MlpGraph.biasName(l) + ".npy";
            arrays.put(w, NpyArray.ofFloats(new int[] {s.inputs(), s.units()}, weights[2 * l]));
            arrays.put(b, NpyArray.ofFloats(new int[] {s.units()}, weights[2 * l + 1]));
            layers.add(new LayerSpec(w, b, s.activation(), s.activation().takesAlpha() ? s.alpha() : null));
        }
        ModelDefinition definition = new ModelDefinition(name, task, encoder.inputs(), encoder.ops(), layers,
                task == Task.REGRESSION ? List.of() : classes);
        Model model = Model.of(definition, arrays);
        double diff = check(model, outcome.graph(), targets, checkRows);
        String digest = Model.bundleWriter(definition, arrays).add(DriftReference.FILE, reference.toBytes()).write(dir);
        return new Exported(digest, diff, checkRows.rows());
    }

    private static float[] scaled(float[] values, double scale, double shift) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) (values[i] * scale + shift);
        }
        return out;
    }

    /** The largest relative difference between ND4J's outputs and model-core's on the rows; fails beyond tolerance. */
    private static double check(Model model, Network graph, Targets targets, EncodedRows rows) {
        int n = Math.min(rows.rows(), 2048);
        int width = rows.width();
        float[] x = java.util.Arrays.copyOf(rows.x(), n * width);
        float[] nd4j = graph.predict(x, n, width);
        double[] features = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            features[i] = x[i];
        }
        io.ctkit.model.PredictionBatch ours = model.predictFeatures(features, n);
        int k = nd4j.length / n;
        double worst = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < k; c++) {
                double expected = targets.task() == Task.REGRESSION ? nd4j[r] * targets.scale() + targets.mean()
                        : k == 1 ? nd4j[r] : nd4j[r * k + c];
                double actual = targets.task() == Task.REGRESSION ? ours.value(r)
                        : k == 1 ? ours.probability(r, 1) : ours.probability(r, c);
                double scale = targets.task() == Task.REGRESSION ? Math.max(1, targets.scale()) : 1;
                double d = Math.abs(expected - actual) / (scale + Math.abs(expected));
                worst = Math.max(worst, d);
            }
        }
        if (!(worst <= TOLERANCE)) {
            throw new IllegalStateException("model-core's inference on the exported bundle differs from ND4J's outputs by "
                    + worst + " (relative) on the check rows, above " + TOLERANCE + "; the export is wrong");
        }
        return worst;
    }
}
