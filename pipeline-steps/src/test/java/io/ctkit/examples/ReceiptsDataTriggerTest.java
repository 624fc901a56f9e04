package io.ctkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctkit.cli.Ctkit;
import io.ctkit.gate.GateCheck;
import io.ctkit.gate.GateVerdict;
import io.ctkit.provenance.Provenance;
import io.ctkit.registry.ModelRegistry;
import io.ctkit.registry.ModelVersion;
import io.ctkit.registry.RecordedVerdict;
import io.ctkit.registry.RegistryConfig;
import io.ctkit.registry.RetrainRequest;
import io.ctkit.registry.Run;
import io.ctkit.run.PipelineRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data trigger on a copy of {@code examples/receipt-classifier}, as docs/retraining.md tells a
 * user to run it: {@code ctkit run} on months 1-3 makes version 1 (production); month 4 arrives and
 * is split into the training data and the holdout by the shell commands of the doc (run here with
 * bash, so the doc cannot go stale); {@code ctkit retrain receipt-classifier --if-data-changed}
 * retrains with the trigger {@code data}; the registry then holds version 2, made by a run with that
 * trigger, judged by the gate against version 1, with the fingerprint change as the request's
 * reason; and a second {@code --if-data-changed} starts nothing. One test, two pipeline runs.
 */
class ReceiptsDataTriggerTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path EXAMPLE = ROOT.resolve("examples/receipt-classifier");
    static final String MODEL = "receipt-classifier";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    // two pipeline runs of the example: about 20 s on two idle cores, up to 110 s when five builds share them
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void monthFourRetrainsWithTheTriggerDataAndTheGateVerdictAndUnchangedDataStartsNothing() throws Exception {
        List<Path> exampleBefore = files(EXAMPLE);
        Path project = copyOfTheExample();

        Cli first = Cli.run("run", project.toString());
        assertThat(first.exitCode()).as(first.output()).isZero();
        Path train = project.resolve("data/train.csv");
        Path holdout = project.resolve("data/holdout.csv");
        long trainRows = rows(train);
        long holdoutRows = rows(holdout);
        long monthRows = rows(project.resolve("data/month-4.csv"));
        String v1Fingerprint;
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(project))) {
            v1Fingerprint = registry.provenance(MODEL, 1).orElseThrow().data().get("train").sha256();
        }

        String ingest = ingestCommands();
        Process split = new ProcessBuilder("bash", "-euo", "pipefail", "-c", ingest).directory(project.toFile())
                .redirectErrorStream(true).start();
        if (!split.waitFor(60, TimeUnit.SECONDS)) {
            split.destroyForcibly();
            throw new AssertionError("the doc's month split did not finish in 60 s:\n" + ingest);
        }
        assertThat(split.exitValue()).as(new String(split.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isZero();
        assertThat(rows(train)).as("training rows after month 4").isEqualTo(trainRows + monthRows * 4 / 5);
        assertThat(rows(holdout)).as("holdout rows after month 4").isEqualTo(holdoutRows + monthRows - monthRows * 4 / 5);

        Path report = tmp.resolve("retrain.json");
        Cli retrain = Cli.run("retrain", MODEL, "--project", project.toString(), "--if-data-changed", "--out",
                report.toString());
        Cli again = Cli.run("retrain", MODEL, "--project", project.toString(), "--if-data-changed");
        String registryDir = project.resolve(".ctkit/registry").toString();
        Cli history = Cli.run("models", "history", MODEL, "--registry", registryDir);
        Cli show = Cli.run("models", "show", MODEL, "2", "--registry", registryDir);

        assertThat(retrain.exitCode()).as(retrain.output()).isZero();
        assertThat(retrain.output()).contains("run ", ", trigger data")
                .containsPattern("(?m)^succeeded: ctkit run \\S+ passed$");
        JsonNode json = JSON.readTree(report.toFile());
        String v2Fingerprint = json.path("data").path("current_fingerprint").asText();
        assertSoftly(softly -> {
            softly.assertThat(json.path("trigger").asText()).isEqualTo("data");
            softly.assertThat(json.path("via").asText()).isEqualTo("local");
            softly.assertThat(json.path("outcome").asText()).isEqualTo("succeeded");
            softly.assertThat(json.path("production").asText()).isEqualTo(MODEL + ":1");
            softly.assertThat(json.path("data").path("changed").asBoolean()).isTrue();
            softly.assertThat(json.path("data").path("production_fingerprint").asText()).isEqualTo(v1Fingerprint);
            softly.assertThat(v2Fingerprint).startsWith("sha256:").isNotEqualTo(v1Fingerprint);
        });
        String requestId = json.path("request_id").asText();
        assertThat(retrain.output()).as("why it started").contains("\nrequest " + requestId
                + ", trigger data: training data changed: " + v1Fingerprint + " -> " + v2Fingerprint + "\n");
        String v2Run = assertTheRegistry(project, v1Fingerprint, v2Fingerprint, requestId, rows(train));
        Cli runShow = Cli.run("runs", "show", v2Run, "--registry", registryDir);
        assertThat(runShow.output()).contains("  parameter trigger_reason = training data changed: "
                + v1Fingerprint + " -> " + v2Fingerprint + "\n");
        // what a user reads: the version, the trigger of the run that made it, and its verdict
        assertThat(history.exitCode()).as(history.output()).isZero();
        assertThat(history.output()).containsPattern("production +#2 promote +1 -> 2 +by \\S+ +trigger data +\"gate passed");
        assertThat(show.exitCode()).as(show.output()).isZero();
        assertThat(show.output()).startsWith(MODEL + ":2  sha256:").containsPattern(
                "(?m)^  registered \\S+ by \\S+, run " + MODEL + "-\\S+ \\(trigger data\\)$")
                .contains("\n  aliases: production\n").containsPattern("(?m)^  gate: passed \\(");

        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).startsWith("data-unchanged: the training data is unchanged since " + MODEL + ":2 ("
                + v2Fingerprint + "); nothing to retrain");
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(project));
                Stream<Path> runs = Files.list(project.resolve(".ctkit/runs"))) {
            assertThat(registry.versions(MODEL)).as("no version after unchanged data").hasSize(2);
            assertThat(registry.retrainRequests(MODEL)).as("no request after unchanged data").hasSize(1);
            assertThat(runs.toList()).as("pipeline runs").hasSize(2);
        }
        assertThat(files(EXAMPLE)).as("the example stays as it was").isEqualTo(exampleBefore);
    }

    /**
     * Version 2: made by the data-triggered run on month 4, gate passed against version 1, production.
     *
     * @return the id of the run that made it
     */
    private static String assertTheRegistry(Path project, String v1Fingerprint, String v2Fingerprint, String requestId,
            long trainRows) throws IOException, NoSuchAlgorithmException {
        try (ModelRegistry registry = ModelRegistry.open(RegistryConfig.forProject(project))) {
            List<ModelVersion> versions = registry.versions(MODEL);
            ModelVersion v2 = registry.version(MODEL, 2);
            Run run = registry.run(v2.runId());
            List<RecordedVerdict> verdicts = registry.gateVerdicts(MODEL, 2);
            Provenance provenance = registry.provenance(MODEL, 2).orElseThrow();
            List<RetrainRequest> requests = registry.retrainRequests(MODEL);
            byte[] verdictFile = Files.readAllBytes(project.resolve(".ctkit/runs").resolve(run.id()
                    .substring(MODEL.length() + 1)).resolve("gate/verdict.json"));
            GateVerdict verdict = GateVerdict.parse(verdictFile, "version 2's gate/verdict.json");
            ModelVersion v1 = registry.version(MODEL, 1);
            int production = registry.production(MODEL).orElseThrow().version();
            var metrics = registry.metrics(MODEL, 2);
            assertSoftly(softly -> {
                softly.assertThat(versions).extracting(ModelVersion::version).containsExactly(1, 2);
                softly.assertThat(production).as("production").isEqualTo(2);
                softly.assertThat(run.trigger()).isEqualTo("data");
                softly.assertThat(run.status()).isEqualTo("succeeded");
                softly.assertThat(run.parameters()).as("the request the run carried out")
                        .containsEntry(PipelineRun.RETRAIN_REQUEST, requestId)
                        .containsEntry(PipelineRun.TRIGGER_REASON, "training data changed: " + v1Fingerprint + " -> "
                                + v2Fingerprint);
                softly.assertThat(run.inputs("dataset")).as("the run's training data")
                        .anySatisfy(a -> assertThat(a.role() + " " + a.digest()).isEqualTo("train " + v2Fingerprint));
                softly.assertThat(provenance.data().get("train").sha256()).isEqualTo(v2Fingerprint);
                softly.assertThat(provenance.data().get("train").rows()).isEqualTo(trainRows);
                softly.assertThat(verdicts).as("version 2's gate verdicts").singleElement().satisfies(v -> {
                    assertThat(v.passed()).isTrue();
                    assertThat(v.firstRun()).as("judged against a champion").isFalse();
                    assertThat(v.runId()).isEqualTo(run.id());
                    assertThat(v.sha256()).as("the run's verdict file").isEqualTo(sha256(verdictFile));
                });
                softly.assertThat(verdict.challengerDigest()).isEqualTo(v2.bundleDigest());
                softly.assertThat(verdict.champion()).containsEntry("sha256", v1.bundleDigest());
                softly.assertThat(verdict.checks()).as("thresholds and no regression against version 1")
                        .hasSize(8).allMatch(GateCheck::passed)
                        .anySatisfy(c -> assertThat(c.kind()).isEqualTo(GateCheck.Kind.NO_REGRESSION));
                softly.assertThat(metrics).containsKeys("accuracy", "f1_macro");
                softly.assertThat(requests).singleElement().satisfies(r -> {
                    assertThat(r.id()).isEqualTo(requestId);
                    assertThat(r.trigger()).isEqualTo("data");
                    assertThat(r.via()).isEqualTo("local");
                    assertThat(r.status()).isEqualTo("succeeded");
                    assertThat(r.reason()).isEqualTo("training data changed: " + v1Fingerprint + " -> " + v2Fingerprint);
                });
            });
            return run.id();
        }
    }

    /**
     * The example's files as committed: without data (generated into the copy, as on a fresh clone),
     * runs, registry or build output a local run may have left. The {@code test:} section of its
     * ctkit.yaml is left out: its Maven model tests would run twice in a nested Maven build, minutes
     * of this test's time, and the data trigger does not depend on them.
     */
    private Path copyOfTheExample() throws IOException {
        Path project = tmp.resolve(MODEL);
        List<String> leftOut = List.of("data", ".ctkit", "target");
        for (Path from : files(EXAMPLE)) {
            Path relative = EXAMPLE.relativize(from);
            if (relative.getNameCount() > 0 && leftOut.contains(relative.getName(0).toString())) {
                continue;
            }
            Path to = project.resolve(relative.toString());
            if (Files.isDirectory(from)) {
                Files.createDirectories(to);
            } else {
                Files.copy(from, to);
            }
        }
        String yaml = Files.readString(project.resolve("ctkit.yaml"), StandardCharsets.UTF_8);
        Files.writeString(project.resolve("ctkit.yaml"), yaml.replaceAll("(?ms)^test:.*?(?=^[A-Za-z_]|\\z)", ""));
        return project;
    }

    /** The {@code sh} block of docs/retraining.md's receipt-classifier part that splits the new month. */
    private static String ingestCommands() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/retraining.md"), StandardCharsets.UTF_8);
        int part = doc.indexOf("### A new month of receipts");
        assertThat(part).as("the receipt part of docs/retraining.md").isNotNegative();
        Matcher block = Pattern.compile("(?ms)^```sh\\n(.*?)^```$").matcher(doc);
        boolean found = block.find(part);
        while (found && !block.group(1).contains(">> data/train.csv")) {
            found = block.find();
        }
        assertThat(found).as("a sh block appending to data/train.csv in it").isTrue();
        assertThat(block.group(1)).contains("data/month-$m.csv", ">> data/holdout.csv");
        return block.group(1);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static long rows(Path csv) throws IOException {
        try (Stream<String> lines = Files.lines(csv)) {
            return lines.count() - 1;
        }
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.sorted().toList();
        }
    }

    /** The CLI's entry point, in this JVM, with what it printed. */
    private record Cli(int exitCode, String output) {
        static Cli run(String... args) {
            StringWriter out = new StringWriter();
            PrintWriter writer = new PrintWriter(out, true);
            int code = Ctkit.execute(args, writer, writer);
            return new Cli(code, out.toString());
        }
    }
}
