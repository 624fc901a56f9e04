package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.ctkit.bundle.Bundle;
import io.ctkit.bundle.BundleKeys;
import io.ctkit.bundle.BundleVerification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every registry backend must do. Each subclass provides a fresh, empty store per test.
 */
abstract class RegistryContract {

    @TempDir
    Path tmp;

    RegistryConfig config;
    ModelRegistry registry;

    /** A fresh, empty registry location for one test. */
    abstract RegistryConfig freshConfig(Path dir) throws Exception;

    @BeforeEach
    void openRegistry() throws Exception {
        config = freshConfig(tmp);
        registry = ModelRegistry.open(config);
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    Path bundle(String dir, double weight) throws IOException {
        return Fixtures.bundle(tmp.resolve(dir), "wine", weight);
    }

    @Test
    void versionsAreNumberedFromOneAndTheBundleComesBackIdentical() throws Exception {
        Path b1 = bundle("b1", 1.0);
        ModelVersion v1 = registry.register(Registration.of("wine", b1).withActor("alice").withTag("team", "ds"));
        ModelVersion v2 = registry.register(Registration.of("wine", bundle("b2", 2.0)).withActor("bob"));

        Bundle original = Bundle.open(b1);
        Bundle back = registry.exportBundle("wine", 1, tmp.resolve("export"));
        byte[] weightsBack = back.bytes("weights/W.npy");
        byte[] weights = original.bytes("weights/W.npy");
        String secondDigest = registry.bundle("wine", 2).digest();
        int lastVersion = registry.model("wine").lastVersion();
        List<ModelVersion> versions = registry.versions("wine");
        List<ModelInfo> models = registry.models();
        assertSoftly(softly -> {
            softly.assertThat(v1.version()).isEqualTo(1);
            softly.assertThat(v2.version()).isEqualTo(2);
            softly.assertThat(v1.bundleDigest()).isEqualTo(original.digest()).isNotEqualTo(v2.bundleDigest());
            softly.assertThat(v1.tags()).containsEntry("team", "ds");
            softly.assertThat(v1.createdBy()).isEqualTo("alice");
            softly.assertThat(back.digest()).isEqualTo(v1.bundleDigest());
            softly.assertThat(weightsBack).isEqualTo(weights);
            softly.assertThat(secondDigest).isEqualTo(v2.bundleDigest());
            softly.assertThat(lastVersion).isEqualTo(2);
            softly.assertThat(versions).extracting(ModelVersion::version).containsExactly(1, 2);
            softly.assertThat(models).extracting(ModelInfo::name).containsExactly("wine");
        });
    }

    @Test
    void modelsGetDescriptionsAndTagsVersionsGetTags() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)).withDescription("first try"));

        registry.describeModel("wine", "classifies wines");
        registry.tagModel("wine", "owner", "ds-team");
        ModelInfo m = registry.tagModel("wine", "owner", "ml-platform");
        ModelVersion v = registry.tagVersion("wine", 1, "reviewed", "yes");

        assertThat(m.description()).isEqualTo("classifies wines");
        assertThat(m.tags()).containsExactly(Map.entry("owner", "ml-platform"));
        assertThat(v.tags()).containsEntry("reviewed", "yes");
        assertThat(v.description()).isEqualTo("first try");
    }

    @Test
    void taggingAnUnknownModelIsNotFound() {
        assertThatThrownBy(() -> registry.tagModel("beer", "a", "b")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void tagNamesArePlainNames() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));

        assertThatThrownBy(() -> registry.tagVersion("wine", 1, "a/b", "c")).hasMessageContaining("tag name");
    }

    @Test
    void tarBundlesComeBackWithTheSameDigestAndSignature() throws Exception {
        KeyPair keys = BundleKeys.generate();
        Path tar = tmp.resolve("model.tar");
        String tarDigest = Fixtures.writer("wine", 7.0).sign(keys.getPrivate()).writeTar(tar);

        ModelVersion fromTar = registry.register(Registration.of("wine", tar));

        assertThat(fromTar.bundleDigest()).isEqualTo(tarDigest);
        Bundle tarBack = Bundle.open(registry.exportBundle("wine", 1, tmp.resolve("out-tar")).source(),
                BundleVerification.requireSignature(keys.getPublic()));
        assertThat(tarBack.digest()).isEqualTo(tarDigest);
        assertThat(tarBack.signed()).isTrue();
    }

    @Test
    void signedBundlesComeBackWithTheSameDigestAndSignature() throws Exception {
        KeyPair keys = BundleKeys.generate();
        Path signed = tmp.resolve("signed");
        Fixtures.writer("wine", 8.0).sign(keys.getPrivate()).write(signed);

        ModelVersion fromSigned = registry.register(Registration.of("wine", signed));

        Bundle back = Bundle.open(registry.exportBundle("wine", fromSigned.version(), tmp.resolve("out-signed")).source(),
                BundleVerification.requireSignature(keys.getPublic()));
        assertThat(back.signed()).isTrue();
        assertThat(back.digest()).isEqualTo(fromSigned.bundleDigest());
    }

    @Test
    void whatWasRegisteredIsThereAfterReopening() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));
        registry.close();

        try (ModelRegistry again = ModelRegistry.open(config)) {
            assertThat(again.versions("wine")).hasSize(1);
            assertThat(again.verify().ok()).isTrue();
        }
    }

    @Test
    void metricsWithIntervalsAndTheGateVerdictAreKeptWithTheVersion() throws Exception {
        ModelVersion v = registry.register(Registration.of("wine", bundle("b1", 1.0))
                .withMetrics(Fixtures.metrics(tmp.resolve("metrics.json"), 0.81, 0.78, 0.84))
                .withGateVerdict(Fixtures.verdict(tmp.resolve("gate.json"), true)));

        Map<String, MetricEstimate> metrics = registry.metrics("wine", v.version());
        List<RecordedVerdict> verdicts = registry.gateVerdicts("wine", v.version());
        List<Report> reports = registry.reports("wine", v.version());
        assertSoftly(softly -> {
            softly.assertThat(metrics.get("f1")).isEqualTo(new MetricEstimate(0.81, 0.78, 0.84));
            softly.assertThat(metrics.get("accuracy").hasInterval()).isFalse();
            softly.assertThat(verdicts).singleElement().satisfies(g -> assertThat(g.passed()).isTrue());
            softly.assertThat(reports).extracting(Report::kind).containsExactlyInAnyOrder("metrics", "gate");
        });
        Report gate = reports.stream().filter(r -> r.kind().equals("gate")).findFirst().orElseThrow();
        assertThat(new String(registry.blob(gate.sha256()))).contains("ctkit-gate/1");
        assertThat(gate.summary()).contains("\"name\":\"vs-champion\"");
    }

    private void registerWithAFailedGate() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0))
                .withGateVerdict(Fixtures.verdict(tmp.resolve("fail.json"), false)));
    }

    @Test
    void productionNeedsAPassingGateVerdictUnlessForcedWithAReason() throws Exception {
        registerWithAFailedGate();

        assertThatThrownBy(() -> registry.promote("wine", 1, Promotion.to("production", "ci")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("wine:1 has no passing gate verdict");
        assertThat(registry.production("wine")).isEmpty();
    }

    @Test
    void forcingAPromotionToProductionNeedsAReason() throws Exception {
        registerWithAFailedGate();

        assertThatThrownBy(() -> registry.promote("wine", 1, new Promotion("production", "ci", " ", true)))
                .isNotInstanceOf(PolicyException.class).hasMessageContaining("needs a reason");
        assertThat(registry.production("wine")).isEmpty();
    }

    @Test
    void aForcedPromotionMovesProductionAndKeepsTheReason() throws Exception {
        registerWithAFailedGate();

        AliasMove forced = registry.promote("wine", 1, Promotion.to("production", "carol").forced("hotfix, gate down"));

        assertThat(forced.forced()).isTrue();
        assertThat(forced.reason()).isEqualTo("hotfix, gate down");
        assertThat(registry.production("wine")).get().extracting(ModelVersion::version).isEqualTo(1);
    }

    @Test
    void aliasesOtherThanProductionAreNotGuarded() throws Exception {
        registerWithAFailedGate();

        registry.promote("wine", 1, Promotion.to("staging", "ci"));

        assertThat(registry.resolve("wine", "staging").version()).isEqualTo(1);
    }

    private Path verdictOnAnotherBundle() throws Exception {
        return Fixtures.verdictFor(tmp.resolve("wrong.json"), Bundle.open(bundle("other", 2.0)).digest());
    }

    @Test
    void aVerdictOnAnotherBundleIsNoEvidenceForThisVersion() throws Exception {
        String otherDigest = Bundle.open(bundle("other", 2.0)).digest();
        Path wrong = Fixtures.verdictFor(tmp.resolve("wrong.json"), otherDigest);

        assertThatThrownBy(() -> registry.register(Registration.of("wine", bundle("b1", 1.0)).withGateVerdict(wrong)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("judged the bundle " + otherDigest);
        assertThat(registry.models()).isEmpty();
    }

    @Test
    void aVerdictOnAnotherBundleRecordedLaterIsRefusedAndAllowsNoPromotion() throws Exception {
        Path wrong = verdictOnAnotherBundle();
        ModelVersion v = registry.register(Registration.of("wine", bundle("b2", 1.0)));

        assertThatThrownBy(() -> registry.recordGateVerdict("wine", 1, wrong, null))
                .hasMessageContaining("not wine:1 (" + v.bundleDigest() + ")");
        assertThatThrownBy(() -> registry.promote("wine", 1, Promotion.to("production", "ci")))
                .isInstanceOf(PolicyException.class);
    }

    @Test
    void aVerdictOnThisBundleRecordedLaterAllowsProduction() throws Exception {
        ModelVersion v = registry.register(Registration.of("wine", bundle("b2", 1.0)));

        registry.recordGateVerdict("wine", 1, Fixtures.verdictFor(tmp.resolve("right.json"), v.bundleDigest()), null);

        assertThat(registry.promote("wine", 1, Promotion.to("production", "ci")).toVersion()).isEqualTo(1);
    }

    @Test
    void aliasesAreLowerCase() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));
        assertThatThrownBy(() -> registry.promote("wine", 1, Promotion.to("Staging", "ci")))
                .hasMessageContaining("alias \"Staging\" has upper-case letters");
        assertThat(registry.promote("wine", 1, Promotion.to("staging", "ci")).toVersion()).isEqualTo(1);
    }

    @Test
    void aPassingVerdictRecordedLaterAllowsProduction() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));
        registry.recordGateVerdict("wine", 1, Fixtures.verdict(tmp.resolve("gate.json"), true), null);

        AliasMove move = registry.promote("wine", 1, Promotion.to("production", "ci").because("gate passed"));

        assertThat(move.fromVersion()).isNull();
        assertThat(move.toVersion()).isEqualTo(1);
        assertThat(registry.productionBundle("wine")).get().extracting(Bundle::digest)
                .isEqualTo(registry.version("wine", 1).bundleDigest());
    }

    private void promoteThreeVersionsToProduction() throws Exception {
        for (int i = 1; i <= 3; i++) {
            registry.register(Registration.of("wine", bundle("b" + i, i))
                    .withGateVerdict(Fixtures.verdict(tmp.resolve("g" + i + ".json"), true)));
            registry.promote("wine", i, Promotion.to("production", "ci"));
        }
    }

    @Test
    void rollbackWalksBackThroughPromotionsAndRecordsWhoAndWhy() throws Exception {
        promoteThreeVersionsToProduction();

        AliasMove first = registry.rollback("wine", "production", "dave", "v3 drifts");
        AliasMove second = registry.rollback("wine", "production", "dave", "v2 too");

        assertThat(first.fromVersion()).isEqualTo(3);
        assertThat(first.toVersion()).isEqualTo(2);
        assertThat(second.toVersion()).isEqualTo(1);
        List<AliasMove> history = registry.aliasHistory("wine", "production");
        assertThat(history).extracting(AliasMove::kind)
                .containsExactly("promote", "promote", "promote", "rollback", "rollback");
        assertThat(history.get(3).actor()).isEqualTo("dave");
        assertThat(history.get(3).reason()).isEqualTo("v3 drifts");
        assertThat(registry.version("wine", 1).aliases()).containsExactly("production");
    }

    @Test
    void rollbackStopsAtTheFirstPromotion() throws Exception {
        promoteThreeVersionsToProduction();
        registry.rollback("wine", "production", "dave", "v3 drifts");
        registry.rollback("wine", "production", "dave", "v2 too");

        assertThatThrownBy(() -> registry.rollback("wine", "production", "dave", "again"))
                .hasMessageContaining("no earlier version to roll back to");
    }

    @Test
    void rollbackNeedsAReason() throws Exception {
        promoteThreeVersionsToProduction();

        assertThatThrownBy(() -> registry.rollback("wine", "production", "dave", null))
                .hasMessageContaining("needs a reason");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b", "a\\b", "..", "a..b", "nul\0x", "", ".hidden", "sp ace"})
    void badModelNamesAreRefusedAndNothingIsStored(String name) throws Exception {
        Path b = bundle("b1", 1.0);

        assertThatThrownBy(() -> registry.register(Registration.of(name, b)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("model name");
        assertThat(registry.models()).isEmpty();
    }

    @Test
    void overLongNamesAreRefused() throws Exception {
        Path b1 = bundle("b1", 1.0);

        assertThatThrownBy(() -> registry.register(Registration.of("m".repeat(129), b1)))
                .hasMessageContaining("more than the limit of 128");
    }

    static Stream<Arguments> badAliasesAreRefused() {
        return Stream.of(
                arguments("../prod", List.of("alias", "path separator")),
                arguments("42", List.of("all digits")),
                arguments("a\0", List.of("NUL")));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void badAliasesAreRefused(String alias, List<String> problem) throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));

        assertThatThrownBy(() -> registry.promote("wine", 1, Promotion.to(alias, "ci")))
                .hasMessageContainingAll(problem.toArray(String[]::new));
    }

    @Test
    void unknownModelsVersionsAliasesAndRunsGiveClearErrors() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));

        assertThatThrownBy(() -> registry.version("beer", 1)).isInstanceOf(NotFoundException.class)
                .hasMessage("no model named \"beer\" in the registry; it holds wine");
    }

    @Test
    void anUnknownVersionIsNamedWithTheVersionsThereAre() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));

        assertThatThrownBy(() -> registry.version("wine", 7)).isInstanceOf(NotFoundException.class)
                .hasMessage("model wine has no version 7 (its versions are 1 to 1)");
    }

    @Test
    void anUnknownAliasIsNamed() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));

        assertThatThrownBy(() -> registry.resolve("wine", "production")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("has no alias \"production\"");
    }

    @Test
    void anUnknownRunIsNamed() {
        assertThatThrownBy(() -> registry.run("nope")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("no run with id \"nope\"");
    }

    @Test
    void promotingAnUnknownVersionIsNotFound() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));

        assertThatThrownBy(() -> registry.promote("wine", 9, Promotion.to("staging", "ci")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aMalformedReportFailsTheRegistrationWithoutAVersion() throws Exception {
        Path bad = Fixtures.write(tmp.resolve("gate.json"), "{\"format\": \"ctkit-gate/1\", \"passed\": \"yes\"}");

        assertThatThrownBy(() -> registry.register(Registration.of("wine", bundle("b1", 1.0)).withGateVerdict(bad)))
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining("gate.json: \"passed\" must be true or false");
        assertThat(registry.models()).isEmpty();
    }

    @Test
    void aVerdictThatPassedWithAFailedCheckIsRefused() throws Exception {
        Path bad = Fixtures.write(tmp.resolve("gate.json"), "{\"format\": \"ctkit-gate/1\", \"passed\": true,"
                + " \"first_run\": true, \"checks\": [{\"name\": \"f1\", \"passed\": false}]}");

        assertThatThrownBy(() -> registry.register(Registration.of("wine", bundle("b1", 1.0)).withGateVerdict(bad)))
                .hasMessageContaining("checks[0] (\"f1\") failed, but the verdict says \"passed\": true");
    }

    private record CorruptedBlob(Path path, String expectedSha256, String actualSha256) {
    }

    /** Registers wine:1 and flips the last bit of its weights blob. */
    private CorruptedBlob registerAndCorruptTheWeightsBlob() throws Exception {
        ModelVersion v = registry.register(Registration.of("wine", bundle("b1", 1.0)));
        BundleFile weights = registry.files("wine", v.version()).stream()
                .filter(f -> f.path().equals("weights/W.npy")).findFirst().orElseThrow();
        Path blob = config.blobDir().resolve("sha256").resolve(weights.sha256().substring(0, 2)).resolve(weights.sha256());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length - 1] ^= 1;
        Files.write(blob, bytes);
        return new CorruptedBlob(blob, weights.sha256(), BlobStore.sha256(bytes));
    }

    @Test
    void aChangedBlobByteIsDetectedNamingTheFileAndBothDigests() throws Exception {
        CorruptedBlob blob = registerAndCorruptTheWeightsBlob();

        assertThatThrownBy(() -> registry.bundle("wine", 1))
                .isInstanceOf(BlobIntegrityException.class)
                .hasMessageContaining(blob.path().toString())
                .hasMessageContaining("expected sha256 " + blob.expectedSha256())
                .hasMessageContaining("actual sha256 " + blob.actualSha256());
    }

    @Test
    void verifyReportsAChangedBlobByteNamingTheVersionAndFile() throws Exception {
        registerAndCorruptTheWeightsBlob();

        Verification check = registry.verify();

        assertThat(check.ok()).isFalse();
        assertThat(check.problems()).singleElement().asString().contains("wine:1 weights/W.npy", "corrupt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATE versions SET bundle_digest = 'sha256:00' WHERE version = 1",
            "UPDATE version_files SET sha256 = 'x' WHERE version = 1", "DELETE FROM version_files",
            "DELETE FROM versions", "DELETE FROM alias_moves", "UPDATE alias_moves SET actor = 'mallory'"})
    void theDatabaseRefusesToChangeARegisteredVersionOrTheAliasHistory(String sql) throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));
        registry.promote("wine", 1, Promotion.to("staging", "ci"));

        try (Connection c = DriverManager.getConnection(config.jdbcUrl()); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate(sql)).as(sql).isInstanceOf(SQLException.class)
                    .hasMessageContaining("ctkit registry");
        }
        assertThat(registry.bundle("wine", 1).digest()).isEqualTo(registry.version("wine", 1).bundleDigest());
    }

    @Test
    void aBundleThatDoesNotVerifyIsRefused() throws Exception {
        Path b = bundle("b1", 1.0);
        Files.writeString(b.resolve("weights/b.npy"), "changed");

        assertThatThrownBy(() -> registry.register(Registration.of("wine", b)))
                .isInstanceOf(io.ctkit.bundle.BundleIntegrityException.class);
        assertThat(registry.models()).isEmpty();
    }

    @Test
    void lineageReachesDataFingerprintsConfigAndCodeVersion() throws Exception {
        Run run = Run.start("ctkit-run").withVersions("ctkit 0.1.0", "git:1234abcd")
                .withInput(Artifact.dataset("train", "data/train.csv", "sha256:aaaa"))
                .withInput(Artifact.dataset("holdout", "data/holdout.csv", "sha256:bbbb"))
                .withInput(Artifact.config("ctkit.yaml", "sha256:cccc"))
                .withHyperparameters(Map.of("epochs", "20", "learning_rate", "0.01"))
                .withParameters(Map.of("seed", "42"))
                .withStep(Step.of("train", "succeeded").withOutputs(List.of(
                        new Artifact("bundle", "model", "target/bundle", null, Map.of()))));
        ModelVersion v = registry.register(Registration.of("wine", bundle("b1", 1.0)).withRun(run)
                .withMetrics(Fixtures.metrics(tmp.resolve("metrics.json"), 0.8, 0.7, 0.9)));
        registry.recordImage("wine", 1, "registry.local/wine:1", "sha256:dddd", run.id());
        registry.recordDeployment("wine", 1, "k8s:prod/wine", "sha256:dddd", run.id(), "ci");

        Lineage lineage = registry.lineage("wine", v.version());

        List<ModelVersion> ofRun = registry.versionsOfRun(run.id());
        assertSoftly(softly -> {
            softly.assertThat(lineage.run().codeVersion()).isEqualTo("git:1234abcd");
            softly.assertThat(lineage.run().inputs("dataset")).extracting(Artifact::digest)
                    .containsExactly("sha256:aaaa", "sha256:bbbb");
            softly.assertThat(lineage.run().inputs("config")).singleElement().extracting(Artifact::location)
                    .isEqualTo("ctkit.yaml");
            softly.assertThat(lineage.run().steps()).extracting(Step::name).containsExactlyInAnyOrder("train", "register");
            softly.assertThat(lineage.render()).contains("wine:1", "code version: git:1234abcd",
                    "train: data/train.csv  sha256:aaaa", "config: ctkit.yaml  sha256:cccc", "epochs = 20",
                    "f1 = 0.8000 [0.7000, 0.9000]", "image registry.local/wine:1@sha256:dddd", "deployed to k8s:prod/wine");
            softly.assertThat(ofRun).extracting(ModelVersion::version).containsExactly(1);
        });
    }

    @Test
    void stepsRecordedSeparatelyMergeIntoOneRun() throws Exception {
        Run started = registry.recordRun(Run.start("p").withInput(Artifact.dataset("train", "t.csv", "sha256:aa")));
        registry.recordRun(started.withStep(Step.of("validate-data", "succeeded")));
        Run done = registry.recordRun(started.withStep(Step.of("train", "succeeded")).finished("succeeded")
                .withHyperparameters(Map.of("epochs", "3")));

        List<Run> runs = registry.runs(10);
        assertSoftly(softly -> {
            softly.assertThat(done.status()).isEqualTo("succeeded");
            softly.assertThat(done.endedAt()).isNotNull();
            softly.assertThat(done.inputs()).hasSize(1);
            softly.assertThat(done.steps()).extracting(Step::name).containsExactlyInAnyOrder("validate-data", "train");
            softly.assertThat(done.hyperparameters()).containsEntry("epochs", "3");
            softly.assertThat(runs).extracting(Run::id).containsExactly(started.id());
        });
    }

    @Test
    void registeringWithAnUnknownRunIdIsRefused() throws Exception {
        assertThatThrownBy(() -> registry.register(Registration.of("wine", bundle("b1", 1.0)).withRunId("r-404")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("no run with id \"r-404\"");
        assertThat(registry.models()).isEmpty();
    }

    @Test
    void junitReportsAreKeptAsTestEvidence() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));
        Path xml = Fixtures.write(tmp.resolve("TEST-Quality.xml"), "<?xml version=\"1.0\"?><testsuite name=\"q\""
                + " tests=\"12\" failures=\"1\" errors=\"0\" skipped=\"2\"><testcase name=\"a\"/></testsuite>");

        Report report = registry.recordTestReport("wine", 1, xml);

        assertThat(report.kind()).isEqualTo("tests");
        assertThat(report.summary()).contains("\"tests\":12", "\"failures\":1", "\"skipped\":2", "\"passed\":false");
    }

    @Test
    void monitorReportsAreKeptWithTheVersionTheyJudgedRunByRun() throws Exception {
        registry.register(Registration.of("wine", bundle("b1", 1.0)));
        Path report = Fixtures.write(tmp.resolve("monitor/monitor.json"), "{\"format\":\"ctkit-monitor/1\","
                + "\"decision\":\"retrain\",\"reasons\":[\"x1 drifted\"],\"window\":{\"rows\":400,\"labelled_rows\":380}}");

        Report first = registry.recordMonitorReport("wine", 1, report);
        Report second = registry.recordMonitorReport("wine", 1, report);

        assertThat(first.kind()).isEqualTo("monitor");
        assertThat(first.summary()).isEqualTo("{\"decision\":\"retrain\",\"reasons\":[\"x1 drifted\"],\"window_rows\":400,"
                + "\"labelled_rows\":380}");
        assertThat(registry.reports("wine", 1)).extracting(Report::name).contains("monitor.json", "monitor.json.2");
        assertThat(new String(registry.blob(second.sha256()), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"decision\":\"retrain\"");
        Path other = Fixtures.write(tmp.resolve("gate.json"), "{\"format\":\"ctkit-gate/1\"}");
        assertThatThrownBy(() -> registry.recordMonitorReport("wine", 1, other)).isInstanceOf(RegistryException.class)
                .hasMessageContaining("not a monitor report (format ctkit-monitor/1)");
        assertThatThrownBy(() -> registry.recordMonitorReport("wine", 9, report)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aDirectoryOfSurefireReportsIsKeptFileByFile() throws Exception {
        Path dir = tmp.resolve("surefire-reports");
        Fixtures.write(dir.resolve("TEST-a.xml"), "<testsuite tests=\"3\" failures=\"0\" errors=\"0\"/>");
        Fixtures.write(dir.resolve("TEST-b.xml"), "<testsuite tests=\"2\" failures=\"0\" errors=\"0\" skipped=\"1\"/>");
        Fixtures.write(dir.resolve("a.txt"), "not a report");

        ModelVersion v = registry.register(Registration.of("wine", bundle("b1", 1.0)).withTestReport(dir));

        assertThat(registry.reports("wine", v.version())).extracting(Report::name)
                .containsExactlyInAnyOrder("TEST-a.xml", "TEST-b.xml");
    }

    @Test
    void aDirectoryWithoutSurefireReportsIsRefused() throws Exception {
        Path b1 = bundle("b1", 1.0);

        assertThatThrownBy(() -> registry.register(Registration.of("wine", b1).withTestReport(b1)))
                .hasMessageContaining("holds no TEST-*.xml files");
    }

    @Test
    void concurrentAliasMovesAndRunRecordsAreSerialisedNotLost() throws Exception {
        for (int i = 1; i <= 8; i++) {
            registry.register(Registration.of("wine", bundle("b" + i, i)));
        }
        Run run = registry.recordRun(Run.start("p"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                int version = i;
                futures.add(pool.submit(() -> registry.promote("wine", version, Promotion.to("staging", "t" + version))));
                futures.add(pool.submit(() -> registry.recordRun(run.withStep(Step.of("step-" + version, "succeeded")))));
                futures.add(pool.submit(() -> registry.tagModel("wine", "k" + (version % 2), "v" + version)));
            }
            for (Future<?> f : futures) {
                assertThat(f).succeedsWithin(Duration.ofSeconds(60));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.aliasHistory("wine", "staging")).extracting(AliasMove::seq)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(registry.run(run.id()).steps()).hasSize(8);
        assertThat(registry.model("wine").tags()).containsOnlyKeys("k0", "k1");
    }

    // 800 registrations: 31 s on PostgreSQL on a loaded two-core machine, too close to the
    // default timeout of junit-platform.properties.
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void eightConcurrentWritersGetEightHundredDistinctVersions() throws Exception {
        int writers = 8;
        int each = 100;
        List<Path> bundles = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            bundles.add(bundle("w" + w, w + 1));
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<List<Integer>>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                Path b = bundles.get(w);
                Callable<List<Integer>> job = () -> {
                    List<Integer> got = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        got.add(registry.register(Registration.of("wine", b)).version());
                    }
                    return got;
                };
                futures.add(pool.submit(job));
            }
            List<Integer> all = new ArrayList<>();
            for (Future<List<Integer>> f : futures) {
                all.addAll(f.get(4, TimeUnit.MINUTES));
            }
            assertThat(all).hasSize(writers * each).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, writers * each).boxed().toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.versions("wine")).hasSize(writers * each);
        Verification check = registry.verify();
        assertThat(check.problems()).isEmpty();
        assertThat(check.versions()).isEqualTo(writers * each);
    }
}
