package io.ctkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetHeaderTest {

    @TempDir
    Path tmp;

    @Test
    void headerGivesTheColumnNamesParsedAsCsv() throws IOException {
        Path file = tmp.resolve("p.csv");
        Files.writeString(file, "\uFEFFlabel,\"prob_a,b\",prob_c\nx,0.5,0.5\n");

        assertThat(DatasetReader.header(file)).containsExactly("label", "prob_a,b", "prob_c");
    }

    @Test
    void headerOfAnEmptyFileIsAnErrorNamingIt() throws IOException {
        Path file = tmp.resolve("empty.csv");
        Files.writeString(file, "");

        assertThatThrownBy(() -> DatasetReader.header(file))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("empty.csv")
                .hasMessageContaining("no header row");
    }
}
