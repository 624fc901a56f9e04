package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ctkit evaluate --predictions} against scikit-learn (fixtures/evaluate/generate.py). */
class EvaluatePredictionsReferenceTest {

    static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "evaluate");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"binary", "multiclass", "regression"})
    void everyMetricMatchesScikitLearn(String task) throws IOException {
        JsonNode expected = JSON.readTree(FIXTURES.resolve("expected.json").toFile()).get(task);
        Path out = tmp.resolve("m.json");

        CliRunner r = CliRunner.run("evaluate", "--predictions", FIXTURES.resolve(task + ".csv").toString(),
                "--task", task, "--bootstrap", "0", "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode metrics = JSON.readTree(out.toFile()).get("metrics");
        assertThat(names(metrics)).containsExactlyInAnyOrderElementsOf(names(expected.get("metrics")));
        assertSoftly(softly -> expected.get("metrics").fields().forEachRemaining(e -> softly.assertThat(
                metrics.get(e.getKey()).get("value").asDouble())
                .as(task + " " + e.getKey()).isCloseTo(e.getValue().asDouble(), within(1e-9))));
    }

    @Test
    void sliceMetricsMatchScikitLearnOnEachSlice() throws IOException {
        JsonNode expected = JSON.readTree(FIXTURES.resolve("expected.json").toFile());
        Path out = tmp.resolve("m.json");

        CliRunner r = CliRunner.run("evaluate", "--predictions", FIXTURES.resolve("binary.csv").toString(),
                "--task", "binary", "--bootstrap", "0", "--slices", "segment",
                "--min-slice-size", expected.get("min_slice_size").asText(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode slices = JSON.readTree(out.toFile()).get("slices").get("segment");
        JsonNode want = expected.get("binary");
        assertThat(names(slices.get("slices"))).containsExactlyElementsOf(names(want.get("slices")));
        assertSoftly(softly -> {
            want.get("slices").fields().forEachRemaining(s -> {
                JsonNode got = slices.get("slices").get(s.getKey());
                softly.assertThat(got.get("rows").asInt()).as(s.getKey() + " rows").isEqualTo(s.getValue().get("rows").asInt());
                s.getValue().get("metrics").fields().forEachRemaining(m -> softly.assertThat(got.get("metrics").get(m.getKey())
                        .get("value").asDouble()).as(s.getKey() + " " + m.getKey())
                        .isCloseTo(m.getValue().asDouble(), within(1e-9)));
            });
            softly.assertThat(JSON.convertValue(slices.get("too_small"), Map.class))
                    .isEqualTo(JSON.convertValue(want.get("too_small"), Map.class));
            softly.assertThat(r.out()).contains("slices of segment (at least 30 rows):", "(too small, not evaluated)");
        });
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
