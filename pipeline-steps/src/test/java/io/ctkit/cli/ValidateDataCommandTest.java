package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateDataCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path write(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    private Path schema() throws IOException {
        return write("schema.yaml", """
                columns:
                  - {name: spend, type: number, min: 0}
                  - {name: channel, type: category, values: [email, search]}
                  - {name: label, type: label, kind: classification}
                """);
    }

    private static final String GOOD = "spend,channel,label\n1,email,a\n2,search,b\n3,email,a\n4,search,b\n";

    @Test
    void conformingDataExitsZeroWithAReport() throws IOException {
        Path out = tmp.resolve("v.json");

        CliRunner r = CliRunner.run("validate-data", "--data", write("d.csv", GOOD).toString(),
                "--schema", schema().toString(), "--reference", write("ref.csv", GOOD).toString(),
                "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(out.toFile());
        assertSoftly(softly -> {
            softly.assertThat(r.out()).contains("validation passed", "report: ");
            softly.assertThat(report.get("format").asText()).isEqualTo("ctkit-validation/1");
            softly.assertThat(report.get("passed").asBoolean()).isTrue();
            softly.assertThat(report.get("checks").get(0).fieldNames()).toIterable()
                    .containsExactly("name", "feature", "observed", "threshold", "passed", "message");
            softly.assertThat(report.get("drift").get("features")).hasSize(3);
        });
    }

    @Test
    void aFailedCheckExitsOneAndStillWritesTheReport() throws IOException {
        Path out = tmp.resolve("v.json");

        CliRunner r = CliRunner.run("validate-data", "--data", write("d.csv", GOOD + "-5,fax,a\n").toString(),
                "--schema", schema().toString(), "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        assertThat(r.out()).contains("FAIL  range spend", "row 5: \"-5\" is below the minimum 0", "FAIL  categories channel");
        assertThat(r.err()).contains("validation failed: 2 of");
        assertThat(JSON.readTree(out.toFile()).get("passed").asBoolean()).isFalse();
    }

    @Test
    void aJsonSchemaAndAPolicyFileAreRead() throws IOException {
        Path json = write("schema.json", "{\"columns\": [{\"name\": \"spend\", \"type\": \"number\", \"missing\": \"keep\"}]}");
        Path policy = write("policy.yaml", "require_label: false\nmax_missing_fraction: 0.5\n");

        CliRunner r = CliRunner.run("validate-data", "--data", write("d.csv", "spend\n1\n\"\"\n").toString(),
                "--schema", json.toString(), "--policy", policy.toString(), "--out", tmp.resolve("v.json").toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    }

    /** What is wrong, the files written for it, the arguments (file names are in this test's directory), the message. */
    static Stream<Arguments> badInputs() {
        return Stream.of(
                arguments("a row with a missing field", Map.of("bad-row.csv", GOOD + "5,email\n"),
                        "--data bad-row.csv --schema schema.yaml", "bad-row.csv:6: expected 3 fields as in the header, found 2"),
                arguments("a missing column", Map.of("no-column.csv", "spend,label\n1,a\n"),
                        "--data no-column.csv --schema schema.yaml", "channel"),
                arguments("an empty file", Map.of("empty.csv", ""),
                        "--data empty.csv --schema schema.yaml", "empty.csv"),
                arguments("an unknown column type", Map.of("bad-schema.yaml", "columns: [{name: x, type: nmber}]"),
                        "--data d.csv --schema bad-schema.yaml", "bad-schema.yaml: line 1: columns[0].type: unknown type \"nmber\""),
                arguments("a schema that is not YAML", Map.of("broken.yaml", "columns: ["),
                        "--data d.csv --schema broken.yaml", "broken.yaml:"),
                arguments("a policy value of the wrong type", Map.of("policy.yaml", "max_missing_fraction: lots\n"),
                        "--data d.csv --schema schema.yaml --policy policy.yaml",
                        "policy.yaml: line 1: max_missing_fraction: must be a number, got \"lots\""),
                arguments("a missing holdout", Map.of(),
                        "--data d.csv --schema schema.yaml --holdout nope.csv", "nope.csv: no such file"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsExitTwoAndLeavesNoReport(String what, Map<String, String> files, String arguments, String expected)
            throws IOException {
        schema();
        write("d.csv", GOOD);
        for (Map.Entry<String, String> file : files.entrySet()) {
            write(file.getKey(), file.getValue());
        }
        Path out = tmp.resolve("v.json");
        List<String> args = new ArrayList<>(List.of("validate-data"));
        for (String word : arguments.split(" ")) {
            args.add(word.startsWith("--") ? word : tmp.resolve(word).toString());
        }
        args.addAll(List.of("--out", out.toString()));

        CliRunner r = CliRunner.run(args.toArray(String[]::new));

        assertThat(r.exitCode()).as(expected + ": " + r.err()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains(expected);
        assertThat(out).doesNotExist();
    }
}
