package io.ctkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.bundle.BundleException;
import io.ctkit.bundle.BundleIntegrityException;
import io.ctkit.bundle.BundleKeys;
import io.ctkit.bundle.BundleVerification;
import io.ctkit.bundle.BundleWriter;
import io.ctkit.model.inference.Activation;
import io.ctkit.model.preprocess.ArrayRef;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.model.preprocess.PreprocessingOp;
import io.ctkit.npy.Npy;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelBundleTest {

    private static final JsonNode CASES = cases();

    @TempDir
    Path tmp;

    static Stream<String> models() {
        return ReferenceModelsTest.models();
    }

    @ParameterizedTest
    @MethodSource("models")
    void loadsGeneratedBundleDirectoriesAndMatchesNumpy(String name) throws IOException {
        Model model = Model.load(BundleFixtures.bundle(name));

        assertThat(model.name()).isEqualTo(name);
        ReferenceModelsTest.assertMatchesNumpy(model, CASES.get(name));
    }

    @Test
    void loadsATarBundle() throws IOException {
        Model model = Model.load(BundleFixtures.root().resolve("binary-sigmoid-f32.tar"));

        ReferenceModelsTest.assertMatchesNumpy(model, CASES.get("binary-sigmoid-f32"));
    }

    @Test
    void refusesATamperedWeightFileNamingItAndBothDigests() throws IOException {
        Path dir = copyOfFixture("regression-f64");
        Path weights = dir.resolve("weights/dense_1_W.npy");
        byte[] bytes = Files.readAllBytes(weights);
        bytes[bytes.length - 1] ^= 1;
        Files.write(weights, bytes);

        assertThatThrownBy(() -> Model.load(dir))
                .isInstanceOf(BundleIntegrityException.class)
                .hasMessageContaining("weights/dense_1_W.npy does not match MANIFEST.json: expected sha256 ")
                .hasMessageContaining(", actual sha256 ");
    }

    @Test
    void refusesAFileThatIsNotListed() throws IOException {
        Path dir = copyOfFixture("regression-f64");
        Files.write(dir.resolve("weights/extra.npy"), new byte[] {1});

        assertThatThrownBy(() -> Model.load(dir))
                .isInstanceOf(BundleException.class)
                .hasMessageContaining("MANIFEST.json does not list: weights/extra.npy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dir", "model.tar"})
    void writesABundleThatLoadsToTheSameModel(String name) throws IOException {
        Model original = BundleFixtures.inMemory("binary-sigmoid-f32");
        Map<String, NpyArray> arrays = fixtureArrays("binary-sigmoid-f32");
        Path bundle = tmp.resolve(name);
        if (name.endsWith(".tar")) {
            Model.bundleWriter(original.definition(), arrays).writeTar(bundle);
        } else {
            Model.bundleWriter(original.definition(), arrays).write(bundle);
        }

        List<Map<String, Object>> rows = ModelConcurrencyTest.randomRows(new java.util.Random(3), 50);
        Model loaded = Model.load(bundle);
        assertThat(loaded.definition()).isEqualTo(original.definition());
        assertThat(loaded.predict(rows)).containsExactlyElementsOf(original.predict(rows));
    }

    @Test
    void writesTheDefinitionsCanonicalJsonAsModelJson() throws IOException {
        Model original = BundleFixtures.inMemory("binary-sigmoid-f32");

        Model.bundleWriter(original.definition(), fixtureArrays("binary-sigmoid-f32")).write(tmp.resolve("dir"));

        assertThat(Files.readString(tmp.resolve("dir/model.json"))).isEqualTo(
                new String(original.definition().toJson(), StandardCharsets.UTF_8));
    }

    @Test
    void signedBundleLoadsOnlyWithTheRightKey() throws IOException {
        Model original = BundleFixtures.inMemory("regression-f64");
        KeyPair key = BundleKeys.generate();
        KeyPair other = BundleKeys.generate();
        Model.bundleWriter(original.definition(), fixtureArrays("regression-f64")).sign(key.getPrivate())
                .write(tmp.resolve("signed"));

        assertThat(Model.load(tmp.resolve("signed"), BundleVerification.requireSignature(key.getPublic())).name())
                .isEqualTo("regression-f64");
        assertThatThrownBy(() -> Model.load(tmp.resolve("signed"), BundleVerification.requireSignature(other.getPublic())))
                .isInstanceOf(io.ctkit.bundle.BundleSignatureException.class);
    }

    @Test
    void writerRefusesArraysTheModelDoesNotUse() throws IOException {
        Model original = BundleFixtures.inMemory("regression-f64");
        Map<String, NpyArray> arrays = fixtureArrays("regression-f64");
        arrays.put("weights/unused.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {1}));

        assertThatThrownBy(() -> Model.bundleWriter(original.definition(), arrays))
                .isInstanceOf(ModelException.class)
                .hasMessage("model.json does not refer to weights/unused.npy; a bundle holds only the arrays its model uses");
    }

    @Test
    void writerRefusesModelsThatDoNotCompile() throws IOException {
        Model original = BundleFixtures.inMemory("regression-f64");
        Map<String, NpyArray> arrays = fixtureArrays("regression-f64");
        arrays.remove("weights/dense_2_b.npy");
        assertThatThrownBy(() -> Model.bundleWriter(original.definition(), arrays))
                .isInstanceOf(ModelException.class)
                .hasMessage("model.json: layers[2].bias: file weights/dense_2_b.npy is not in the bundle");
    }

    @Test
    void errorsInsideABundleNameTheBundleFile() throws IOException {
        ModelDefinition definition = new ModelDefinition("m", Task.REGRESSION, List.of(InputSpec.number("x")),
                List.of(new PreprocessingOp.Standardize(List.of("x"), ArrayRef.inline(0), ArrayRef.inline(1))),
                List.of(LayerSpec.dense("weights/w.npy", null, Activation.LINEAR)), null);
        byte[] json = definition.toJson();
        Path missing = tmp.resolve("missing");
        BundleWriter.create().add("model.json", json).write(missing);
        Path corrupt = tmp.resolve("corrupt");
        BundleWriter.create().add("model.json", json).add("weights/w.npy", new byte[] {1, 2, 3}).write(corrupt);
        Path invalid = tmp.resolve("invalid");
        BundleWriter.create().add("model.json", "{\"format\": \"ctkit-model/1\"}".getBytes(StandardCharsets.UTF_8))
                .write(invalid);

        assertThatThrownBy(() -> Model.load(missing))
                .isInstanceOf(ModelException.class)
                .hasMessage(missing + "/model.json: layers[0].weights: file weights/w.npy is not in the bundle");
        assertThatThrownBy(() -> Model.load(corrupt))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith(corrupt + "/model.json: layers[0].weights: weights/w.npy");
        assertThatThrownBy(() -> Model.load(invalid))
                .isInstanceOf(ModelException.class)
                .hasMessage(invalid + "/model.json: name: missing; this field is required");
    }

    private Path copyOfFixture(String name) throws IOException {
        Path source = BundleFixtures.bundle(name);
        Path target = tmp.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        return target;
    }

    private static Map<String, NpyArray> fixtureArrays(String name) throws IOException {
        Map<String, NpyArray> arrays = new HashMap<>();
        try (Stream<Path> files = Files.list(BundleFixtures.bundle(name).resolve("weights"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                arrays.put("weights/" + file.getFileName(), Npy.read(file));
            }
        }
        return arrays;
    }

    private static JsonNode cases() {
        try (InputStream in = ModelBundleTest.class.getResourceAsStream("/fixtures/model/cases.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
