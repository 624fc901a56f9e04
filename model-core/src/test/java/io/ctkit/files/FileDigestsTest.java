package io.ctkit.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctkit.data.Column;
import io.ctkit.data.DatasetReader;
import io.ctkit.data.Schema;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file's digest is the fingerprint of the data set read from it, across many read blocks. */
class FileDigestsTest {

    @TempDir
    Path tmp;

    @Test
    void aFilesSha256IsTheFingerprintOfTheDataReadFromIt() throws Exception {
        StringBuilder csv = new StringBuilder("\uFEFFx,kind\n");
        for (int i = 0; i < 30_000; i++) {
            csv.append(i * 0.25).append(i % 3 == 0 ? ",größer\n" : ",small\n");
        }
        Path file = tmp.resolve("data.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        String digest = FileDigests.sha256(file);

        assertThat(digest).isEqualTo("sha256:" + HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
        assertThat(digest).isEqualTo(DatasetReader.of(Schema.of(Column.number("x"),
                Column.category("kind", List.of("größer", "small")))).read(file).fingerprint());
        assertThatThrownBy(() -> FileDigests.sha256(tmp.resolve("none.csv"))).isInstanceOf(NoSuchFileException.class);
    }
}
