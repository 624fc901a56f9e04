package io.ctkit.bundle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pax header that describes a sparse file is refused, not ignored (found by bench/decisions'
 * differential fuzzing against Commons Compress, which reads such entries as sparse files).
 */
class TarSparseTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"GNU.sparse.map=0,10", "GNU.sparse.size=100", "GNU.sparse.major=1", "GNU.sparse.name=model.json"})
    void aSparseFileRecordIsRefusedNamingIt(String record) throws Exception {
        byte[] model = "{}".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(tmp.resolve("b.tar"), new RawTar().pax(record).file("model.json", model).end());

        assertThatThrownBy(() -> Bundle.open(file)).isInstanceOf(BundleException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("describes a sparse file (" + record.substring(0, record.indexOf('=')) + ")")
                .hasMessageContaining("a bundle holds regular files only");
    }
}
