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
}
