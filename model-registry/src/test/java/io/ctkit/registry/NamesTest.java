package io.ctkit.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"wine", "wine-classifier", "w.2", "A_b-3", "7up"})
    void acceptsSafeNames(String name) throws Exception {
        assertThat(Names.model(name)).isEqualTo(name);
    }

    static Stream<Arguments> refusalsSayWhatIsWrong() {
        return Stream.of(
                arguments("a/b", "model name \"a/b\" contains a path separator"),
                arguments("a\\b", "model name \"a\\b\" contains a path separator"),
                arguments("..", "model name \"..\" contains \"..\""),
                arguments("a\0b", "model name \"a\\x00b\" contains a NUL character"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void refusalsSayWhatIsWrong(String name, String message) {
        assertThatThrownBy(() -> Names.model(name)).hasMessage(message);
    }

    static Stream<Arguments> refusalsNameTheRuleBroken() {
        return Stream.of(
                arguments("x".repeat(200), "is 200 characters long"),
                arguments("-x", "must start with a letter or digit"),
                arguments("ü", "may hold only letters"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void refusalsNameTheRuleBroken(String name, String rule) {
        assertThatThrownBy(() -> Names.model(name)).hasMessageContaining(rule);
    }

    @Test
    void aliasesOfDigitsOnlyAreRefused() {
        assertThatThrownBy(() -> Names.alias("123")).hasMessageContaining("all digits");
    }

    @Test
    void textWithANulCharacterIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Names.text("reason", "a\0")).hasMessage("reason contains a NUL character");
    }
}
