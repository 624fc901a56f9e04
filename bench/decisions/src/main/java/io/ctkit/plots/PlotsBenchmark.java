package io.ctkit.plots;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to render one PNG (chart + PNG encoding), hand-written Java2D against XChart, on the
 * data of {@link PlotsRender} (2000 scored rows, 1000 regression rows). JMH orders parameters by
 * name, so {@code impl} varies fastest: the two contenders of each chart run one after the other.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PlotsBenchmark {

    @Param({"roc", "precision_recall", "calibration", "confusion_matrix", "residuals", "predicted_vs_actual"})
    public String chart;

    @Param({"current", "xchart"})
    public String impl;

    private PlotData d;

    @Setup
    public void setUp() {
        System.setProperty("java.awt.headless", "true");
        d = PlotData.binary(2000, 1000);
    }

    @Benchmark
    public byte[] render() {
        return render(chart, impl.equals("xchart"), d);
    }

    static byte[] render(String plot, boolean xchart, PlotData d) {
        return switch (plot) {
            case "roc" -> xchart ? XChartPlots.roc(d.classes(), d.labels(), d.probabilities())
                    : CurrentPlots.roc(d.classes(), d.labels(), d.probabilities());
            case "precision_recall" -> xchart ? XChartPlots.precisionRecall(d.classes(), d.labels(), d.probabilities())
                    : CurrentPlots.precisionRecall(d.classes(), d.labels(), d.probabilities());
            case "calibration" -> xchart ? XChartPlots.calibration(d.classes(), d.labels(), d.probabilities())
                    : CurrentPlots.calibration(d.classes(), d.labels(), d.probabilities());
            case "confusion_matrix" -> xchart ? XChartPlots.confusion(d.classes(), d.labels(), d.probabilities(), 0.5)
                    : CurrentPlots.confusion(d.classes(), d.labels(), d.probabilities(), 0.5);
            case "residuals" -> xchart ? XChartPlots.residuals(d.actual(), d.predicted())
                    : CurrentPlots.residuals(d.actual(), d.predicted());
            case "predicted_vs_actual" -> xchart ? XChartPlots.predictedVsActual(d.actual(), d.predicted())
                    : CurrentPlots.predictedVsActual(d.actual(), d.predicted());
            default -> throw new IllegalArgumentException(plot);
        };
    }
}
