package io.ctkit.monitor;

import io.ctkit.drift.DriftOptions;
import io.ctkit.drift.DriftStatistics;
import io.ctkit.drift.PsiResult;
import io.ctkit.model.inference.Activation;
import io.ctkit.model.LayerSpec;
import io.ctkit.model.Model;
import io.ctkit.model.ModelDefinition;
import io.ctkit.model.Task;
import io.ctkit.model.preprocess.InputSpec;
import io.ctkit.npy.NpyArray;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Writes prediction logs in the scoring server's format for a binary classifier over inputs x1 and
 * x2, with a seeded generator, and keeps every row it wrote so that tests can compute the expected
 * metrics themselves.
 */
final class LogWriter {

    /** One logged row as the test knows it. */
    record Row(double x1, double x2, double score, String outcome) {
    }

    final Path dir;
    final Random random;
    final List<Row> rows = new ArrayList<>();
    private int counter;
    private long time = Instant.parse("2026-12-01T08:00:00Z").toEpochMilli();

    LogWriter(Path dir, long seed) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.random = new Random(seed);
    }

    /** A binary classifier bundle over x1, x2 with a drift reference of N(0, 1) samples for both. */
    static Path bundle(Path dir, long seed) throws IOException {
        ModelDefinition definition = new ModelDefinition("m", Task.BINARY_CLASSIFICATION,
                List.of(InputSpec.number("x1"), InputSpec.number("x2")), List.of(),
                List.of(LayerSpec.dense("weights/w.npy", "weights/b.npy", Activation.SIGMOID)), List.of("no", "yes"));
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("weights/w.npy", NpyArray.ofDoubles(new int[] {2, 1}, new double[] {2, 0}));
        arrays.put("weights/b.npy", NpyArray.ofDoubles(new int[] {1}, new double[] {0}));
        Random r = new Random(seed);
        List<DriftReference.Feature> features = new ArrayList<>();
        for (String name : List.of("x1", "x2")) {
            double[] values = new double[2000];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.nextGaussian();
            }
            Arrays.sort(values);
            PsiResult psi = DriftStatistics.psi(values, values, DriftOptions.defaults());
            Map<String, Long> bins = new LinkedHashMap<>();
            psi.bins().forEach(b -> bins.put(b.label(), b.referenceCount()));
            features.add(new DriftReference.Feature(name, true, 0, values, bins, null));
        }
        Model.bundleWriter(definition, arrays)
                .add(DriftReference.FILE, new DriftReference(2000, features).toBytes())
                .write(dir);
        return dir;
    }

    /**
     * Logs {@code records} prediction records of two rows each, x1 ~ N(shift, 1), x2 ~ N(0, 1); the
     * model's score is sigmoid(2·x1), the true outcome is drawn from sigmoid(sign·2·x1) (sign −1: the
     * world has turned against the model). With {@code feedback}, every row gets its outcome, half
     * the records by {@code outcomes}, half row by row.
     */
    List<Row> predict(Path file, int records, double shift, int sign, boolean feedback) throws IOException {
        List<Row> written = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (int k = 0; k < records; k++) {
            String id = "0123456789abcdef-" + Integer.toHexString(++counter);
            Row[] pair = new Row[2];
            for (int r = 0; r < 2; r++) {
                double x1 = shift + random.nextGaussian();
                double x2 = random.nextGaussian();
                double score = 1 / (1 + Math.exp(-2 * x1));
                double truth = 1 / (1 + Math.exp(-sign * 2 * x1));
                pair[r] = new Row(x1, x2, score, random.nextDouble() < truth ? "yes" : "no");
            }
            time += 1000;
            lines.append(String.format(Locale.ROOT, "{\"type\":\"prediction\",\"id\":\"%s\",\"time\":\"%s\",\"model\":\"m\","
                    + "\"version\":\"1\",\"rows\":2,\"inputs\":{\"x1\":[%s,%s],\"x2\":[%s,%s]},\"outputs\":{\"label\":[\"%s\","
                    + "\"%s\"],\"probabilities\":[[%s,%s],[%s,%s]]}}%n", id, Instant.ofEpochMilli(time), pair[0].x1(),
                    pair[1].x1(), pair[0].x2(), pair[1].x2(), label(pair[0]), label(pair[1]), 1 - pair[0].score(),
                    pair[0].score(), 1 - pair[1].score(), pair[1].score()));
            if (feedback) {
                String at = Instant.ofEpochMilli(time + 500).toString();
                if (k % 2 == 0) {
                    lines.append(String.format("{\"type\":\"feedback\",\"id\":\"%s\",\"time\":\"%s\",\"outcomes\":[\"%s\",\"%s\"]}%n",
                            id, at, pair[0].outcome(), pair[1].outcome()));
                } else {
                    for (int r = 1; r >= 0; r--) {
                        lines.append(String.format("{\"type\":\"feedback\",\"id\":\"%s\",\"time\":\"%s\",\"row\":%d,"
                                + "\"outcome\":\"%s\"}%n", id, at, r, pair[r].outcome()));
                    }
                }
            }
            written.addAll(List.of(pair));
        }
        append(file, lines.toString());
        rows.addAll(written);
        return written;
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    static long lines(Path file) throws IOException {
        return Files.readAllLines(file).size();
    }

    private static String label(Row r) {
        return r.score() >= 0.5 ? "yes" : "no";
    }
}
