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
