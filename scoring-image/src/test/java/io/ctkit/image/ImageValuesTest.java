package io.ctkit.image;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image's value types refuse bad values and name them; no Docker engine is needed for that. */
class ImageValuesTest {

    private static final Path WINE = Docker.projectRoot().resolve("examples/wine-classifier/model");
    private static final Path SERVER_JAR = Path.of("server.jar");

    @Test
    void aTargetWithAnInvalidReferenceIsRefusedWithTheValue() {
        assertThatThrownBy(() -> new ImageTarget.Daemon("Not A Reference"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"Not A Reference\"");
    }

    @Test
    void aModelVersionBelowOneIsRefusedWithTheValue() {
        assertThatThrownBy(() -> new ScoringImageSpec(WINE, 0, SERVER_JAR, "x", 8080, List.of()))
                .hasMessage("model version must be a positive number: 0");
    }

    @Test
    void aPortOutOfRangeIsRefusedWithTheValue() {
        assertThatThrownBy(() -> new ScoringImageSpec(WINE, 1, SERVER_JAR, "x", 70000, List.of()))
                .hasMessage("port must be between 1 and 65535: 70000");
    }
}
