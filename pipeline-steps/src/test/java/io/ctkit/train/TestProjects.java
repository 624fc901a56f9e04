package io.ctkit.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** Small projects written into a directory: a ctkit.yaml and seeded CSV files. */
public final class TestProjects {
    private TestProjects() {
    }

    /**
     * A binary problem: class "yes" when {@code 2a - b + (channel == web) > 0.3} (plus noise), with
     * {@code positiveShare} steering the imbalance. Columns a, b (numbers; b has missing cells when
     * {@code withMissing}), channel (web/shop).
     */
    public static Path binary(Path dir, int rows, String training, boolean withMissing) {
        write(dir.resolve("train.csv"), binaryRows(rows, 1, withMissing));
        write(dir.resolve("holdout.csv"), binaryRows(Math.max(50, rows / 4), 2, withMissing));
        String yaml = """
                name: tiny-binary
                seed: 3
                data:
                  train: train.csv
                  holdout: holdout.csv
                  schema:
                    columns:
                      - {name: a, type: number}
                      - {name: b, type: number}
                      - {name: channel, type: category, values: [web, shop]}
                      - {name: bought, type: label, kind: classification, values: ["no", "yes"]}
                features:
                  - {name: a, transform: standardize}
                  - {name: b, transform: min_max%s}
                  - {name: channel, transform: one_hot}
                model:
                  task: binary-classification
                  hidden:
                    - {units: 8, activation: tanh}
                training:
                %s
                evaluate: {bootstrap: 50}
                """.formatted(withMissing ? ", impute: mean" : "", training.indent(2).stripTrailing());
        write(dir.resolve("ctkit.yaml"), yaml);
        return dir;
    }

    static String binaryRows(int rows, long seed, boolean withMissing) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder("a,b,channel,bought\n");
        for (int r = 0; r < rows; r++) {
            double a = random.nextDouble() * 2 - 1;
            double b = random.nextDouble() * 10;
            boolean web = random.nextBoolean();
            double score = 2 * a - b / 10 + (web ? 0.5 : 0) + 0.2 * (random.nextDouble() - 0.5);
            String bCell = withMissing && r % 7 == 3 ? "" : String.format(Locale.ROOT, "%.4f", b);
            csv.append(String.format(Locale.ROOT, "%.4f", a)).append(',').append(bCell).append(',')
                    .append(web ? "web" : "shop").append(',').append(score > 0.3 ? "yes" : "no").append('\n');
        }
        return csv.toString();
    }

    public static void write(Path file, String content) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a directory of test fixtures (non-recursively) into {@code dir}. */
    public static Path copy(Path fixture, Path dir) {
        try (var files = Files.list(fixture)) {
            Files.createDirectories(dir);
            for (Path f : files.toList()) {
                if (Files.isRegularFile(f)) {
                    Files.copy(f, dir.resolve(f.getFileName().toString()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
