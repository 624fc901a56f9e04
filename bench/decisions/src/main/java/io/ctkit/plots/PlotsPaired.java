package io.ctkit.plots;

import io.ctkit.bench.Paired;
import java.util.List;

/**
 * Paired, interleaved timing of each plot: current and XChart alternate (ABBA order), each
 * sample one render; per pair the ratio xchart/current. Robust to a shared machine's load
 * drifting, which moves both halves of a pair alike.
 */
public final class PlotsPaired {

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        PlotData d = PlotData.binary(2000, 1000);
        System.out.println(Paired.HEADER);
        for (String plot : List.of("roc", "precision_recall", "calibration", "confusion_matrix", "residuals",
                "predicted_vs_actual")) {
            Paired.Result r = Paired.run(pairs, pairs / 4,
                    () -> PlotsBenchmark.render(plot, false, d), () -> PlotsBenchmark.render(plot, true, d));
            System.out.println(r.row(plot, "current", "xchart"));
        }
    }
}
