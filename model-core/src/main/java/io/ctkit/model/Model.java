package io.ctkit.model;

import io.ctkit.bundle.Bundle;
import io.ctkit.bundle.BundleVerification;
import io.ctkit.bundle.BundleWriter;
import io.ctkit.model.inference.DenseNetwork;
import io.ctkit.model.preprocess.FeatureEncoder;
import io.ctkit.model.preprocess.InvalidInputException;
import io.ctkit.npy.Npy;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A loaded model: its definition, the compiled preprocessing ({@link FeatureEncoder}) and the
 * compiled network ({@link DenseNetwork}). Immutable and thread-safe; one instance serves any
 * number of concurrent requests.
 *
 * <p>Scoring takes rows in one of three shapes: maps keyed by input name
 * ({@link #predict(Map)}, {@link #predict(List)}: TF Serving instances, KServe per-input
 * tensors), numeric rows in declared input order for models whose inputs are all numbers
 * ({@link #predictNumeric}: a KServe {@code [batch, inputs]} tensor), or feature vectors that
 * are already encoded ({@link #predictFeatures}). Bad rows throw {@link InvalidInputException}
 * naming the row and input.
 */
public final class Model {

    private final ModelDefinition definition;
    private final FeatureEncoder encoder;
    private final DenseNetwork network;

    Model(ModelDefinition definition, FeatureEncoder encoder, DenseNetwork network) {
        this.definition = definition;
        this.encoder = encoder;
        this.network = network;
    }

    /**
     * Loads a bundle directory or {@code .tar}, checking digests (no signature required).
     *
     * @see #load(Path, BundleVerification)
     */
    public static Model load(Path dirOrTar) throws IOException {
        return from(Bundle.open(dirOrTar));
    }

    /**
     * Loads a bundle directory or {@code .tar}: verifies every file against {@code MANIFEST.json}
     * (and the signature, if {@code verification} requires one) before reading any of them, then
     * parses {@code model.json}, reads the arrays it refers to and compiles the model.
     *
     * @throws io.ctkit.bundle.BundleException if the bundle fails verification
     * @throws ModelException if {@code model.json} or an array is invalid
     */
    public static Model load(Path dirOrTar, BundleVerification verification) throws IOException {
        return from(Bundle.open(dirOrTar, verification));
    }

    /** Compiles the model of a bundle that has been opened (and so verified) already. */
    public static Model from(Bundle bundle) throws IOException {
        String source = bundle.source() + "/model.json";
        ModelDefinition definition = ModelDefinition.parse(bundle.bytes("model.json"), source);
        Set<String> files = bundle.files();
        return ModelCompiler.compile(definition,
                path -> files.contains(path) ? Npy.read(bundle.bytes(path), path) : null, source);
    }

    /**
     * A bundle writer holding {@code model.json} and the arrays, ready to {@link BundleWriter#sign
     * sign} and {@link BundleWriter#write write} or {@link BundleWriter#writeTar writeTar}. The
     * model is compiled first, so an invalid model is never written.
     *
     * @param arrays exactly the arrays {@link ModelDefinition#arrayPaths()} names
     * @throws ModelException if the model does not compile or an array is not referenced
     */
    public static BundleWriter bundleWriter(ModelDefinition definition, Map<String, NpyArray> arrays)
            throws IOException {
        of(definition, arrays);
        Set<String> referenced = definition.arrayPaths();
        Set<String> extra = new TreeSet<>(arrays.keySet());
        extra.removeAll(referenced);
        if (!extra.isEmpty()) {
            throw new ModelException("model.json does not refer to " + String.join(", ", extra)
                    + "; a bundle holds only the arrays its model uses");
        }
        BundleWriter writer = BundleWriter.create().add("model.json", definition.toJson());
        for (String path : referenced) {
            writer.add(path, Npy.toBytes(arrays.get(path)));
        }
        return writer;
    }

    /**
     * Compiles a model from a definition and its arrays, keyed by the paths {@code model.json}
     * uses (e.g. {@code weights/dense_0_W.npy}). For trainers and tests; bundles are loaded with
     * {@link #load}.
     *
     * @throws ModelException if an array is missing, of the wrong dtype or shape, not finite, or
     *     the output layer does not fit the task
     */
    public static Model of(ModelDefinition definition, Map<String, NpyArray> arrays) throws ModelException {
        Objects.requireNonNull(definition, "definition");
        Map<String, NpyArray> copy = Map.copyOf(arrays);
        return ModelCompiler.compile(definition, copy::get, "model.json");
    }

    public ModelDefinition definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    public Task task() {
        return definition.task();
    }

    /** The class labels; empty for regression. */
    public List<String> labels() {
        return definition.labels();
    }

    /** The compiled preprocessing: the same code a trainer uses to build its feature matrix. */
    public FeatureEncoder encoder() {
        return encoder;
    }

    /** The compiled network, taking feature vectors of width {@code encoder().width()}. */
    public DenseNetwork network() {
        return network;
    }

    /** Scores one row given as input name → value. */
    public Prediction predict(Map<String, ?> row) {
        return score(encoder.encode(row), 1).get(0);
    }

    /** Scores rows given as input name → value. */
    public PredictionBatch predict(List<? extends Map<String, ?>> rows) {
        double[] features = new double[rows.size() * encoder.width()];
        encoder.encode(rows, features);
        return score(features, rows.size());
    }

    /**
     * Scores all-number rows: {@code values} is row-major {@code [rows, inputs]} in the order the
     * inputs are declared, NaN where a value is missing.
     *
     * @throws IllegalStateException if some input is not a number
     */
    public PredictionBatch predictNumeric(double[] values, int rows) {
        double[] features = new double[rows * encoder.width()];
        encoder.encodeNumeric(values, rows, features);
        return score(features, rows);
    }

    /** As {@link #predictNumeric(double[], int)}, for {@code float} rows (a KServe FP32 tensor). */
    public PredictionBatch predictNumeric(float[] values, int rows) {
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return predictNumeric(widened, rows);
    }

    /** Scores encoded feature vectors, row-major {@code [rows, encoder().width()]}. */
    public PredictionBatch predictFeatures(double[] features, int rows) {
        return score(features, rows);
    }

    private PredictionBatch score(double[] features, int rows) {
        int width = network.outputWidth();
        double[] outputs = new double[rows * width];
        network.forward(features, rows, outputs);
        return new PredictionBatch(definition.task(), definition.labels(), outputs, rows, width);
    }

    @Override
    public String toString() {
        return "Model[" + definition.name() + ", " + definition.task() + ", " + encoder.width() + " features, "
                + network + "]";
    }
}
