package io.ctkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.model.Model;
import io.ctkit.model.PredictionBatch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/keras-dense/export_from_keras.py} run by Debian's Python on numpy arrays shaped
 * like Keras's {@code model.get_weights()} (float32 kernels {@code [inputs, units]}, biases
 * {@code [units]}): the bundle it writes loads with model-core and scores like numpy's own forward
 * pass of the same arrays. No TensorFlow is needed, which is the point of the script.
 */
class KerasExportTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SCRIPT = ROOT.resolve("examples/keras-dense/export_from_keras.py");
    static final ObjectMapper JSON = new ObjectMapper();

    /** Writes Keras-shaped weights to w.npz, and numpy's forward pass of rows to expected.json. */
    static final String KERAS_LIKE = """
            import json, sys
            import numpy as np
            rng = np.random.default_rng(42)
            shapes = [(5, 16), (16, 8), (8, 3)]
            weights = []
            for n_in, units in shapes:
                weights += [rng.normal(0, 0.6, (n_in, units)).astype(np.float32),
                            rng.normal(0, 0.2, units).astype(np.float32)]
            np.savez("w.npz", *weights)
            x = rng.normal(0, 1.5, (7, 5))
            h = x
            for i, act in enumerate(["relu", "tanh", "softmax"]):
                z = h @ weights[2 * i].astype(np.float64) + weights[2 * i + 1]
                if act == "relu":
                    h = np.maximum(z, 0)
                elif act == "tanh":
                    h = np.tanh(z)
                else:
                    e = np.exp(z - z.max(axis=1, keepdims=True))
                    h = e / e.sum(axis=1, keepdims=True)
            json.dump({"rows": x.tolist(), "probabilities": h.tolist()}, open("expected.json", "w"))
            """;

    @TempDir
    Path tmp;

    @Test
    void exportedBundleScoresLikeANumpyForwardPassOfTheKerasWeights() throws Exception {
        assertThat(python(List.of("-c", KERAS_LIKE)).exit).isZero();

        Result export = python(List.of(SCRIPT.toString(), "--weights", "w.npz", "--activations", "relu,tanh,softmax",
                "--inputs", "a,b,c,d,e", "--labels", "low,mid,high", "--task", "multiclass", "--name", "keras-demo",
                "--out", "model"));
        assertThat(export.exit).as(export.output).isZero();
        assertThat(export.output).contains("wrote model (7 files)");

        Model model = Model.load(tmp.resolve("model"));
        JsonNode expected = JSON.readTree(tmp.resolve("expected.json").toFile());
        JsonNode rows = expected.get("rows");
        double[] values = new double[rows.size() * 5];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < 5; c++) {
                values[r * 5 + c] = rows.get(r).get(c).asDouble();
            }
        }
        PredictionBatch batch = model.predictNumeric(values, rows.size());
        assertThat(batch.labels()).containsExactly("low", "mid", "high");
        for (int r = 0; r < rows.size(); r++) {
            for (int k = 0; k < 3; k++) {
                // float32 weights: numpy computes in float64 here, the engine in float32
                assertThat(batch.probability(r, k)).as("row %d class %d", r, k)
                        .isCloseTo(expected.get("probabilities").get(r).get(k).asDouble(),
                                offset(1e-5));
            }
        }
    }

    @Test
    void refusesWeightsThatDoNotMatchTheNamedInputsWithExitCode2AndSaysWhichLayer() throws Exception {
        assertThat(python(List.of("-c", KERAS_LIKE)).exit).isZero();

        Result export = python(List.of(SCRIPT.toString(), "--weights", "w.npz", "--activations", "relu,tanh,softmax",
                "--inputs", "a,b,c,d", "--labels", "low,mid,high", "--task", "multiclass", "--name", "keras-demo",
                "--out", "model"));

        assertThat(export.exit).isEqualTo(2);
        assertThat(export.output).contains("error: layer 0: kernel has 5 rows but 4 inputs are named");
        assertThat(tmp.resolve("model")).doesNotExist();
    }

    record Result(int exit, String output) {
    }

    private Result python(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3"));
        command.addAll(args);
        Path log = tmp.resolve("python.log");
        Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("python3 did not finish in 60 s: " + command);
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
