package io.ctkit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.bundle.Bundle;
import io.ctkit.bundle.BundleIntegrityException;
import io.ctkit.model.inference.Precision;
import io.ctkit.npy.Npy;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward passes of the networks generate.py built with numpy: Java must reproduce numpy's
 * feature vectors and outputs, to 1e-6 relative for float32 networks and 1e-12 for float64, in
 * numpy's {@code allclose} sense ({@code |a - e| <= tol + tol * |e|}): below magnitude 1 the
 * tolerance is absolute, because a float32 sum that cancels to a small value is only accurate
 * relative to its terms (numpy's sgemm and the Java engine add them in different orders).
 */
class ReferenceModelsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode CASES = cases();

    static Stream<String> models() {
        List<String> names = new java.util.ArrayList<>();
        CASES.fieldNames().forEachRemaining(names::add);
        return names.stream();
    }

    @ParameterizedTest
    @MethodSource("models")
    void matchesNumpyFromArraysInMemory(String name) {
        assertMatchesNumpy(BundleFixtures.inMemory(name), CASES.get(name));
    }

    @ParameterizedTest
    @MethodSource("models")
    void matchesNumpyWhenLoadedAsAVerifiedBundle(String name) throws IOException {
        assertMatchesNumpy(Model.load(BundleFixtures.bundle(name)), CASES.get(name));
    }

    @Test
    void aTarMadeByPythonLoadsLikeItsDirectory() throws IOException {
        Path tar = BundleFixtures.root().resolve("binary-sigmoid-f32.tar");
        assertMatchesNumpy(Model.load(tar), CASES.get("binary-sigmoid-f32"));
    }

    @ParameterizedTest
    @MethodSource("models")
    void aBundleWrittenByJavaLoadsToTheSameModel(String name, @TempDir Path tmp)
            throws IOException {
        Model original = Model.load(BundleFixtures.bundle(name));
        Map<String, NpyArray> arrays = new HashMap<>();
        Bundle bundle = Bundle.open(BundleFixtures.bundle(name));
        for (String f : bundle.files()) {
            if (f.endsWith(".npy")) {
                arrays.put(f, Npy.read(bundle.bytes(f), f));
            }
        }
        String digest = Model.bundleWriter(original.definition(), arrays).write(tmp.resolve("copy"));

        assertThat(Bundle.open(tmp.resolve("copy")).digest()).isEqualTo(digest);
        assertMatchesNumpy(Model.load(tmp.resolve("copy")), CASES.get(name));
        assertThat(Model.bundleWriter(original.definition(), arrays).write(tmp.resolve("again"))).isEqualTo(digest);
    }

    @Test
    void aTamperedWeightFileIsRefusedBeforeAnythingIsParsed(@TempDir Path tmp)
            throws IOException {
        Path copy = tmp.resolve("b");
        copyTree(BundleFixtures.bundle("regression-f64"), copy);
        Path weight;
        try (Stream<Path> files = Files.list(copy.resolve("weights"))) {
            weight = files.sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(weight);
        bytes[bytes.length - 1] ^= 1;
        Files.write(weight, bytes);

        assertThatThrownBy(() -> Model.load(copy))
                .isInstanceOf(BundleIntegrityException.class)
                .hasMessageContaining("weights/" + weight.getFileName());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    static void assertMatchesNumpy(Model model, JsonNode expected) {
        Precision precision = expected.get("precision").textValue().equals("float32")
                ? Precision.FLOAT32 : Precision.FLOAT64;
        assertThat(model.network().precision()).isEqualTo(precision);
        List<Map<String, Object>> rows = JSON.convertValue(expected.get("rows"), new TypeReference<>() { });
        int width = model.encoder().width();

        double[] features = new double[rows.size() * width];
        model.encoder().encode(rows, features);

        PredictionBatch predictions = model.predict(rows);
        double tolerance = precision == Precision.FLOAT32 ? 1e-6 : 1e-12;
        double[] outputs = new double[rows.size() * model.network().outputWidth()];
        model.network().forward(features, rows.size(), outputs);
        assertSoftly(softly -> {
            assertClose(softly, "features", features, flatten(expected.get("features")), 1e-12);
            assertClose(softly, "outputs", outputs, flatten(expected.get("outputs")), tolerance);
            assertClose(softly, "values", predictions.values(), flatten(expected.get("values")), tolerance);
            for (int r = 0; r < rows.size(); r++) {
                JsonNode label = expected.get("labels").get(r);
                softly.assertThat(predictions.label(r)).as("label of row %d", r)
                        .isEqualTo(label.isNull() ? null : label.textValue());
                softly.assertThat(model.predict(rows.get(r))).as("row %d alone", r).isEqualTo(predictions.get(r));
            }
        });
    }

    static void assertClose(SoftAssertions softly, String what, double[] actual, double[] expected, double tolerance) {
        softly.assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < Math.min(actual.length, expected.length); i++) {
            double allowed = tolerance + tolerance * Math.abs(expected[i]);
            softly.assertThat(Math.abs(actual[i] - expected[i]))
                    .as("%s[%d]: java %s, numpy %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(allowed);
        }
    }

    static double[] flatten(JsonNode node) {
        List<Double> values = new java.util.ArrayList<>();
        Iterator<JsonNode> rows = node.elements();
        while (rows.hasNext()) {
            JsonNode row = rows.next();
            if (row.isArray()) {
                row.forEach(v -> values.add(v.doubleValue()));
            } else {
                values.add(row.doubleValue());
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static JsonNode cases() {
        try (InputStream in = ReferenceModelsTest.class.getResourceAsStream("/fixtures/model/cases.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
