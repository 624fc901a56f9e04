package io.ctkit.testkit.internal.quality;

import static io.ctkit.testkit.ModelAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.ctkit.bundle.Bundle;
import io.ctkit.evaluate.EvaluateStep;
import io.ctkit.evaluate.EvaluationSettings;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.npy.NpyArray;
import io.ctkit.testkit.ModelEvaluation;
import io.ctkit.testkit.Perturbation;
import io.ctkit.testkit.Tolerance;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.AllureResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With Allure present, a quality test's evidence is attached to the current Allure test: the
 * metrics table with intervals (CSV), the evaluation plots (PNG), the champion comparison's
 * verdict line, and the failing rows of a behavioural test (CSV). Recorded by a writer in memory.
 */
class QualityEvidenceTest {

    private static final String MODEL_JSON = """
            {"format": "ctkit-model/1", "name": "forecast", "task": "regression",
             "inputs": [{"name": "spend", "type": "number"}],
             "layers": [{"type": "dense", "weights": "weights/W.npy", "bias": "weights/b.npy", "activation": "linear"}]}
            """;

    @TempDir
    Path dir;

    /** Keeps what Allure writes: test results and attachment bytes by source name. */
    private static final class InMemory implements AllureResultsWriter {
        final List<TestResult> results = new ArrayList<>();
        final Map<String, byte[]> files = new LinkedHashMap<>();

        @Override
        public void write(TestResult result) {
            results.add(result);
        }

        @Override
        public void write(TestResultContainer container) {
        }

        @Override
        public void write(String source, InputStream attachment) {
            try {
                files.put(source, attachment.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void metricsPlotsTheChampionsVerdictAndFailingRowsAreAttachedToTheCurrentTest() throws Exception {
        ModelDefinition definition = ModelDefinition.parse(MODEL_JSON.getBytes(StandardCharsets.UTF_8), "model.json");
        Model.bundleWriter(definition, Map.of("weights/W.npy", NpyArray.ofDoubles(new int[] {1, 1}, new double[] {2}),
                "weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0.5}))).write(dir.resolve("model"));
        StringBuilder csv = new StringBuilder("spend,revenue\n");
        for (int i = 1; i <= 60; i++) {
            csv.append(String.format(Locale.ROOT, "%d,%.2f%n", i, 2.0 * i + 0.5 + (i % 7 - 3) / 2.0));
        }
        Files.writeString(dir.resolve("holdout.csv"), csv);
        Bundle bundle = Bundle.open(dir.resolve("model"));
        EvaluationSettings settings = EvaluationSettings.defaults().withPlots(false).withBootstrap(50, 0.9, 1);
        ModelEvaluation evaluation = ModelEvaluation.of("forecast", bundle.digest(), EvaluateStep.run(EvaluateStep.Request
                .of(EvaluateStep.Subject.model(bundle, "model", dir.resolve("holdout.csv"), "revenue"))
                .withSettings(settings)), settings);
        InMemory writer = new InMemory();
        AllureLifecycle previous = Allure.getLifecycle();
        AllureLifecycle lifecycle = new AllureLifecycle(writer);
        String uuid = UUID.randomUUID().toString();
        Allure.setLifecycle(lifecycle);
        try {
            lifecycle.scheduleTestCase(new TestResult().setUuid(uuid).setName("a quality test"));
            lifecycle.startTestCase(uuid);
            QualityEvidence.attach(evaluation, "candidate");
            assertThat(evaluation).isNoWorseThan(evaluation).on("rmse").withinMargin(0);
            assertThat(evaluation).under(Perturbation.scale("spend", 1.5)).allowingFailureRate(0.99)
                    .isInvariantWithin(Tolerance.absolute(5));
            lifecycle.stopTestCase(uuid);
            lifecycle.writeTestCase(uuid);
        } finally {
            Allure.setLifecycle(previous);
        }

        assertThat(writer.results).hasSize(1);
        List<Attachment> attachments = writer.results.get(0).getAttachments();
        assertThat(attachments).extracting(Attachment::getName).containsExactly("candidate metrics (forecast)",
                "candidate residuals.png", "candidate predicted_vs_actual.png", "no regression of rmse",
                "behaviour: scale spend by 1.5");
        assertThat(attachments).extracting(Attachment::getType).containsExactly("text/csv", "image/png", "image/png",
                "text/plain", "text/csv");
        String metrics = text(writer, attachments.get(0));
        assertThat(metrics.lines().toList()).hasSize(6).first().isEqualTo("metric,value,ci_low,ci_high,level,rows");
        assertThat(metrics).contains("\nrmse,").contains(",0.9,60\n");
        assertThat(Arrays.copyOf(writer.files.get(attachments.get(1).getSource()), 4))
                .isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        assertThat(text(writer, attachments.get(3))).startsWith("rmse = ").contains("vs the champion's");
        // spend moves the forecast by 2 x 0.5 x spend: rows 6 to 60 move by more than 5
        assertThat(text(writer, attachments.get(4))).startsWith("data_row,input,perturbed,before,after\n"
                + "6,\"{spend=6}\",\"spend=9\",\"12.5\",\"18.5\"\n7,").hasLineCount(56);
    }

    private static String text(InMemory writer, Attachment attachment) {
        return new String(writer.files.get(attachment.getSource()), StandardCharsets.UTF_8);
    }
}
