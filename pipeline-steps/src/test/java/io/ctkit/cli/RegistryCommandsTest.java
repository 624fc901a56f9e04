package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

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
import org.junit.jupiter.params.provider.CsvSource;
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

    /** The words of a command line in which REGISTRY stands for this test's registry. */
    private String[] words(String command) {
        return command.replace("REGISTRY", registry).split(" ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"register", "models", "models list", "models show", "models versions", "models compare",
        "models promote", "models rollback", "models lineage", "models history", "models gate", "models tag",
        "models export", "models verify",
        "runs", "runs list", "runs show", "deploy"})
    void everyRegistryVerbHasHelp(String verb) {
        String[] words = (verb + " --help").split(" ");
        CliRunner r = CliRunner.run(words);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: ctkit " + verb);
    }

    @Test
    void aLookUpInAMistypedProjectFailsAndCreatesNothing() {
        Path nowhere = tmp.resolve("no-such-project");

        CliRunner runs = CliRunner.run("runs", "list", "--project", nowhere.toString());

        assertThat(runs.exitCode()).isEqualTo(2);
        assertThat(runs.err()).contains("no registry at " + nowhere.resolve(".ctkit/registry"));
        assertThat(nowhere).doesNotExist();
    }

    @Test
    void aLookUpInAMistypedRegistryPathFailsAndCreatesNothing() {
        CliRunner models = CliRunner.run("models", "list", "--registry", tmp.resolve("typo").toString());

        assertThat(models.exitCode()).isEqualTo(2);
        assertThat(tmp.resolve("typo")).doesNotExist();
    }

    @ParameterizedTest(name = "ctkit {0}")
    @ValueSource(strings = {"models list --registry REGISTRY", "register --bundle BUNDLE --registry REGISTRY"})
    void aCorruptRegistryFileIsOneClearErrorAndNothingElse(String command) throws Exception {
        Path db = Files.createDirectories(tmp.resolve("registry")).resolve("registry.db");
        Files.writeString(db, "these are notes, not a database\n");

        CliProcess r = CliProcess.run(tmp, words(command.replace("BUNDLE", bundle("b", 1.0).toString())));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).as(r.err()).singleElement().asString()
                .startsWith("error: ").contains(db.toString(), "not an SQLite database");
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

    private void registerOneVersion() throws Exception {
        CliRunner registered = CliRunner.run("register", "--bundle", bundle("b", 1.0).toString(), "--registry", registry);
        assertThat(registered.exitCode()).as(registered.err()).isZero();
    }

    @ParameterizedTest(name = "ctkit {0}")
    @ValueSource(strings = {
        "models --registry REGISTRY list",
        "models list --registry REGISTRY",
        "models --registry REGISTRY --json show wine 1",
        "models show wine 1 --json --registry REGISTRY",
        "runs --registry REGISTRY list --limit 5",
        "runs list --limit 5 --registry REGISTRY",
        // --project beside --registry: the registry wins, as after the subcommand
        "runs --project OTHER --registry REGISTRY list"})
    void registryOptionsMayComeBeforeOrAfterTheSubcommand(String command) throws Exception {
        registerOneVersion();
        Path other = tmp.resolve("other-project");
        String[] args = words(command.replace("OTHER", other.toString()));

        CliRunner r = CliRunner.run(args);

        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isZero();
        assertThat(r.out()).as(String.join(" ", args)).isNotBlank().doesNotContain("no models", "no runs");
        assertThat(other).doesNotExist();
    }

    @Test
    void aRegistryBeforeTheSubcommandListsWhatItListsAfterIt() throws Exception {
        registerOneVersion();

        assertThat(CliRunner.run("models", "--registry", registry, "list").out())
                .isEqualTo(CliRunner.run("models", "list", "--registry", registry).out()).contains("wine");
    }

    @Test
    void aRegistryBeforeTheSubcommandShowsWhatItShowsAfterIt() throws Exception {
        registerOneVersion();

        assertThat(CliRunner.run("models", "--registry", registry, "show", "wine", "1", "--json").out())
                .isEqualTo(CliRunner.run("models", "show", "wine", "1", "--registry", registry, "--json").out())
                .contains("\"version\"");
    }

    @Test
    void aRegistryGivenBothBeforeAndAfterTheSubcommandIsAUsageError() throws Exception {
        CliRunner r = CliRunner.run("models", "--registry", registry, "list", "--registry", tmp.resolve("b").toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("--registry is given both before and after 'list'; give it once");
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    /** wine:1 by alice with metrics and a tag, then wine:2; the results of the two registrations. */
    private List<CliRunner> registerTwoVersions() throws Exception {
        return List.of(run("register", "--bundle", bundle("b1", 1).toString(), "--actor", "alice",
                        "--metrics", metrics("m1.json", 0.8, 0.75, 0.85).toString(), "--tag", "team=ds"),
                run("register", "--bundle", bundle("b2", 2).toString(), "--json"));
    }

    @Test
    void registerPrintsTheNewVersionAndItsDigest() throws Exception {
        List<CliRunner> registered = registerTwoVersions();
        CliRunner first = registered.get(0);

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("registered wine:1  sha256:");
        JsonNode v2 = RegistryJson.MAPPER.readTree(registered.get(1).out());
        assertThat(v2.get("version").asInt()).isEqualTo(2);
    }

    @Test
    void registerWithGoldenDataStoresSeededHoldoutRowsWithTheEngineAnswers() throws Exception {
        Path holdout = tmp.resolve("holdout.csv");
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i).append(',').append(i % 3).append('\n');
        }
        csv.append(",1\n");
        Files.writeString(holdout, csv);

        CliRunner r = run("register", "--bundle", bundle("b1", 3).toString(), "--golden-data", holdout.toString(),
                "--golden-rows", "5", "--golden-seed", "7");
        CliRunner same = run("register", "--bundle", bundle("b2", 3).toString(), "--golden-data", holdout.toString(),
                "--golden-rows", "5", "--golden-seed", "7", "--name", "again");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(same.exitCode()).as(same.err()).isZero();
        try (var reg = io.ctkit.registry.ModelRegistry.open(io.ctkit.registry.RegistryConfig.embedded(Path.of(registry)))) {
            var golden = reg.goldenRows("wine", 1).orElseThrow();
            assertThat(golden.inputs()).hasSize(5).allSatisfy(row -> assertThat(row).containsOnlyKeys("x"));
            assertThat(golden.outputs()).extracting(io.ctkit.registry.GoldenRows.Answer::prediction)
                    .isEqualTo(golden.inputs().stream().map(row -> 3 * (Double) row.get("x")).toList());
            assertThat(reg.goldenRows("again", 1).orElseThrow().inputs()).isEqualTo(golden.inputs());
        }
    }

    @Test
    void holdoutRowsWithoutACompleteOneGiveTheStageNoGoldenRowsAndTheVerbAnError() throws Exception {
        Path holdout = tmp.resolve("sparse.csv");
        Files.writeString(holdout, "x,y\n,1\n,2\n");
        Path b = bundle("b1", 3);
        var rows = io.ctkit.scoring.ModelData.read(Model.load(b), holdout, null, null);

        CliRunner verb = run("register", "--bundle", b.toString(), "--golden-data", holdout.toString());
        try (var reg = io.ctkit.registry.ModelRegistry.open(io.ctkit.registry.RegistryConfig.embedded(Path.of(registry)))) {
            var stage = io.ctkit.register.RegisterStep.run(reg, io.ctkit.register.RegisterStep.Request.of("wine", b)
                    .withGoldenRows(rows, 8, 1));
            assertThat(reg.goldenRows("wine", stage.version().version())).isEmpty();
        }
        assertThat(verb.exitCode()).isEqualTo(2);
        assertThat(verb.err()).contains("sparse.csv: no row has a value for every input");
    }

    @Test
    void listNamesEveryModelWithItsNumberOfVersions() throws Exception {
        registerTwoVersions();

        assertThat(run("models", "list").out()).contains("wine", "2 version(s)");
        JsonNode listed = RegistryJson.MAPPER.readTree(run("models", "list", "--json").out());
        assertThat(listed.get(0).get("name").asText()).isEqualTo("wine");
    }

    @Test
    void versionsListsEveryVersionWithWhoRegisteredIt() throws Exception {
        registerTwoVersions();

        assertThat(run("models", "versions", "wine").out()).contains("    1  ", "alice", "    2  ");
    }

    @Test
    void showGivesAVersionsMetricsWithTheirIntervalsAndItsTags() throws Exception {
        registerTwoVersions();

        CliRunner show = run("models", "show", "wine", "1");
        JsonNode shown = RegistryJson.MAPPER.readTree(run("models", "show", "wine", "1", "--json").out());

        assertSoftly(softly -> {
            softly.assertThat(show.out()).contains("wine:1", "f1", "0.8000 [0.7500, 0.8500]", "tags: {team=ds}");
            softly.assertThat(shown.at("/version/bundle_digest").asText()).startsWith("sha256:");
            softly.assertThat(shown.at("/metrics/f1/ci_low").asDouble()).isEqualTo(0.75);
            softly.assertThat(shown.at("/metrics/accuracy/ci_low").isNull()).isTrue();
        });
    }

    @Test
    void tagsAndADescriptionGoOnTheModelOrOnAVersion() throws Exception {
        run("register", "--bundle", bundle("b1", 1).toString());

        CliRunner model = run("models", "tag", "wine", "owner=ds", "--description", "wine classes");
        CliRunner version = run("models", "tag", "wine", "reviewed=yes", "--on", "1");

        assertSoftly(softly -> {
            softly.assertThat(model.out()).contains("wine tags: {owner=ds}; wine classes");
            softly.assertThat(version.out()).contains("wine:1 tags: {reviewed=yes}");
            softly.assertThat(run("models", "show", "wine").out()).contains("description: wine classes", "tags: {owner=ds}");
        });
    }

    @Test
    void aTagWithoutAValueIsAnInputError() throws Exception {
        run("register", "--bundle", bundle("b1", 1).toString());

        CliRunner bad = run("models", "tag", "wine", "novalue");

        assertThat(bad.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
    }

    @Test
    void compareShowsMetricsSideBySideWithDifferences() throws Exception {
        run("register", "--bundle", bundle("b1", 1).toString(), "--metrics", metrics("m1.json", 0.80, 0.78, 0.82).toString());
        run("register", "--bundle", bundle("b2", 2).toString(), "--metrics", metrics("m2.json", 0.85, 0.83, 0.87).toString());

        CliRunner r = run("models", "compare", "wine", "1", "2");
        JsonNode json = RegistryJson.MAPPER.readTree(run("models", "compare", "wine", "1", "2", "--json").out());

        assertSoftly(softly -> {
            softly.assertThat(r.exitCode()).as(r.err()).isZero();
            softly.assertThat(r.out()).contains("metric", "wine:1", "wine:2", "difference");
            softly.assertThat(r.out()).containsPattern(
                    "f1 +0\\.8000 \\[0\\.7800, 0\\.8200\\] +0\\.8500 \\[0\\.8300, 0\\.8700\\] +\\+0\\.0500 +apart");
            softly.assertThat(r.out()).containsPattern("accuracy +0\\.9000 +0\\.9000 +\\+0\\.0000 +-");
            softly.assertThat(json.get("rows").get(1).get("difference").asDouble())
                    .isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        });
    }

    /** wine:1 with a failed gate verdict, wine:2 with a passing one. */
    private void registerAFailedAndAPassedVersion() throws Exception {
        run("register", "--bundle", bundle("b1", 1).toString(), "--gate", verdict("g1.json", false).toString());
        run("register", "--bundle", bundle("b2", 2).toString(), "--gate", verdict("g2.json", true).toString());
    }

    @Test
    void promotingAVersionWithoutAPassingGateVerdictIsRefused() throws Exception {
        registerAFailedAndAPassedVersion();

        CliRunner refused = run("models", "promote", "wine", "1");

        assertThat(refused.exitCode()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        assertThat(refused.err()).contains("wine:1 has no passing gate verdict recorded");
    }

    @Test
    void aForcedPromotionNeedsAReason() throws Exception {
        registerAFailedAndAPassedVersion();

        CliRunner noReason = run("models", "promote", "wine", "1", "--force");

        assertThat(noReason.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(noReason.err()).contains("needs a reason");
    }

    @Test
    void promotionsAndRollbacksMoveTheProductionAliasAndAreKeptInTheHistory() throws Exception {
        registerAFailedAndAPassedVersion();

        CliRunner forced = run("models", "promote", "wine", "1", "--force", "--reason", "incident 42", "--actor", "oncall");
        CliRunner promoted = run("models", "promote", "wine", "2", "--actor", "ci");
        CliRunner rolledBack = run("models", "rollback", "wine", "--reason", "v2 regressed", "--actor", "oncall");

        assertSoftly(softly -> {
            softly.assertThat(forced.exitCode()).as(forced.err()).isZero();
            softly.assertThat(forced.out()).contains("wine@production: (new) -> 1", "forced: incident 42");
            softly.assertThat(promoted.out()).contains("wine@production: 1 -> 2");
            softly.assertThat(rolledBack.out()).contains("wine@production: 2 -> 1 (rollback by oncall: v2 regressed)");
            softly.assertThat(run("models", "show", "wine", "production").out()).startsWith("wine:1");
            softly.assertThat(run("models", "history", "wine").out()).contains("FORCED", "\"incident 42\"", "rollback");
        });
    }

    @Test
    void theProductionVersionIsExportedAsAVerifiableBundleButNotOverAnotherDirectory() throws Exception {
        registerAFailedAndAPassedVersion();
        run("models", "promote", "wine", "1", "--force", "--reason", "incident 42", "--actor", "oncall");
        Path champion = tmp.resolve("champion");

        CliRunner exported = run("models", "export", "wine", "production", "--out", champion.toString());

        assertSoftly(softly -> {
            softly.assertThat(exported.out()).contains("exported wine:1");
            softly.assertThat(CliRunner.run("verify", "--model", champion.toString()).exitCode()).isZero();
            softly.assertThat(run("models", "export", "wine", "1", "--out", champion.toString()).err())
                    .contains("already exists and is not an empty directory");
        });
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
        CliRunner runs = run("runs", "list");
        CliRunner shown = run("runs", "show", "build-17");

        assertSoftly(softly -> {
            softly.assertThat(lineage.exitCode()).as(lineage.err()).isZero();
            softly.assertThat(lineage.out()).contains("wine:1", "run build-17", "code version: git:abc123",
                    "train: " + train + "  " + fingerprint, "config: " + config, "epochs = 3", "register: succeeded");
            softly.assertThat(lineage.out()).contains("├── ", "└── ");
            softly.assertThat(runs.out()).contains("build-17", "running", "git:abc123");
            softly.assertThat(shown.out()).contains("input dataset train", fingerprint, "produced wine:1");
        });
    }

    @ParameterizedTest(name = "ctkit {0}")
    @CsvSource(delimiter = '|', textBlock = """
            models show beer                       | no model named "beer"
            models show wine 9                     | model wine has no version 9
            models lineage wine staging            | has no alias "staging"
            runs show nope                         | no run with id "nope"
            register --bundle BUNDLE --name ../evil | model name "../evil" contains a path separator
            models promote wine 1 --alias a/b      | alias "a/b" contains a path separator
            """)
    void unknownModelsVersionsAndBadNamesAreInputErrors(String command, String message) throws Exception {
        run("register", "--bundle", bundle("b1", 1).toString());

        CliRunner r = run(command.replace("BUNDLE", tmp.resolve("b1").toString()).split(" "));

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains(message);
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
