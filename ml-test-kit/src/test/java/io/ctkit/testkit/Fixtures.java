package io.ctkit.testkit;

import io.ctkit.files.FileTrees;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.npy.NpyArray;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.Promotion;
import io.ctkit.registry.Registration;
import io.ctkit.registry.RegistryConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The models and data the kit's tests judge, written with model-core at fixed paths under
 * {@code target/kit-fixtures} (annotation values are constants): a one-input regression
 * {@code revenue = w * spend + 0.5}, a holdout whose video rows are noisier than its search rows,
 * and an embedded registry: {@code forecast:1} the good model at {@code production},
 * {@code forecast:2} the weak one at {@code staging}.
 */
final class Fixtures {

    static final String DIR = "target/kit-fixtures";
    /** w = 2.0: the model the data was drawn from. */
    static final String GOOD = DIR + "/forecast-good";
    /** w = 1.8: worse everywhere. */
    static final String WEAK = DIR + "/forecast-weak";
    static final String HOLDOUT = DIR + "/holdout.csv";
    static final String OTHER_HOLDOUT = DIR + "/holdout-2.csv";
    static final String REGISTRY = DIR + "/registry";
    static final String EMPTY_REGISTRY = DIR + "/empty-registry";

    private static final String MODEL_JSON = """
            {"format": "ctkit-model/1", "name": "forecast", "task": "regression",
             "inputs": [{"name": "spend", "type": "number"}],
             "layers": [{"type": "dense", "weights": "weights/W.npy", "bias": "weights/b.npy", "activation": "linear"}]}
            """;

    private Fixtures() {
    }

    private static boolean written;

    /**
     * Writes every fixture afresh, once per test JVM (a registry left by an earlier run would number
     * the versions on); the content is fixed, so digests are the same on every run.
     */
    static synchronized void write() throws IOException {
        if (written) {
            return;
        }
        Path dir = Path.of(DIR);
        if (Files.exists(dir)) {
            FileTrees.delete(dir);
        }
        Files.createDirectories(dir);
        bundle(Path.of(GOOD), 2.0);
        bundle(Path.of(WEAK), 1.8);
        Files.writeString(Path.of(HOLDOUT), holdout(200), StandardCharsets.UTF_8);
        Files.writeString(Path.of(OTHER_HOLDOUT), holdout(150), StandardCharsets.UTF_8);
        Files.createDirectories(Path.of(EMPTY_REGISTRY));
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.embedded(Path.of(REGISTRY)))) {
            int good = registry.register(Registration.of("forecast", Path.of(GOOD))).version();
            registry.promote("forecast", good, new Promotion(Promotion.PRODUCTION, "kit-test", "fixture", true));
            int weak = registry.register(Registration.of("forecast", Path.of(WEAK))).version();
            registry.promote("forecast", weak, new Promotion(Promotion.STAGING, "kit-test", "fixture", true));
        }
        written = true;
    }

    private static void bundle(Path dir, double weight) throws IOException {
        ModelDefinition definition = ModelDefinition.parse(MODEL_JSON.getBytes(StandardCharsets.UTF_8), "model.json");
        Model.bundleWriter(definition, Map.of(
                "weights/W.npy", NpyArray.ofDoubles(new int[] {1, 1}, new double[] {weight}),
                "weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0.5}))).write(dir);
    }

    /** spend 0.1..n/10; search rows within ±0.5 of the truth, video rows (every third) within ±4. */
    private static String holdout(int n) {
        StringBuilder csv = new StringBuilder("spend,channel,revenue\n");
        for (int i = 1; i <= n; i++) {
            double spend = i / 10.0;
            boolean video = i % 3 == 0;
            double noise = ((i * 37) % 11 - 5) / 10.0 * (video ? 8 : 1);
            csv.append(String.format(Locale.ROOT, "%.1f,%s,%.4f%n", spend, video ? "video" : "search",
                    2.0 * spend + 0.5 + noise));
        }
        return csv.toString();
    }
}
