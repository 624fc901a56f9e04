package io.ctkit.serving;

import io.ctkit.model.LayerSpec;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.model.Task;
import io.ctkit.model.inference.Activation;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.model.preprocess.PreprocessingOp;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small bundles written by the tests with Model.bundleWriter (public: the internal packages' tests use them too). */
public final class TestBundles {

    public static final Path WINE = Path.of("..", "examples", "wine-classifier", "model").toAbsolutePath().normalize();

    private TestBundles() {
    }

    /** Regression on three numbers x1, x2, x3 → 4 relu → 1 linear; {@code seed} varies the weights. */
    public static Model regression(Path dir, String name, long seed) throws IOException {
        ModelDefinition definition = new ModelDefinition(name, Task.REGRESSION,
                List.of(InputSpec.number("x1"), InputSpec.number("x2"), InputSpec.number("x3")), List.of(),
                List.of(LayerSpec.dense("weights/W0.npy", "weights/b0.npy", Activation.RELU),
                        LayerSpec.dense("weights/W1.npy", "weights/b1.npy", Activation.LINEAR)), List.of());
        Random random = new Random(seed);
        Map<String, NpyArray> arrays = Map.of(
                "weights/W0.npy", NpyArray.ofDoubles(new int[] {3, 4}, gaussian(random, 12)),
                "weights/b0.npy", NpyArray.ofDoubles(new int[] {4}, gaussian(random, 4)),
                "weights/W1.npy", NpyArray.ofDoubles(new int[] {4, 1}, gaussian(random, 4)),
                "weights/b1.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {seed}));
        Model.bundleWriter(definition, arrays).write(dir);
        return Model.load(dir);
    }

    /**
     * Binary classifier on a number {@code amount} (imputed), a category {@code channel} (email,
     * search) and a text {@code text} (8 buckets).
     */
    public static Model mixed(Path dir) throws IOException {
        ModelDefinition definition = new ModelDefinition("mixed", Task.BINARY_CLASSIFICATION,
                List.of(InputSpec.number("amount"), InputSpec.category("channel", List.of("email", "search")),
                        InputSpec.text("text", 8)),
                List.of(PreprocessingOp.Impute.constant(List.of("amount"), 10.0), PreprocessingOp.Passthrough.of("amount"),
                        PreprocessingOp.OneHot.of("channel"), PreprocessingOp.HashText.of("text")),
                List.of(LayerSpec.dense("weights/W0.npy", "weights/b0.npy", Activation.SIGMOID)), List.of("no", "yes"));
        Random random = new Random(7);
        Map<String, NpyArray> arrays = Map.of(
                "weights/W0.npy", NpyArray.ofDoubles(new int[] {11, 1}, gaussian(random, 11)),
                "weights/b0.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0.1}));
        Model.bundleWriter(definition, arrays).write(dir);
        return Model.load(dir);
    }

    private static double[] gaussian(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextGaussian() * 0.5;
        }
        return values;
    }
}
