package io.ctkit.plots;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders the six plots (binary classifier + regression) and the four multiclass ones with both
 * implementations into {@code args[0]}/{current,xchart}/, and prints one line per PNG: implementation,
 * file, bytes, SHA-256. Two JVM runs whose lines are equal render byte-identical PNGs.
 */
public final class PlotsRender {

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/plots");
        PlotData binary = PlotData.binary(2000, 1000);
        PlotData multi = PlotData.multiclass(1500);

        Map<String, byte[]> current = new LinkedHashMap<>();
        current.putAll(EvaluationPlots.classification(binary.classes(), binary.labels(), binary.probabilities(),
                binary.threshold()));
        current.putAll(EvaluationPlots.regression(binary.actual(), binary.predicted()));
        EvaluationPlots.classification(multi.classes(), multi.labels(), multi.probabilities(), 0.5)
                .forEach((name, png) -> current.put("multiclass_" + name, png));

        // The per-plot copy used for timing must draw exactly what EvaluationPlots draws.
        Map<String, byte[]> split = new LinkedHashMap<>();
        split.put("roc.png", CurrentPlots.roc(binary.classes(), binary.labels(), binary.probabilities()));
        split.put("precision_recall.png", CurrentPlots.precisionRecall(binary.classes(), binary.labels(),
                binary.probabilities()));
        split.put("calibration.png", CurrentPlots.calibration(binary.classes(), binary.labels(), binary.probabilities()));
        split.put("confusion_matrix.png", CurrentPlots.confusion(binary.classes(), binary.labels(),
                binary.probabilities(), 0.5));
        split.put("residuals.png", CurrentPlots.residuals(binary.actual(), binary.predicted()));
        split.put("predicted_vs_actual.png", CurrentPlots.predictedVsActual(binary.actual(), binary.predicted()));
        split.forEach((name, png) -> {
            if (!Arrays.equals(png, current.get(name))) {
                throw new IllegalStateException("CurrentPlots." + name + " differs from EvaluationPlots");
            }
        });

        Map<String, byte[]> xchart = new LinkedHashMap<>();
        xchart.putAll(XChartPlots.classification(binary.classes(), binary.labels(), binary.probabilities(),
                binary.threshold()));
        xchart.putAll(XChartPlots.regression(binary.actual(), binary.predicted()));
        XChartPlots.classification(multi.classes(), multi.labels(), multi.probabilities(), 0.5)
                .forEach((name, png) -> xchart.put("multiclass_" + name, png));

        write(out.resolve("current"), "current", current);
        write(out.resolve("xchart"), "xchart", xchart);
    }

    private static void write(Path dir, String label, Map<String, byte[]> pngs) throws Exception {
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : pngs.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(e.getValue()));
            System.out.printf("%-8s %-36s %8d %s%n", label, e.getKey(), e.getValue().length, sha.substring(0, 16));
        }
    }
}
