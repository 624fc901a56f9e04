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
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aWriterThatFailsHalfWayOnANewFileLeavesNothing() throws Exception {
        Path file = tmp.resolve("data/train.csv");

        assertThatThrownBy(() -> AtomicFiles.writeIfAbsent(file, CRASHES_HALF_WAY)).hasMessage("disk on fire");

        assertThat(file).doesNotExist();
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).isEmpty();
        }
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
        try (Stream<Path> left = Files.list(real.getParent())) {
            assertThat(left).containsExactly(real);
        }
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

    @Test
    void aFailureOfTheTargetsStreamNamesTheTarget() throws Exception {
        Path file = Files.writeString(tmp.resolve("model.json"), "old");

        // a write after the target's stream is closed fails in the stream itself, as a full disk would
        assertThatThrownBy(() -> AtomicFiles.write(file, out -> {
            out.close();
            out.write('x');
        })).isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot write " + file + ": ")
                .hasMessageNotContaining(".tmp");
        assertThat(Files.readString(file)).isEqualTo("old");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void aLongFileNameCanBeWritten() throws Exception {
        Path file = tmp.resolve("m".repeat(250) + ".json");

        AtomicFiles.write(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("{}");
    }
}
