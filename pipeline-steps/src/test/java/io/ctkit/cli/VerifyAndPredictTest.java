package io.ctkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyAndPredictTest {

    static final Path WINE = Path.of("..", "examples", "wine-classifier");

    @TempDir
    Path tmp;

    @Test
    void theExampleBundleVerifiesAndReportsItsDigest() throws IOException {
        Path out = tmp.resolve("v.json");

        CliRunner r = CliRunner.run("verify", "--model", WINE.resolve("model").toString(), "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wine-classifier", "digest   sha256:");
        assertThat(Files.readString(out)).contains("\"verified\" : true");
    }

    @Test
    void aTamperedBundleFailsTheCheckWithExitOne() throws IOException {
        Path copy = copy(WINE.resolve("model"), tmp.resolve("model"));
        Path w = copy.resolve("weights/dense_1_b.npy");
        byte[] b = Files.readAllBytes(w);
        b[b.length - 1] ^= 0x10;
        Files.write(w, b);

        CliRunner r = CliRunner.run("verify", "--model", copy.toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        assertThat(r.err()).contains("weights/dense_1_b.npy", "expected sha256", "actual sha256");
    }

    @Test
    void aBundleWithAMissingFileFailsTheCheckWithExitOne() throws IOException {
        Path missing = copy(WINE.resolve("model"), tmp.resolve("missing"));
        Files.delete(missing.resolve("weights/mean.npy"));

        CliRunner lacks = CliRunner.run("verify", "--model", missing.toString());

        assertThat(lacks.exitCode()).as(lacks.err()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        assertThat(lacks.err()).contains("lacks 1 file(s) that MANIFEST.json lists: weights/mean.npy");
    }

    @Test
    void aBundleWithAnUnlistedFileFailsTheCheckWithExitOne() throws IOException {
        Path extra = copy(WINE.resolve("model"), tmp.resolve("extra"));
        Files.write(extra.resolve("weights/extra.npy"), new byte[] {1, 2, 3});

        CliRunner holds = CliRunner.run("verify", "--model", extra.toString());

        assertThat(holds.exitCode()).as(holds.err()).isEqualTo(Ctkit.EXIT_CHECK_FAILED);
        assertThat(holds.err()).contains("weights/extra.npy");
    }

    @Test
    void aDirectoryGivenAsDataIsAnInputErrorNamingIt() {
        CliRunner dir = CliRunner.run("predict", "--model", WINE.resolve("model").toString(), "--data", tmp.toString());

        assertThat(dir.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(dir.err()).contains(tmp + ": is a directory, not a CSV file");
    }

    @Test
    void anUnwritableReportIsAnInputErrorNamingThePathNotATemporaryFile() {
        CliRunner unwritable = CliRunner.run("verify", "--model", WINE.resolve("model").toString(), "--out", "/proc/ctkit-test/x.json");

        assertThat(unwritable.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(unwritable.err()).contains("cannot write /proc/ctkit-test/x.json").doesNotContain(".tmp");
    }

    @Test
    void aMissingInputNamesTheDataRowCountedFromOne() throws IOException {
        java.util.List<String> lines = Files.readAllLines(WINE.resolve("holdout.csv"));
        String[] cells = lines.get(3).split(",", -1);
        cells[0] = "";
        lines.set(3, String.join(",", cells));
        Path data = Files.write(tmp.resolve("gap.csv"), lines);

        CliRunner r = CliRunner.run("predict", "--model", WINE.resolve("model").toString(), "--data", data.toString(),
                "--out", tmp.resolve("p.csv").toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains(data + ": data row 3: input \"alcohol\" is missing");
        assertThat(tmp.resolve("p.csv")).doesNotExist();
    }

    @Test
    void anInputCanAlsoBeTheRowIdAndIsCopiedAsWritten() throws IOException {
        // "13.20" would come back as "13.2" if the id were the number the model reads
        List<String> lines = Files.readAllLines(WINE.resolve("holdout.csv"));
        lines.set(1, lines.get(1).replaceFirst("^([0-9]+\\.[0-9]+),", "$10,"));
        Path data = Files.write(tmp.resolve("holdout.csv"), lines);
        Path withId = tmp.resolve("with-id.csv");
        Path without = tmp.resolve("without.csv");

        CliRunner r = CliRunner.run("predict", "--model", WINE.resolve("model").toString(), "--data", data.toString(),
                "--id", "alcohol", "--out", withId.toString());
        CliRunner plain = CliRunner.run("predict", "--model", WINE.resolve("model").toString(), "--data", data.toString(),
                "--out", without.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        List<String> out = Files.readAllLines(withId);
        List<String> expected = Files.readAllLines(without);
        assertThat(out).hasSameSizeAs(expected);
        assertThat(out.get(0)).isEqualTo("alcohol," + expected.get(0));
        for (int i = 1; i < out.size(); i++) {
            assertThat(out.get(i)).isEqualTo(lines.get(i).split(",", 2)[0] + "," + expected.get(i));
        }
        assertThat(out.get(1)).startsWith(lines.get(1).split(",", 2)[0] + ",").matches("^[0-9]+\\.[0-9]+0,.*");
    }

    @Test
    void anInputAsTheIdFromAPipeIsRefusedWithWhatToDo() throws Exception {
        Path fifo = tmp.resolve("holdout.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("mkfifo ends").isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        byte[] csv = Files.readAllBytes(WINE.resolve("holdout.csv"));
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, csv);
            } catch (IOException e) {
                // the reader went away; the assertions below say what matters
            }
        });
        writer.start();
        CliRunner r = CliRunner.run("predict", "--model", WINE.resolve("model").toString(), "--data", fifo.toString(),
                "--id", "alcohol", "--out", tmp.resolve("p.csv").toString());
        writer.join(10_000);
        assertThat(writer.isAlive()).as("the writer of the pipe is done").isFalse();

        assertThat(r.exitCode()).as(r.err()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("--id alcohol: the id is one of the model's inputs", "not a regular file (a pipe?)",
                "write the data to a file first");
        assertThat(tmp.resolve("p.csv")).doesNotExist();
    }

    @Test
    void aLabelThatIsAnInputIsRefusedWithWhatToDo() {
        CliRunner input = CliRunner.run("predict", "--model", WINE.resolve("model").toString(),
                "--data", WINE.resolve("holdout.csv").toString(), "--label", "alcohol", "--out", tmp.resolve("a.csv").toString());

        assertThat(input.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(input.err()).contains("--label alcohol: \"alcohol\" is one of the model's inputs",
                "the true label must be a column of its own").doesNotContain("declared twice");
        assertThat(tmp.resolve("a.csv")).doesNotExist();
    }

    @Test
    void aLabelThatIsTheIdIsRefusedWithWhatToDo() {
        CliRunner same = CliRunner.run("predict", "--model", WINE.resolve("model").toString(),
                "--data", WINE.resolve("holdout.csv").toString(), "--label", "label", "--id", "label",
                "--out", tmp.resolve("b.csv").toString());

        assertThat(same.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(same.err()).contains("--label and --id both name the column \"label\"").doesNotContain("declared twice");
        assertThat(tmp.resolve("b.csv")).doesNotExist();
    }

    @Test
    void reportsAreReadableByOtherUsers() throws IOException {
        Path out = tmp.resolve("verified.json");
        assertThat(CliRunner.run("verify", "--model", WINE.resolve("model").toString(), "--out", out.toString()).exitCode()).isZero();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r--r--");
    }

    @Test
    void aMissingBundleIsAnInputError() {
        CliRunner r = CliRunner.run("verify", "--model", tmp.resolve("nope").toString());

        assertThat(r.exitCode()).isEqualTo(Ctkit.EXIT_INPUT_ERROR);
        assertThat(r.err()).contains("nope");
    }

    private Path predictWithLabels() {
        Path predictions = tmp.resolve("p.csv");
        CliRunner p = CliRunner.run("predict", "--model", WINE.resolve("model").toString(),
                "--data", WINE.resolve("holdout.csv").toString(), "--label", "label", "--out", predictions.toString());
        assertThat(p.exitCode()).as(p.err()).isZero();
        return predictions;
    }

    @Test
    void predictionsHoldTheLabelAProbabilityPerClassAndThePredictionForEveryRow() throws IOException {
        List<String> lines = Files.readAllLines(predictWithLabels());

        assertThat(lines.get(0)).isEqualTo("label,prob_class_0,prob_class_1,prob_class_2,predicted");
        assertThat(lines).hasSize(73);
    }

    @Test
    void predictionsFeedEvaluateAndGiveTheSameMetrics() throws IOException {
        Path predictions = predictWithLabels();

        CliRunner fromFile = CliRunner.run("evaluate", "--predictions", predictions.toString(), "--task", "multiclass",
                "--out", tmp.resolve("a.json").toString());
        CliRunner fromModel = CliRunner.run("evaluate", "--model", WINE.resolve("model").toString(),
                "--data", WINE.resolve("holdout.csv").toString(), "--out", tmp.resolve("b.json").toString());

        assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
        assertThat(fromModel.exitCode()).as(fromModel.err()).isZero();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(json.readTree(tmp.resolve("a.json").toFile()).get("metrics"))
                .isEqualTo(json.readTree(tmp.resolve("b.json").toFile()).get("metrics"));
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
