package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(r.out()).contains("validation passed", "report: ");
        JsonNode report = JSON.readTree(out.toFile());
        assertThat(report.get("format").asText()).isEqualTo("ctkit-validation/1");
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("checks").get(0).fieldNames()).toIterable()
                .containsExactly("name", "feature", "observed", "threshold", "passed", "message");
        assertThat(report.get("drift").get("features")).hasSize(3);
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

    @Test
    void badInputIsExitTwoAndLeavesNoReport() throws IOException {
        Path out = tmp.resolve("v.json");
        Path schema = schema();
        Path data = write("d.csv", GOOD);
        String[][] cases = {
            {"--data", write("bad-row.csv", GOOD + "5,email\n").toString(), "--schema", schema.toString()},
            {"--data", write("no-column.csv", "spend,label\n1,a\n").toString(), "--schema", schema.toString()},
            {"--data", write("empty.csv", "").toString(), "--schema", schema.toString()},
            {"--data", data.toString(), "--schema", write("bad-schema.yaml", "columns: [{name: x, type: nmber}]").toString()},
            {"--data", data.toString(), "--schema", write("broken.yaml", "columns: [").toString()},
            {"--data", data.toString(), "--schema", schema.toString(), "--policy",
                write("policy.yaml", "max_missing_fraction: lots\n").toString()},
            {"--data", data.toString(), "--schema", schema.toString(), "--holdout", tmp.resolve("nope.csv").toString()},
        };
        String[] expected = {
            "bad-row.csv:6: expected 3 fields as in the header, found 2",
            "channel",
            "empty.csv",
            "bad-schema.yaml: columns[0].type: unknown type \"nmber\"",
            "broken.yaml:",
            "policy.yaml: max_missing_fraction: must be a number, got \"lots\"",
            "nope.csv: no such file",
        };
        for (int i = 0; i < cases.length; i++) {
            String[] args = new String[cases[i].length + 3];
            args[0] = "validate-data";
            System.arraycopy(cases[i], 0, args, 1, cases[i].length);
            args[args.length - 2] = "--out";
            args[args.length - 1] = out.toString();

            CliRunner r = CliRunner.run(args);

            assertThat(r.exitCode()).as(expected[i] + ": " + r.err()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
            assertThat(r.err()).contains(expected[i]);
            assertThat(out).doesNotExist();
        }
    }
}
