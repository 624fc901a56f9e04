package io.ctkit.registry;

import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** Real bundles and report files for the tests, written with model-core. */
final class Fixtures {

    private static final String MODEL_JSON = """
            {"format": "ctkit-model/1", "name": "%s", "task": "regression",
             "inputs": [{"name": "x", "type": "number"}],
             "layers": [{"type": "dense", "weights": "weights/W.npy", "bias": "weights/b.npy", "activation": "linear"}]}
            """;

    private Fixtures() {
    }

    /** A one-weight regression bundle; different weights give different bundles. */
    static Path bundle(Path dir, String name, double weight) throws IOException {
        writer(name, weight).write(dir);
        return dir;
    }

    static io.ctkit.bundle.BundleWriter writer(String name, double weight) throws IOException {
        ModelDefinition definition = ModelDefinition.parse(
                String.format(Locale.ROOT, MODEL_JSON, name).getBytes(StandardCharsets.UTF_8), "model.json");
        return Model.bundleWriter(definition, Map.of(
                        "weights/W.npy", NpyArray.ofDoubles(new int[] {1, 1}, new double[] {weight}),
                        "weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0.5})));
    }

    static Path metrics(Path file, double f1, double low, double high) throws IOException {
        return write(file, String.format(Locale.ROOT, "{\"task\": \"binary\", \"rows\": 100, \"metrics\": {"
                + "\"f1\": {\"value\": %s, \"ci_low\": %s, \"ci_high\": %s},"
                + " \"accuracy\": {\"value\": 0.9}}}", f1, low, high));
    }

    static Path verdict(Path file, boolean passed) throws IOException {
        return write(file, "{\"format\": \"ctkit-gate/1\", \"passed\": " + passed + ", \"first_run\": false,"
                + " \"checks\": [{\"name\": \"f1-floor\", \"kind\": \"threshold\", \"metric\": \"f1\", \"observed\": 0.8,"
                + " \"ci_low\": 0.75, \"ci_high\": 0.85, \"bound\": 0.7, \"passed\": true, \"message\": \"ok\"},"
                + " {\"name\": \"vs-champion\", \"kind\": \"no_regression\", \"metric\": \"f1\", \"observed\": 0.8,"
                + " \"ci_low\": null, \"ci_high\": null, \"bound\": 0.82, \"passed\": " + passed + ", \"message\": \"m\"}],"
                + " \"champion\": null}");
    }

    /** A passing verdict whose challenger is the model bundle with {@code digest}. */
    static Path verdictFor(Path file, String digest) throws IOException {
        return write(file, "{\"format\": \"ctkit-gate/1\", \"passed\": true, \"first_run\": true, \"checks\": [],"
                + " \"challenger\": {\"kind\": \"model\", \"name\": \"wine\", \"sha256\": \"" + digest + "\"},"
                + " \"champion\": null}");
    }

    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, content);
        return file;
    }
}
