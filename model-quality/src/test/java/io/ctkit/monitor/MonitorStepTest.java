package io.ctkit.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ctkit.drift.DriftReport;
import io.ctkit.drift.DriftStatistics;
import io.ctkit.metrics.BootstrapConfig;
import io.ctkit.metrics.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitorStepTest {

    @TempDir
    Path tmp;

    private MonitorStep.Request request(Path logs, Path bundle) {
        MonitorSettings settings = MonitorSettings.defaults().withWindow(MonitorSettings.Window.rows(400)).withMinRows(100)
                .withBootstrap(BootstrapConfig.defaults().withResamples(200))
                .withFloors(List.of(new MonitorSettings.Floor(Metric.ACCURACY, 0.7, null),
                        new MonitorSettings.Floor(Metric.LOG_LOSS, null, 0.6)));
        return MonitorStep.Request.of(logs, bundle).withSettings(settings).withReport(tmp.resolve("out/monitor.json"));
    }

    @Test
    void liveMetricsAndDriftEqualADirectComputationAndDecayWithDriftAsksForRetraining() throws IOException {
        Path bundle = LogWriter.bundle(tmp.resolve("model"), 1);
        LogWriter log = new LogWriter(tmp.resolve("logs"), 7);
        Path live = log.dir.resolve("predictions.jsonl");
        List<LogWriter.Row> healthy = log.predict(live, 200, 0, 1, true);

        MonitorStep.Result first = MonitorStep.run(request(log.dir, bundle));

        assertThat(first.decision()).isEqualTo(MonitorStep.Decision.OK);
        assertThat(first.reasons()).isEmpty();
        assertThat(first.windowRows()).isEqualTo(400);
        assertThat(first.labelledRows()).isEqualTo(400);
        assertThat(first.quality().accuracy()).isCloseTo(accuracy(healthy), within(1e-12));
        assertThat(first.quality().logLoss()).isCloseTo(logLoss(healthy), within(1e-12));
        assertThat(first.quality().value(Metric.ACCURACY).interval().low()).isLessThan(accuracy(healthy));
        assertThat(first.driftVerdicts()).noneMatch(v -> v.drift());

        long before = LogWriter.lines(live);
        List<LogWriter.Row> decayed = log.predict(live, 200, 1.5, -1, true);
        MonitorStep.Result second = MonitorStep.run(request(log.dir, bundle));

        assertThat(second.newLines()).isEqualTo(LogWriter.lines(live) - before);
        assertThat(second.windowRows()).isEqualTo(400);
        assertThat(second.quality().accuracy()).isCloseTo(accuracy(decayed), within(1e-12));
        assertThat(second.quality().logLoss()).isCloseTo(logLoss(decayed), within(1e-12));
        assertThat(second.decision()).isEqualTo(MonitorStep.Decision.RETRAIN);
        assertThat(second.reasons()).anyMatch(r -> r.startsWith("accuracy ") && r.contains("whole interval"))
                .anyMatch(r -> r.startsWith("x1 drifted from the training data: psi"))
                .noneMatch(r -> r.startsWith("x2"));
        DriftReport x1 = second.drift().get(0);
        double[] current = decayed.stream().mapToDouble(LogWriter.Row::x1).toArray();
        double[] reference = DriftReference.read(io.ctkit.bundle.Bundle.open(bundle).bytes(DriftReference.FILE), "ref")
                .feature("x1").sample();
        assertThat(x1.feature()).isEqualTo("x1");
        assertThat(x1.psi().statistic()).isEqualTo(DriftStatistics.psi(reference, current).statistic());
        assertThat(x1.kolmogorovSmirnov().pValue()).isEqualTo(DriftStatistics.kolmogorovSmirnov(reference, current).pValue());
        assertThat(second.report().path("decision").asText()).isEqualTo("retrain");
        assertThat(second.plots()).containsKeys(MonitorHistory.METRICS, MonitorHistory.DRIFT);
        assertThat(Files.readAllBytes(second.plots().get(MonitorHistory.DRIFT))).startsWith(0x89, 'P', 'N', 'G');
        assertThat(Files.readString(tmp.resolve("out/monitor.json"))).contains("\"format\" : \"ctkit-monitor/1\"");
    }

    @Test
    void aLogWithoutFeedbackSaysSoAndJudgesOnlyDrift() throws IOException {
        Path bundle = LogWriter.bundle(tmp.resolve("model"), 1);
        LogWriter log = new LogWriter(tmp.resolve("logs"), 3);
        log.predict(log.dir.resolve("predictions.jsonl"), 150, 2.0, 1, false);

        MonitorStep.Result r = MonitorStep.run(request(log.dir, bundle));

        assertThat(r.quality()).isNull();
        assertThat(r.labelledRows()).isZero();
        assertThat(r.notes()).contains("no feedback for the 300 rows in the window: quality not judged");
        assertThat(r.report().has("quality")).isFalse();
        assertThat(r.decision()).isEqualTo(MonitorStep.Decision.RETRAIN);
        assertThat(r.reasons()).singleElement().asString().startsWith("x1 drifted from the training data");
    }

    @Test
    void corruptAndTruncatedLinesAreReportedWithFileAndLineAndTheRestIsRead() throws IOException {
        Path bundle = LogWriter.bundle(tmp.resolve("model"), 1);
        LogWriter log = new LogWriter(tmp.resolve("logs"), 5);
        Path rotated = log.dir.resolve("predictions-20261201T080000.000Z-000000.jsonl");
        log.predict(rotated, 30, 0, 1, false);
        // a crash cut the rotated file's last record short
        LogWriter.append(rotated, "{\"type\":\"prediction\",\"id\":\"0123456789abcdef-ff\",\"ti");
        Path live = log.dir.resolve("predictions.jsonl");
        log.predict(live, 1, 0, 1, true);
        // a record torn by a crash and continued by the next process's first record, then a bad outcome
        LogWriter.append(live, "{\"type\":\"prediction\",\"id\":\"0123456789abcdef-1\",\"time\":{\"type\":\"feedback\"}\n");
        LogWriter.append(live, "{\"type\":\"feedback\",\"id\":\"0123456789abcdef-1\",\"time\":\"2026-12-01T08:00:00Z\","
                + "\"row\":0,\"outcome\":\"maybe\"}\n");
        log.predict(live, 20, 0, 1, true);

        MonitorStep.Result r = MonitorStep.run(request(log.dir, bundle).withSettings(
                request(log.dir, bundle).settings().withMinRows(10)));

        assertThat(r.problems()).containsExactly(
                rotated + ": line 31: not a JSON record (corrupt or truncated): Unexpected end-of-input in field name",
                live + ": line 3: not a JSON record (corrupt or truncated): Unexpected end-of-input: expected close"
                        + " marker for Object",
                live + ": line 4: outcome: expected one of the model's labels [no, yes], got \"maybe\"");
        assertThat(r.windowRows()).isEqualTo(2 * (30 + 1 + 20));
        assertThat(r.labelledRows()).isEqualTo(2 * (1 + 20));
        assertThat(r.report().path("log").path("problems")).hasSize(3);
    }

    @Test
    void rotatedFilesAreReadOnceEach() throws IOException {
        Path bundle = LogWriter.bundle(tmp.resolve("model"), 1);
        LogWriter log = new LogWriter(tmp.resolve("logs"), 11);
        Path live = log.dir.resolve("predictions.jsonl");
        log.predict(live, 50, 0, 1, true);
        MonitorStep.Request request = request(log.dir, bundle).withSettings(
                request(log.dir, bundle).settings().withWindow(MonitorSettings.Window.rows(100_000)));
        MonitorStep.Result first = MonitorStep.run(request);
        assertThat(first.newLines()).isEqualTo(LogWriter.lines(live));

        // the server rotates: more lines reach the live file, which is renamed; a new live file starts
        long firstLines = LogWriter.lines(live);
        log.predict(live, 10, 0, 1, true);
        long added = LogWriter.lines(live) - firstLines;
        Files.move(live, log.dir.resolve("predictions-20261201T090000.000Z-000000.jsonl"));
        log.predict(live, 20, 0, 1, true);
        added += LogWriter.lines(live);
        Files.move(live, log.dir.resolve("predictions-20261201T090000.000Z-000001.jsonl"));
        log.predict(live, 5, 0, 1, false);
        added += 5;
        MonitorStep.Result second = MonitorStep.run(request);
        MonitorStep.Result third = MonitorStep.run(request);

        assertThat(second.newLines()).isEqualTo(added);
        assertThat(second.windowRows()).isEqualTo(2 * (50 + 10 + 20 + 5));
        assertThat(second.labelledRows()).isEqualTo(2 * (50 + 10 + 20));
        assertThat(third.newLines()).isZero();
        assertThat(third.windowRows()).isEqualTo(second.windowRows());
        assertThat(third.quality().accuracy()).isEqualTo(second.quality().accuracy());
    }

    @Test
    void aTimeWindowKeepsTheRowsWithinItsDurationOfTheNewest() throws IOException {
        Path bundle = LogWriter.bundle(tmp.resolve("model"), 1);
        LogWriter log = new LogWriter(tmp.resolve("logs"), 13);
        List<LogWriter.Row> rows = log.predict(log.dir.resolve("predictions.jsonl"), 200, 0, 1, true); // a record a second

        MonitorStep.Result r = MonitorStep.run(request(log.dir, bundle).withSettings(request(log.dir, bundle).settings()
                .withWindow(MonitorSettings.Window.duration(java.time.Duration.ofMinutes(1)))));

        assertThat(r.windowRows()).isEqualTo(2 * 61); // the newest record and the 60 of the minute before it
        assertThat(r.quality().accuracy()).isCloseTo(accuracy(rows.subList(rows.size() - 122, rows.size())),
                within(1e-12));
    }

    @Test
    void aValuePastItsFloorWhoseIntervalStillReachesItIsDegradedNotRetrain() throws IOException {
        Path bundle = LogWriter.bundle(tmp.resolve("model"), 1);
        LogWriter log = new LogWriter(tmp.resolve("logs"), 7);
        log.predict(log.dir.resolve("predictions.jsonl"), 200, 0, 1, true);
        MonitorStep.Result measured = MonitorStep.run(request(log.dir, bundle));
        io.ctkit.metrics.MetricValue accuracy = measured.quality().value(Metric.ACCURACY);
        double between = (accuracy.value() + accuracy.interval().high()) / 2;
        double above = accuracy.interval().high() + 0.01;

        MonitorStep.Result degraded = MonitorStep.run(floored(log.dir, bundle, "degraded", between));
        MonitorStep.Result retrain = MonitorStep.run(floored(log.dir, bundle, "retrain", above));

        assertThat(degraded.decision()).isEqualTo(MonitorStep.Decision.DEGRADED);
        assertThat(degraded.reasons()).singleElement().asString()
                .startsWith(String.format(java.util.Locale.ROOT, "accuracy %.4f (95%% CI ", accuracy.value()))
                .endsWith("is past its floor (accuracy >= " + between + ") on 400 rows with feedback, but its interval"
                        + " still reaches it");
        assertThat(retrain.decision()).isEqualTo(MonitorStep.Decision.RETRAIN);
        assertThat(retrain.reasons()).singleElement().asString().endsWith(", with its whole interval");
    }

    /** The request with one accuracy floor, reporting into its own directory (its own state). */
    private MonitorStep.Request floored(Path logs, Path bundle, String name, double floor) {
        MonitorStep.Request r = request(logs, bundle);
        return r.withSettings(r.settings().withFloors(List.of(new MonitorSettings.Floor(Metric.ACCURACY, floor, null))))
                .withReport(tmp.resolve(name + "/monitor.json"));
    }

    @Test
    void aCategoryInputDriftsByItsCountsAgainstTheTrainingCategories() throws IOException {
        io.ctkit.model.ModelDefinition definition = new io.ctkit.model.ModelDefinition("c",
                io.ctkit.model.Task.BINARY_CLASSIFICATION,
                List.of(io.ctkit.model.preprocess.InputSpec.category("channel", List.of("email", "search"))),
                List.of(io.ctkit.model.preprocess.PreprocessingOp.OneHot.of("channel")),
                List.of(io.ctkit.model.LayerSpec.dense("weights/w.npy", "weights/b.npy",
                        io.ctkit.model.inference.Activation.SIGMOID)), List.of("no", "yes"));
        Path bundle = tmp.resolve("model");
        io.ctkit.model.Model.bundleWriter(definition, java.util.Map.of(
                "weights/w.npy", io.ctkit.npy.NpyArray.ofDoubles(new int[] {2, 1}, new double[] {1, -1}),
                "weights/b.npy", io.ctkit.npy.NpyArray.ofDoubles(new int[] {1}, new double[] {0})))
                .add(DriftReference.FILE, new DriftReference(1000, List.of(new DriftReference.Feature("channel", false, 0,
                        null, null, java.util.Map.of("email", 500L, "search", 500L)))).toBytes())
                .write(bundle);
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        StringBuilder log = new StringBuilder();
        List<String> current = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(23);
        for (int k = 1; k <= 100; k++) {
            String a = random.nextDouble() < 0.8 ? "search" : "email";
            String b = k == 50 ? null : random.nextDouble() < 0.8 ? "search" : "email"; // one missing value
            current.add(a);
            if (b != null) {
                current.add(b);
            }
            log.append("{\"type\":\"prediction\",\"id\":\"00000000000000aa-").append(Integer.toHexString(k))
                    .append("\",\"time\":\"2026-12-01T08:00:00Z\",\"model\":\"c\",\"version\":\"1\",\"rows\":2,")
                    .append("\"inputs\":{\"channel\":[\"").append(a).append("\",")
                    .append(b == null ? "null" : "\"" + b + "\"")
                    .append("]},\"outputs\":{\"label\":[\"no\",\"no\"],\"probabilities\":[[0.6,0.4],[0.6,0.4]]}}\n");
        }
        Files.writeString(logs.resolve("predictions.jsonl"), log);

        MonitorStep.Result r = MonitorStep.run(MonitorStep.Request.of(logs, bundle).withReport(tmp.resolve("out/m.json")));

        String[] reference = new String[1000];
        java.util.Arrays.fill(reference, 0, 500, "email");
        java.util.Arrays.fill(reference, 500, 1000, "search");
        String[] observed = current.toArray(String[]::new);
        DriftReport channel = r.drift().get(0);
        assertThat(channel.currentSize()).isEqualTo(199);
        assertThat(channel.psi().statistic()).isEqualTo(DriftStatistics.psi(reference, observed).statistic());
        assertThat(channel.chiSquare().pValue()).isEqualTo(DriftStatistics.chiSquare(reference, observed).pValue())
                .isLessThan(0.01);
        assertThat(r.decision()).isEqualTo(MonitorStep.Decision.RETRAIN);
        assertThat(r.reasons()).singleElement().asString().startsWith("channel drifted from the training data: ");
    }

    private static double accuracy(List<LogWriter.Row> rows) {
        return rows.stream().filter(r -> (r.score() >= 0.5 ? "yes" : "no").equals(r.outcome())).count()
                / (double) rows.size();
    }

    private static double logLoss(List<LogWriter.Row> rows) {
        double sum = 0;
        for (LogWriter.Row r : rows) {
            sum -= Math.log(r.outcome().equals("yes") ? r.score() : 1 - r.score());
        }
        return sum / rows.size();
    }
}
