package io.ctkit.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    private static final AtomicFiles.Content CRASHES_HALF_WAY = out -> {
        out.write("date,channel\n2024-01-01,se".getBytes(StandardCharsets.UTF_8));
        out.flush();
        throw new IOException("disk on fire");
    };

    @Test
    void aWriterThatFailsHalfWayLeavesTheOldFileIntactAndNoTemporaryFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("train.csv"), "the old content\n");

        assertThatThrownBy(() -> AtomicFiles.write(file, CRASHES_HALF_WAY)).hasMessage("disk on fire");

        assertThat(Files.readString(file)).isEqualTo("the old content\n");
        assertHolds(tmp, file);
    }

    @Test
    void aWriterThatFailsHalfWayOnANewFileLeavesNothing() throws Exception {
        Path file = tmp.resolve("data/train.csv");

        assertThatThrownBy(() -> AtomicFiles.writeIfAbsent(file, CRASHES_HALF_WAY)).hasMessage("disk on fire");

        assertThat(file).doesNotExist();
        assertHolds(file.getParent());
    }

    @Test
    void writtenFilesAreReadableByOthersAndReplaceTheOldOne() throws Exception {
        Path file = Files.writeString(tmp.resolve("r.json"), "old");

        AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void writeIfAbsentKeepsAnExistingFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("train.csv"), "edited by hand");

        boolean written = AtomicFiles.writeIfAbsent(file, out -> out.write('x'));

        assertThat(written).isFalse();
        assertThat(Files.readString(file)).isEqualTo("edited by hand");
    }

    @Test
    void aFileSystemFailureNamesTheTargetNotTheTemporaryFile() {
        Path file = Path.of("/proc/ctkit-test/x.csv");

        assertThatThrownBy(() -> AtomicFiles.write(file, new byte[] {1}))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write /proc/ctkit-test/x.csv: ")
                .hasMessageNotContaining(".tmp");
    }

    @Test
    void anExistingFileKeepsItsPermissions() throws Exception {
        Path secret = Files.writeString(tmp.resolve("registry.env"), "old");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Path script = Files.writeString(tmp.resolve("retrain.sh"), "old");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));

        AtomicFiles.write(secret, "new".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(script, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(secret)).isEqualTo("new");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(script))).isEqualTo("rwxr-x---");
    }

    @Test
    void aNewFileIsReadableByOthers() throws Exception {
        Path file = tmp.resolve("new/report.json");

        AtomicFiles.write(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws Exception {
        Path real = Files.writeString(Files.createDirectories(tmp.resolve("shared")).resolve("params.json"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("params.json"), real);

        AtomicFiles.write(link, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(real)).isEqualTo("new");
        assertHolds(real.getParent(), real);
    }

    @Test
    void aContentWritersOwnFileSystemFailureIsPassedOnUnchanged() {
        Path file = tmp.resolve("out.csv");
        java.nio.file.NoSuchFileException missing = new java.nio.file.NoSuchFileException("/data/source.csv");

        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            throw missing;
        })).isSameAs(missing);
        assertThat(file).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "swallows", "wraps"})
    void aFullDiskNamesTheTargetAndKeepsTheOldFileWhateverTheWriterDoesWithTheError(String writer)
            throws Exception {
        Path file = Files.writeString(tmp.resolve("model.json"), "old");
        // a JVM whose files may not grow past 128 blocks (64 or 128 KiB, by the shell): writing the
        // 1 MB fails as on a full disk (EFBIG)
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder("sh", "-c", "ulimit -f 128 && exec \"$0\" -cp \"$1\" "
                + FullDiskChild.class.getName() + " \"$2\" " + writer,
                java, System.getProperty("java.class.path"), file.toString())
                .redirectErrorStream(true).start();
        String said = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();

        assertThat(child.waitFor()).isZero();
        assertThat(said).isEqualTo("cannot write " + file + ": File too large"
                + (writer.equals("wraps") ? " [suppressed: export failed]" : ""));
        assertThat(Files.readString(file)).isEqualTo("old");
        assertHolds(tmp, file);
    }

    @Test
    void aWriterMayCloseTheStream() throws Exception {
        Path file = tmp.resolve("params.json");

        AtomicFiles.write(file, out -> {
            try (java.io.Writer text = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                text.write("{\"epochs\": 5}");
            }
        });

        assertThat(Files.readString(file)).isEqualTo("{\"epochs\": 5}");
    }

    @Test
    void aDanglingSymbolicLinkIsWrittenThroughAndStaysALink() throws Exception {
        Path runs = Files.createDirectories(tmp.resolve("runs"));
        Path link = Files.createSymbolicLink(tmp.resolve("current.json"), Path.of("runs/params.json"));

        AtomicFiles.write(link, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(runs.resolve("params.json"))).isEqualTo("new");
    }

    @Test
    void aSymbolicLinkLoopIsAClearError() throws Exception {
        Path a = tmp.resolve("a.json");
        Files.createSymbolicLink(a, tmp.resolve("b.json"));
        Files.createSymbolicLink(tmp.resolve("b.json"), a);

        assertThatThrownBy(() -> AtomicFiles.write(a, new byte[] {1}))
                .hasMessage("cannot write " + a + ": too many levels of symbolic links");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void aLongFileNameCanBeWritten(int which) throws Exception {
        String name = new String[] {
            "m".repeat(250) + ".json",
            "\u6a21".repeat(80) + ".j", // 242 bytes of UTF-8 in 82 characters
            "a".repeat(63) + "\ud83d\ude00" + ".json", // a surrogate pair across the 64th character
        }[which];
        Path file = tmp.resolve(name);

        AtomicFiles.write(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("{}");
        assertHolds(tmp, file);
    }

    /** Asserts that {@code dir} holds exactly {@code files}: no temporary file left behind, nothing else. */
    private static void assertHolds(Path dir, Path... files) throws IOException {
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).containsExactly(files);
        }
    }
}
