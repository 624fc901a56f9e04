package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"wine", "wine-classifier", "w.2", "A_b-3", "7up"})
    void acceptsSafeNames(String name) throws Exception {
        assertThat(Names.model(name)).isEqualTo(name);
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertThatThrownBy(() -> Names.model("a/b")).hasMessage("model name \"a/b\" contains a path separator");
        assertThatThrownBy(() -> Names.model("a\\b")).hasMessage("model name \"a\\b\" contains a path separator");
        assertThatThrownBy(() -> Names.model("..")).hasMessage("model name \"..\" contains \"..\"");
        assertThatThrownBy(() -> Names.model("a\0b")).hasMessage("model name \"a\\x00b\" contains a NUL character");
        assertThatThrownBy(() -> Names.model("x".repeat(200))).hasMessageContaining("is 200 characters long");
        assertThatThrownBy(() -> Names.model("-x")).hasMessageContaining("must start with a letter or digit");
        assertThatThrownBy(() -> Names.model("ü")).hasMessageContaining("may hold only letters");
        assertThatThrownBy(() -> Names.alias("123")).hasMessageContaining("all digits");
        assertThatThrownBy(() -> Names.text("reason", "a\0")).hasMessage("reason contains a NUL character");
    }
}
