package io.ctkit.model;

import io.ctkit.model.inference.DenseNetwork;
import io.ctkit.model.preprocess.FeatureEncoder;
import io.ctkit.model.preprocess.InvalidInputException;
import io.ctkit.bundle.Bundle;
import io.ctkit.bundle.BundleException;
import io.ctkit.bundle.BundleVerification;
import io.ctkit.bundle.BundleWriter;
import io.ctkit.npy.Npy;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /**
     * Loads a bundle directory or tar: verifies every file's digest first (see {@link Bundle}),
     * then parses {@code model.json} and the weight files from the verified bytes and compiles.
     *
     * @throws BundleException if the bundle does not verify
     * @throws ModelException if model.json or a weight file is invalid (the message names it)
     */
    public static Model load(Path dirOrTar) throws IOException {
        return load(Bundle.open(dirOrTar));
    }

    /** As {@link #load(Path)}, with a signature requirement. */
    public static Model load(Path dirOrTar, BundleVerification verification) throws IOException {
        return load(Bundle.open(dirOrTar, verification));
    }

    /** Compiles the model of an opened (hence verified) bundle. */
    public static Model load(Bundle bundle) throws IOException {
        String where = bundle.source().toString();
        ModelDefinition definition = ModelDefinition.parse(bundle.bytes("model.json"), where + "/model.json");
        return ModelCompiler.compile(definition, path -> bundle.files().contains(path)
                ? Npy.read(bundle.bytes(path), where + "/" + path) : null, where + "/model.json");
    }

    /**
     * Writes a bundle directory: the canonical model.json, the arrays it references (as .npy)
     * and the manifest; signed when {@code writer} was given a key. Returns the bundle digest.
     */
    public static String write(ModelDefinition definition, Map<String, NpyArray> arrays, Path dir) throws IOException {
        return bundleWriter(definition, arrays).write(dir);
    }

    /** A bundle writer holding this definition and its arrays, to sign or write as a tar. */
    public static BundleWriter bundleWriter(ModelDefinition definition, Map<String, NpyArray> arrays) throws IOException {
        of(definition, arrays); // refuse to write a bundle that would not load
        BundleWriter writer = BundleWriter.create().add("model.json", definition.toJson());
        for (Map.Entry<String, NpyArray> e : new TreeMap<>(arrays).entrySet()) {
            writer.add(e.getKey(), Npy.toBytes(e.getValue()));
        }
        return writer;
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
    public Predictions predict(List<? extends Map<String, ?>> rows) {
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
    public Predictions predictNumeric(double[] values, int rows) {
        double[] features = new double[rows * encoder.width()];
        encoder.encodeNumeric(values, rows, features);
        return score(features, rows);
    }

    /** Scores encoded feature vectors, row-major {@code [rows, encoder().width()]}. */
    public Predictions predictFeatures(double[] features, int rows) {
        return score(features, rows);
    }

    private Predictions score(double[] features, int rows) {
        int width = network.outputWidth();
        double[] outputs = new double[rows * width];
        network.forward(features, rows, outputs);
        return new Predictions(definition.task(), definition.labels(), outputs, rows, width);
    }

    @Override
    public String toString() {
        return "Model[" + definition.name() + ", " + definition.task() + ", " + encoder.width() + " features, "
                + network + "]";
    }
}
