package io.ctkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CellCheckTest {

    static Stream<Arguments> acceptsWhatTheReaderAccepts() {
        return Stream.of(
                arguments(Column.number("x").withRange(0.0, 10.0), "2.5e0"),
                arguments(Column.time("t"), "2024-05-31"),
                arguments(Column.category("c", List.of("a", "b")), "b"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void acceptsWhatTheReaderAccepts(Column column, String cell) {
        assertThat(CellCheck.problem(column, cell)).isEmpty();
    }

    private static final Column SPEND = Column.number("spend").withRange(0.0, 100.0);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "12,5x | \"12,5x\" is not a number",
        "101   | \"101\" is above the maximum 100",
    })
    void refusesInTheReadersWords(String cell, String problem) {
        assertThat(CellCheck.problem(SPEND, cell)).hasValue(problem);
    }

    @Test
    void refusesAnUnknownCategory() {
        assertThat(CellCheck.problem(Column.category("c", List.of("a")), "z"))
                .hasValueSatisfying(m -> assertThat(m).contains("\"z\" is not a known category"));
    }

    @Test
    void theReaderRefusesTheCellInTheSameWords() {
        assertThatThrownBy(() -> Csv.read(Schema.of(SPEND), "spend\n\"12,5x\"\n"))
                .hasMessageContaining("\"12,5x\" is not a number");
    }

    @Test
    void anUnknownCategoryThatCountsAsMissingIsNoProblemHere() {
        Column c = Column.category("c", List.of("a")).withUnknown(UnknownCategory.MISSING);

        assertThat(CellCheck.problem(c, "z")).isEmpty();
    }
}
