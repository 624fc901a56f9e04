package io.ctkit.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import io.ctkit.bundle.Bundle;
import io.ctkit.bundle.BundleWriter;
import io.ctkit.junit.JUnitResults;
import io.ctkit.junit.TestOutcome;
import io.ctkit.model.Model;
import io.ctkit.npy.Npy;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ctkit run} on a copy of {@code examples/receipt-classifier}: its test stage runs the
 * example's own model tests (written with the test kit) against the bundle it just trained, and
 * every one passes. Then the same behavioural tests run against that bundle with the weights of
 * its hashed text features zeroed, a model blind to merchant and line items: they must fail, and
 * say which check and which perturbation caught it. The nested Maven builds resolve ctkit from a
 * copy of the local repository holding this build's jars, as in {@link MarketingForecastExampleIT}.
 */
class ReceiptClassifierExampleIT {

    static final Path ROOT = MarketingForecastExampleIT.ROOT;
    static final String TESTS = "io.ctkit.examples.receipts.";

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void itsModelTestsPassAsTheTestStageAndTheBehaviouralTestsCatchAModelBlindToText() throws Exception {
        Path repository = MarketingForecastExampleIT.localRepositoryWithThisBuild(tmp);
        Path project = copyOfTheExample();

        String out = run(project, repository, List.of(java(), "-jar",
                ROOT.resolve("pipeline-steps/target/ctkit-cli.jar").toString(), "run", project.toString()), 6);

        Path run;
        try (Stream<Path> runs = Files.list(project.resolve(".ctkit/runs"))) {
            run = runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        JUnitResults results = JUnitResults.read(run.resolve("test/junit"));
        assertThat(out).contains("[4/6] test passed in").contains("7 tests: 7 passed, 0 failed, 0 errors, 0 skipped")
                .contains("PASS  tests: 7 tests: 7 passed").contains("[6/6] register passed")
                // CI has a Docker engine: AUTO serves from the scoring image, and the output says so
                .contains("@ScoringContainerTest on ReceiptServingTest: serving receipt-classifier")
                .contains(" in DOCKER mode: image ctkit/receipt-classifier:");
        assertThat(results.files()).extracting(f -> f.getFileName().toString()).containsExactlyInAnyOrder(
                "TEST-" + TESTS + "ReceiptBehaviourTest.xml", "TEST-" + TESTS + "ReceiptQualityTest.xml",
                "TEST-" + TESTS + "ReceiptServingTest.xml");
        assertThat(results.cases()).extracting(TestOutcome::name, TestOutcome::status).containsExactlyInAnyOrder(
                passed("filesObviousReceiptsInTheirCategory(ModelEvaluation)"),
                passed("ignoresTheCaseOfTheMerchantName(ModelEvaluation)"),
                passed("shrugsOffOneTypoInTheMerchantName(ModelEvaluation)"),
                passed("readsHotelAndUbernachtungAsLodging(ModelEvaluation)"),
                passed("recognisesEveryCategory(ModelEvaluation)"),
                passed("isNoWorseThanProduction(ModelEvaluation, ModelEvaluation)"),
                passed("servesWhatTheBundleComputes(ScoringEndpoint)"));

        Path blind = blindToText(run.resolve("train/model"), tmp.resolve("blind-model"));
        String blindOut = run(project, repository, List.of("mvn", "-B", "-o", "-ntp", "verify",
                "-Dtest=ReceiptBehaviourTest", "-Dctkit.model=" + blind), 3);

        Map<String, TestOutcome> outcomes = JUnitResults.read(project.resolve("target/surefire-reports")).cases()
                .stream().collect(Collectors.toMap(TestOutcome::name, Function.identity()));
        String nl = System.lineSeparator();
        String model = "model receipt-classifier " + shortDigest(blind);
        assertSoftly(softly -> {
            softly.assertThat(blindOut).contains("BUILD FAILURE").contains("Tests run: 4, Failures: 2");
            // the blind model cannot tell a hotel from a petrol station...
            softly.assertThat(outcomes.get("readsHotelAndUbernachtungAsLodging(ModelEvaluation)").message())
                    .startsWith("expected the probability of lodging to rise under \"add hotel to the items\" on"
                            + " every row, but it did not on 933 of 933 rows (failure rate 100%, allowed 0%); the first"
                            + " failing rows:" + nl + "  data row 1: {merchant=")
                    .contains("\u2192 p(lodging) ").endsWith(model);
            softly.assertThat(outcomes.get("filesObviousReceiptsInTheirCategory(ModelEvaluation)").message())
                    .startsWith("expected case \"").contains(" to give class ");
            // ...and is perfectly invariant to the text it ignores: invariance alone would not catch it
            softly.assertThat(outcomes.get("ignoresTheCaseOfTheMerchantName(ModelEvaluation)").status())
                    .isEqualTo(TestOutcome.Status.PASSED);
            softly.assertThat(outcomes.get("shrugsOffOneTypoInTheMerchantName(ModelEvaluation)").status())
                    .isEqualTo(TestOutcome.Status.PASSED);
        });
    }

    private static org.assertj.core.groups.Tuple passed(String name) {
        return org.assertj.core.groups.Tuple.tuple(name, TestOutcome.Status.PASSED);
    }

    /** The example's sources only (no data, runs or build output a local run may have left). */
    private Path copyOfTheExample() throws IOException {
        Path example = ROOT.resolve("examples/receipt-classifier");
        Path project = tmp.resolve("receipt-classifier");
        List<Path> files;
        try (Stream<Path> all = Files.walk(example)) {
            files = all.filter(Files::isRegularFile).filter(f -> {
                String first = example.relativize(f).getName(0).toString();
                return !List.of("data", ".ctkit", "target").contains(first);
            }).toList();
        }
        for (Path f : files) {
            Path target = project.resolve(example.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.copy(f, target);
        }
        return project;
    }

    /**
     * The trained bundle with the first layer's rows for the hashed {@code merchant#…} and
     * {@code items#…} features set to zero, written as a new bundle (fresh manifest digests) and
     * verified on reading: the model sees only amount, currency, country, weekday and payment method.
     */
    static Path blindToText(Path trained, Path target) throws IOException {
        Bundle bundle = Bundle.open(trained);
        List<String> features = Model.from(bundle).encoder().featureNames();
        String weights = "weights/dense_0_W.npy";
        NpyArray w = Npy.read(bundle.bytes(weights), weights);
        int[] shape = w.shape();
        assertThat(shape[0]).as("first layer inputs = features %s", features.size()).isEqualTo(features.size());
        float[] values = w.toFloatArray();
        int zeroed = 0;
        for (int row = 0; row < shape[0]; row++) {
            if (features.get(row).startsWith("merchant#") || features.get(row).startsWith("items#")) {
                java.util.Arrays.fill(values, row * shape[1], (row + 1) * shape[1], 0f);
                zeroed++;
            }
        }
        assertThat(zeroed).as("hashed text features").isEqualTo(2048 + 4096);
        BundleWriter writer = BundleWriter.create();
        for (String file : bundle.files()) {
            writer.add(file, file.equals(weights) ? Npy.toBytes(NpyArray.ofFloats(shape, values)) : bundle.bytes(file));
        }
        writer.write(target);

        Model blind = Model.load(target);
        Map<String, Object> receipt = Map.of("merchant", "Marriott", "items", "hotel room night", "amount", 160.0,
                "currency", "EUR", "country", "DE", "weekday", "wed", "payment_method", "corporate_card");
        Map<String, Object> other = new java.util.HashMap<>(receipt);
        other.put("merchant", "Aral");
        other.put("items", "diesel 40 liters");
        assertThat(blind.predict(other).probabilities()).as("the text no longer counts")
                .isEqualTo(blind.predict(receipt).probabilities());
        assertThat(Bundle.open(target).digest()).isNotEqualTo(bundle.digest());
        return target;
    }

    /** How the kit's messages name a bundle: {@code sha256:} and the first 12 hex digits. */
    private static String shortDigest(Path bundle) throws IOException {
        return Bundle.open(bundle).digest().substring(0, "sha256:".length() + 12) + "\u2026";
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs {@code command} in {@code dir} with Maven's local repository set; returns its output. */
    private String run(Path dir, Path repository, List<String> command, int minutes) throws Exception {
        Path log = Files.createTempFile(tmp, "out", ".log");
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("MAVEN_OPTS", "-Dmaven.repo.local=" + repository);
        pb.environment().remove("CTKIT_REGISTRY");
        pb.environment().remove("CTKIT_MODEL");
        pb.environment().remove("CTKIT_SERVING_MODE");
        Process p = pb.start();
        if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", command) + " did not finish in " + minutes + " minutes:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}
