package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctkit.data.Column;
import io.ctkit.data.DatasetReader;
import io.ctkit.data.Schema;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.npy.NpyArray;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryCommandsTest {

    @TempDir
    Path tmp;

    String registry;

    @BeforeEach
    void location() {
        registry = tmp.resolve("registry").toString();
    }

    private Path bundle(String dir, double weight) throws Exception {
        String json = "{\"format\": \"ctkit-model/1\", \"name\": \"wine\", \"task\": \"regression\","
                + " \"inputs\": [{\"name\": \"x\", \"type\": \"number\"}], \"layers\": [{\"type\": \"dense\","
                + " \"weights\": \"weights/W.npy\", \"bias\": \"weights/b.npy\", \"activation\": \"linear\"}]}";
        Path out = tmp.resolve(dir);
        Model.bundleWriter(ModelDefinition.parse(json.getBytes(StandardCharsets.UTF_8), "model.json"), Map.of(
                "weights/W.npy", NpyArray.ofDoubles(new int[] {1, 1}, new double[] {weight}),
                "weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0}))).write(out);
        return out;
    }

    private Path metrics(String name, double f1, double low, double high) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, String.format(Locale.ROOT, "{\"metrics\": {\"f1\": {\"value\": %s, \"ci_low\": %s,"
                + " \"ci_high\": %s}, \"accuracy\": {\"value\": 0.9}}}", f1, low, high));
        return p;
    }

    private Path verdict(String name, boolean passed) throws Exception {
        Path p = tmp.resolve(name);
        Files.writeString(p, "{\"format\":\"ctkit-gate/1\",\"passed\":" + passed + ",\"first_run\":true,\"checks\":"
                + "[{\"name\":\"f1-min\",\"kind\":\"threshold\",\"metric\":\"f1\",\"observed\":0.8,\"ci_low\":0.7,"
                + "\"ci_high\":0.9,\"bound\":0.5,\"passed\":" + passed + ",\"message\":\"f1 vs 0.5\"}]}");
        return p;
    }

    private CliRunner run(String... args) {
        String[] all = Stream.concat(Stream.of(args), Stream.of("--registry", registry)).toArray(String[]::new);
        return CliRunner.run(all);
    }

    @ParameterizedTest
    @ValueSource(strings = {"register", "models", "models list", "models show", "models versions", "models compare",
        "models promote", "models rollback", "models lineage", "models history", "models gate", "models tag",
        "models export", "models verify",
        "runs", "runs list", "runs show"})
    void everyRegistryVerbHasHelp(String verb) {
        String[] words = (verb + " --help").split(" ");
        CliRunner r = CliRunner.run(words);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: ctkit " + verb);
    }

    @Test
    void lookUpsInAMistypedRegistryPathFailAndCreateNothing() {
        java.nio.file.Path nowhere = tmp.resolve("no-such-project");
        CliRunner runs = CliRunner.run("runs", "list", "--project", nowhere.toString());
        CliRunner models = CliRunner.run("models", "list", "--registry", tmp.resolve("typo").toString());

        assertThat(runs.exitCode()).isEqualTo(2);
        assertThat(runs.err()).contains("no registry at " + nowhere.resolve(".ctkit/registry"));
        assertThat(models.exitCode()).isEqualTo(2);
        assertThat(nowhere).doesNotExist();
        assertThat(tmp.resolve("typo")).doesNotExist();
    }

    @Test
    void aCorruptRegistryFileIsOneClearErrorAndNothingElse() throws Exception {
        Path db = Files.createDirectories(tmp.resolve("registry")).resolve("registry.db");
        Files.writeString(db, "these are notes, not a database\n");

        CliProcess list = CliProcess.run(tmp, "models", "list", "--registry", registry);
        CliProcess register = CliProcess.run(tmp, "register", "--bundle", bundle("b", 1.0).toString(), "--registry", registry);

        for (CliProcess r : List.of(list, register)) {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines()).as(r.err()).singleElement().asString()
                    .startsWith("error: ").contains(db.toString(), "not an SQLite database");
        }
        assertThat(Files.readString(db)).isEqualTo("these are notes, not a database\n");
    }

    @Test
    void flywaysLogIsJavaUtilLoggingEvenWithSlf4jNopOnTheClasspath() throws Exception {
        // slf4j-nop is on this classpath (as in the CLI jar): left to choose, Flyway logged into it.
        java.util.logging.Logger flyway = java.util.logging.Logger.getLogger(io.ctkit.registry.FlywayLogging.LOGGER);
        List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                messages.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level before = flyway.getLevel();
        flyway.setLevel(java.util.logging.Level.INFO);
        flyway.setUseParentHandlers(false);
        flyway.addHandler(capture);
        try {
            CliRunner r = CliRunner.run("register", "--bundle", bundle("b", 1.0).toString(), "--registry", registry);
            assertThat(r.exitCode()).as(r.err()).isZero();
        } finally {
            flyway.removeHandler(capture);
            flyway.setUseParentHandlers(true);
            flyway.setLevel(before);
        }
        assertThat(messages).anyMatch(m -> m.contains("ctkit_schema_history"));
    }

    @Test
    void registryOptionsMayComeBeforeOrAfterTheSubcommand() throws Exception {
        CliRunner registered = CliRunner.run("register", "--bundle", bundle("b", 1.0).toString(), "--registry", registry);
        assertThat(registered.exitCode()).as(registered.err()).isZero();
        Path other = tmp.resolve("other-project");

        for (String[] args : List.of(
                new String[] {"models", "--registry", registry, "list"},
                new String[] {"models", "list", "--registry", registry},
                new String[] {"models", "--registry", registry, "--json", "show", "wine", "1"},
                new String[] {"models", "show", "wine", "1", "--json", "--registry", registry},
                new String[] {"runs", "--registry", registry, "list", "--limit", "5"},
                new String[] {"runs", "list", "--limit", "5", "--registry", registry},
                // --project beside --registry: the registry wins, as after the subcommand
                new String[] {"runs", "--project", other.toString(), "--registry", registry, "list"})) {
            CliRunner r = CliRunner.run(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).isNotBlank().doesNotContain("no models", "no runs");
        }
        assertThat(CliRunner.run("models", "--registry", registry, "list").out())
                .isEqualTo(CliRunner.run("models", "list", "--registry", registry).out()).contains("wine");
        assertThat(CliRunner.run("models", "--registry", registry, "show", "wine", "1", "--json").out())
                .isEqualTo(CliRunner.run("models", "show", "wine", "1", "--registry", registry, "--json").out())
                .contains("\"version\"");
        assertThat(other).doesNotExist();
    }

    @Test
    void aRegistryGivenBothBeforeAndAfterTheSubcommandIsAUsageError() throws Exception {
        CliRunner r = CliRunner.run("models", "--registry", registry, "list", "--registry", tmp.resolve("b").toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("--registry is given both before and after 'list'; give it once");
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void registerListShowAndVersions() throws Exception {
        CliRunner first = run("register", "--bundle", bundle("b1", 1).toString(), "--actor", "alice",
                "--metrics", metrics("m1.json", 0.8, 0.75, 0.85).toString(), "--tag", "team=ds");
        CliRunner second = run("register", "--bundle", bundle("b2", 2).toString(), "--json");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("registered wine:1  sha256:");
        JsonNode v2 = RegistryJson.MAPPER.readTree(second.out());
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(run("models", "list").out()).contains("wine", "2 version(s)");
        assertThat(run("models", "versions", "wine").out()).contains("    1  ", "alice", "    2  ");
        CliRunner show = run("models", "show", "wine", "1");
        assertThat(show.out()).contains("wine:1", "f1", "0.8000 [0.7500, 0.8500]", "tags: {team=ds}");
        JsonNode listed = RegistryJson.MAPPER.readTree(run("models", "list", "--json").out());
        assertThat(listed.get(0).get("name").asText()).isEqualTo("wine");
        JsonNode shown = RegistryJson.MAPPER.readTree(run("models", "show", "wine", "1", "--json").out());
        assertThat(shown.at("/version/bundle_digest").asText()).startsWith("sha256:");
        assertThat(shown.at("/metrics/f1/ci_low").asDouble()).isEqualTo(0.75);
        assertThat(shown.at("/metrics/accuracy/ci_low").isNull()).isTrue();
    }

    @Test
    void tagsAndDescriptions() throws Exception {
        run("register", "--bundle", bundle("b1", 1).toString());

        CliRunner model = run("models", "tag", "wine", "owner=ds", "--description", "wine classes");
        CliRunner version = run("models", "tag", "wine", "reviewed=yes", "--on", "1");
        CliRunner bad = run("models", "tag", "wine", "novalue");

        assertThat(model.out()).contains("wine tags: {owner=ds}; wine classes");
        assertThat(version.out()).contains("wine:1 tags: {reviewed=yes}");
        assertThat(bad.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(run("models", "show", "wine").out()).contains("description: wine classes", "tags: {owner=ds}");
    }

    @Test
    void compareShowsMetricsSideBySideWithDifferences() throws Exception {
        run("register", "--bundle", bundle("b1", 1).toString(), "--metrics", metrics("m1.json", 0.80, 0.78, 0.82).toString());
        run("register", "--bundle", bundle("b2", 2).toString(), "--metrics", metrics("m2.json", 0.85, 0.83, 0.87).toString());

        CliRunner r = run("models", "compare", "wine", "1", "2");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("metric", "wine:1", "wine:2", "difference");
        assertThat(r.out()).containsPattern("f1 +0\\.8000 \\[0\\.7800, 0\\.8200\\] +0\\.8500 \\[0\\.8300, 0\\.8700\\] +\\+0\\.0500 +apart");
        assertThat(r.out()).containsPattern("accuracy +0\\.9000 +0\\.9000 +\\+0\\.0000 +-");
        JsonNode json = RegistryJson.MAPPER.readTree(run("models", "compare", "wine", "1", "2", "--json").out());
        assertThat(json.get("rows").get(1).get("difference").asDouble()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void promotionToProductionFollowsTheGatePolicy() throws Exception {
        run("register", "--bundle", bundle("b1", 1).toString(), "--gate", verdict("g1.json", false).toString());
        run("register", "--bundle", bundle("b2", 2).toString(), "--gate", verdict("g2.json", true).toString());

        CliRunner refused = run("models", "promote", "wine", "1");
        CliRunner noReason = run("models", "promote", "wine", "1", "--force");
        CliRunner forced = run("models", "promote", "wine", "1", "--force", "--reason", "incident 42", "--actor", "oncall");
        CliRunner promoted = run("models", "promote", "wine", "2", "--actor", "ci");
        CliRunner rolledBack = run("models", "rollback", "wine", "--reason", "v2 regressed", "--actor", "oncall");

        assertThat(refused.exitCode()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        assertThat(refused.err()).contains("wine:1 has no passing gate verdict recorded");
        assertThat(noReason.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(noReason.err()).contains("needs a reason");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(forced.out()).contains("wine@production: (new) -> 1", "forced: incident 42");
        assertThat(promoted.out()).contains("wine@production: 1 -> 2");
        assertThat(rolledBack.out()).contains("wine@production: 2 -> 1 (rollback by oncall: v2 regressed)");
        assertThat(run("models", "show", "wine", "production").out()).startsWith("wine:1");
        CliRunner exported = run("models", "export", "wine", "production", "--out", tmp.resolve("champion").toString());
        assertThat(exported.out()).contains("exported wine:1");
        assertThat(CliRunner.run("verify", "--model", tmp.resolve("champion").toString()).exitCode()).isZero();
        assertThat(run("models", "export", "wine", "1", "--out", tmp.resolve("champion").toString()).err())
                .contains("already exists and is not an empty directory");
        assertThat(run("models", "history", "wine").out()).contains("FORCED", "\"incident 42\"", "rollback");
    }

    @Test
    void lineageReachesTheDataFingerprintsConfigAndCodeVersion() throws Exception {
        Path train = tmp.resolve("train.csv");
        Files.writeString(train, "x,label\n1.0,2.0\n2.0,4.0\n");
        Path config = tmp.resolve("ctkit.yaml");
        Files.writeString(config, "epochs: 3\n");
        CliRunner reg = run("register", "--bundle", bundle("b1", 1).toString(), "--data", "train=" + train,
                "--config", config.toString(), "--code-version", "git:abc123", "--hyper", "epochs=3",
                "--run-id", "build-17", "--metrics", metrics("m.json", 0.8, 0.7, 0.9).toString());
        assertThat(reg.exitCode()).as(reg.err()).isZero();
        String fingerprint = DatasetReader.of(Schema.of(Column.number("x"), Column.regressionLabel("label")))
                .read(train).fingerprint();

        CliRunner lineage = run("models", "lineage", "wine", "1");

        assertThat(lineage.exitCode()).as(lineage.err()).isZero();
        assertThat(lineage.out()).contains("wine:1", "run build-17", "code version: git:abc123",
                "train: " + train + "  " + fingerprint, "config: " + config, "epochs = 3", "register: succeeded");
        assertThat(lineage.out()).contains("├── ", "└── ");
        CliRunner runs = run("runs", "list");
        assertThat(runs.out()).contains("build-17", "running", "git:abc123");
        CliRunner shown = run("runs", "show", "build-17");
        assertThat(shown.out()).contains("input dataset train", fingerprint, "produced wine:1");
    }

    @Test
    void unknownModelsVersionsAndBadNamesAreInputErrors() throws Exception {
        run("register", "--bundle", bundle("b1", 1).toString());

        List<CliRunner> results = List.of(run("models", "show", "beer"), run("models", "show", "wine", "9"),
                run("models", "lineage", "wine", "staging"), run("runs", "show", "nope"),
                run("register", "--bundle", tmp.resolve("b1").toString(), "--name", "../evil"),
                run("models", "promote", "wine", "1", "--alias", "a/b"));

        assertThat(results).allSatisfy(r -> assertThat(r.exitCode()).as(r.err()).isEqualTo(Ctkit.EXIT_INPUT_ERROR));
        assertThat(results.get(0).err()).contains("no model named \"beer\"");
        assertThat(results.get(1).err()).contains("model wine has no version 9");
        assertThat(results.get(2).err()).contains("has no alias \"staging\"");
        assertThat(results.get(3).err()).contains("no run with id \"nope\"");
        assertThat(results.get(4).err()).contains("model name \"../evil\" contains a path separator");
        assertThat(results.get(5).err()).contains("alias \"a/b\" contains a path separator");
    }

    @Test
    void verifyFailsWithExitOneOnATamperedBlob() throws Exception {
        run("register", "--bundle", bundle("b1", 1).toString());
        assertThat(run("models", "verify").exitCode()).isZero();
        try (Stream<Path> files = Files.walk(tmp.resolve("registry/blobs/sha256"))) {
            Path blob = files.filter(Files::isRegularFile).findFirst().orElseThrow();
            Files.write(blob, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        }

        CliRunner r = run("models", "verify");

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        assertThat(r.out()).contains("1 problem(s)", "corrupt", "expected sha256", "actual sha256");
    }

    @Test
    void theDefaultRegistryLivesInTheProjectDirectory() throws Exception {
        CliRunner r = CliRunner.run("register", "--bundle", bundle("b1", 1).toString(), "--project", tmp.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve(".ctkit/registry/registry.db")).isRegularFile();
        assertThat(CliRunner.run("models", "list", "--project", tmp.toString()).out()).contains("wine");
    }

    @Test
    void aPostgresqlUrlNeedsABlobDirectory() {
        CliRunner r = CliRunner.run("models", "list", "--registry", "jdbc:postgresql://localhost:1/x");

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("needs a shared blob directory", "--registry-blobs");
    }
}
