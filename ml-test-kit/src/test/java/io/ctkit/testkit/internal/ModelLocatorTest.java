package io.ctkit.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.bundle.Bundle;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.npy.NpyArray;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.Promotion;
import io.ctkit.registry.Registration;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.testkit.internal.ModelLocator.LocatedModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a test can name its model, and every way of naming it wrongly, with a locator of its own settings. */
class ModelLocatorTest {

    private static final String MODEL_JSON = """
            {"format": "ctkit-model/1", "name": "forecast", "task": "regression",
             "inputs": [{"name": "spend", "type": "number"}],
             "layers": [{"type": "dense", "weights": "weights/W.npy", "bias": "weights/b.npy", "activation": "linear"}]}
            """;

    @TempDir
    static Path dir;
    static String v1;
    static String v2;

    @BeforeAll
    static void bundlesAndARegistry() throws Exception {
        ModelDefinition definition = ModelDefinition.parse(MODEL_JSON.getBytes(StandardCharsets.UTF_8), "model.json");
        for (double w : new double[] {1, 2}) {
            var writer = Model.bundleWriter(definition, Map.of(
                    "weights/W.npy", NpyArray.ofDoubles(new int[] {1, 1}, new double[] {w}),
                    "weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0})));
            writer.write(dir.resolve("model-" + (int) w));
            writer.writeTar(dir.resolve("model-" + (int) w + ".tar"));
        }
        v1 = Bundle.open(dir.resolve("model-1")).digest();
        v2 = Bundle.open(dir.resolve("model-2")).digest();
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(dir))) {
            registry.register(Registration.of("forecast", dir.resolve("model-1")));
            int two = registry.register(Registration.of("forecast", dir.resolve("model-2"))).version();
            registry.promote("forecast", two, new Promotion(Promotion.PRODUCTION, "test", "fixture", true));
        }
    }

    private static ModelLocator locator(Map<String, String> properties, Map<String, String> environment) {
        return new ModelLocator(properties::get, environment, dir);
    }

    @Test
    void aBundleDirectoryOrTarIsResolvedAgainstTheWorkingDirectoryAndVerified() throws Exception {
        LocatedModel directory = locator(Map.of(), Map.of()).locate("model-1", "@ModelQualityTest(model)");
        LocatedModel tar = locator(Map.of(), Map.of()).locate("model-2.tar", "@ModelQualityTest(model)");

        assertThat(directory.bundle().digest()).isEqualTo(v1);
        assertThat(directory.path()).isEqualTo(dir.resolve("model-1"));
        assertThat(directory.description()).isEqualTo("forecast " + ModelLocator.shortDigest(v1));
        assertThat(tar.bundle().digest()).isEqualTo(v2);
        assertThat(tar.registeredAs()).isNull();
    }

    @Test
    void aRegistryReferenceIsResolvedInTheProjectsEmbeddedRegistryByDefault() throws Exception {
        LocatedModel alias = locator(Map.of(), Map.of()).locate("forecast@production", "@ModelQualityTest(model)");
        LocatedModel version = locator(Map.of(), Map.of()).locate("forecast:1", "@ModelQualityTest(model)");

        assertThat(alias.bundle().digest()).isEqualTo(v2);
        assertThat(alias.registeredAs()).isEqualTo("forecast");
        assertThat(alias.version()).isEqualTo(2);
        assertThat(alias.description()).isEqualTo("forecast:2 (forecast@production) " + ModelLocator.shortDigest(v2));
        assertThat(version.bundle().digest()).isEqualTo(v1);
        assertThat(version.description()).isEqualTo("forecast:1 " + ModelLocator.shortDigest(v1));
    }

    @Test
    void aBlankNameIsThePropertyThenTheEnvironmentAndTheRegistrySettingIsRead(@TempDir Path elsewhere)
            throws Exception {
        Map<String, String> environment = Map.of("CTKIT_MODEL", "model-1");
        Map<String, String> both = new HashMap<>(Map.of("ctkit.model", "forecast@production"));

        assertThat(locator(Map.of(), environment).locate("", "x").bundle().digest()).isEqualTo(v1);
        assertThat(locator(both, environment).locate(" ", "x").bundle().digest()).isEqualTo(v2);
        both.put("ctkit.registry", elsewhere.toString());
        assertThatThrownBy(() -> locator(both, environment).locate("", "x"))
                .isInstanceOf(ModelLocator.ModelNotFound.class)
                .hasMessageStartingWith("system property ctkit.model: forecast@production could not be resolved in the"
                        + " registry " + elsewhere.toAbsolutePath().normalize());
    }

    @Test
    void eachWrongNameSaysWhatWasLookedForAndWhatToSet() throws Exception {
        Files.writeString(dir.resolve("not-a-bundle.tar"), "hello");

        assertThatThrownBy(() -> locator(Map.of(), Map.of()).locate("", "@ModelQualityTest(model)"))
                .hasMessage("no model to test: @ModelQualityTest(model) names none, and neither the system property"
                        + " ctkit.model nor the environment variable CTKIT_MODEL is set; set one of them to a bundle path"
                        + " or a registry reference (name@alias, name:version), or name the model in"
                        + " @ModelQualityTest(model)");
        assertThatThrownBy(() -> locator(Map.of(), Map.of("CTKIT_MODEL", "target/modle")).locate("", "x"))
                .hasMessage("environment variable CTKIT_MODEL: no model bundle at " + dir.resolve("target/modle")
                        + " (\"target/modle\"); give a bundle directory or .tar, or a registry reference such as"
                        + " modle@production");
        assertThatThrownBy(() -> locator(Map.of(), Map.of()).locate("forecast@canary", "@ModelQualityTest(model)"))
                .hasMessage("@ModelQualityTest(model): forecast@canary could not be resolved in the registry "
                        + dir.resolve(".ctkit/registry") + ": model forecast has no alias \"canary\"; its aliases are"
                        + " production");
        assertThatThrownBy(() -> locator(Map.of(), Map.of()).locate("forecast:x", "@ModelQualityTest(model)"))
                .hasMessage("@ModelQualityTest(model): model reference \"forecast:x\": \"x\" is not a version number"
                        + " (1 or more); write forecast@x to use an alias");
        assertThatThrownBy(() -> locator(Map.of(), Map.of()).locate("not-a-bundle.tar", "@ModelQualityTest(model)"))
                .isInstanceOf(ModelLocator.ModelNotFound.class)
                .hasMessageStartingWith("@ModelQualityTest(model): " + dir.resolve("not-a-bundle.tar")
                        + " is not a usable model bundle: ");
    }
}
