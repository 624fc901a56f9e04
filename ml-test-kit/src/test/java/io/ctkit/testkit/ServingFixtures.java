package io.ctkit.testkit;

import io.ctkit.model.LayerSpec;
import io.ctkit.model.ModelDefinition;
import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Fixture models for the serving kit's tests, written once per run under target/serving-fixtures:
 * two versions of one regression model (same name and inputs, different weights) and a CSV of rows.
 * The paths are constants so that the annotations of the test cases can name them.
 */
final class ServingFixtures {

    static final String DIR = "target/serving-fixtures";
    static final String V1 = DIR + "/kit-regression-v1";
    static final String V2 = DIR + "/kit-regression-v2";
    static final String V1_TAR = DIR + "/kit-regression-v1.tar";
    static final String DATA = DIR + "/rows.csv";
    static final String NAME = "kit-regression";

    private ServingFixtures() {
    }

    /** Writes the fixtures when absent (the bundles are deterministic). */
    static synchronized void write() {
        try {
            if (!Files.isDirectory(Path.of(V1))) {
                regression(Path.of(V1), 1);
            }
            if (!Files.isRegularFile(Path.of(V1_TAR))) {
                writer(1).writeTar(Path.of(V1_TAR));
            }
            if (!Files.isDirectory(Path.of(V2))) {
                regression(Path.of(V2), 2);
            }
            if (!Files.isRegularFile(Path.of(DATA))) {
                Random random = new Random(11);
                StringBuilder csv = new StringBuilder("x1,x2,x3,note\n");
                for (int r = 0; r < 300; r++) {
                    csv.append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,row%d%n", random.nextGaussian(),
                            random.nextGaussian(), random.nextGaussian(), r));
                }
                Files.writeString(Path.of(DATA), csv);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** x1, x2, x3 → 4 relu → 1 linear; {@code seed} varies the weights. */
    private static void regression(Path dir, long seed) throws IOException {
        Files.createDirectories(dir.getParent());
        writer(seed).write(dir);
    }

    private static io.ctkit.bundle.BundleWriter writer(long seed) throws IOException {
        ModelDefinition definition = new ModelDefinition(NAME, Task.REGRESSION,
                List.of(InputSpec.number("x1"), InputSpec.number("x2"), InputSpec.number("x3")), List.of(),
                List.of(LayerSpec.dense("weights/W0.npy", "weights/b0.npy", Activation.RELU),
                        LayerSpec.dense("weights/W1.npy", "weights/b1.npy", Activation.LINEAR)), List.of());
        Random random = new Random(seed);
        Map<String, NpyArray> arrays = Map.of(
                "weights/W0.npy", NpyArray.ofDoubles(new int[] {3, 4}, gaussian(random, 12)),
                "weights/b0.npy", NpyArray.ofDoubles(new int[] {4}, gaussian(random, 4)),
                "weights/W1.npy", NpyArray.ofDoubles(new int[] {4, 1}, gaussian(random, 4)),
                "weights/b1.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0.5}));
        return io.ctkit.model.Model.bundleWriter(definition, arrays);
    }

    private static double[] gaussian(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
