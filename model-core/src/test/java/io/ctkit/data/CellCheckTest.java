package io.ctkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellCheckTest {

    @Test
    void acceptsWhatTheReaderAccepts() {
        assertThat(CellCheck.problem(Column.number("x").withRange(0.0, 10.0), "2.5e0")).isEmpty();
        assertThat(CellCheck.problem(Column.time("t"), "2024-05-31")).isEmpty();
        assertThat(CellCheck.problem(Column.category("c", List.of("a", "b")), "b")).isEmpty();
    }

    @Test
    void refusesInTheReadersWords() throws Exception {
        Column spend = Column.number("spend").withRange(0.0, 100.0);

        assertThat(CellCheck.problem(spend, "12,5x")).hasValue("\"12,5x\" is not a number");
        assertThat(CellCheck.problem(spend, "101")).hasValue("\"101\" is above the maximum 100");
        assertThat(CellCheck.problem(Column.category("c", List.of("a")), "z"))
                .hasValueSatisfying(m -> assertThat(m).contains("\"z\" is not a known category"));
        assertThatThrownBy(() -> Csv.read(Schema.of(spend), "spend\n\"12,5x\"\n"))
                .hasMessageContaining("\"12,5x\" is not a number");
    }

    @Test
    void anUnknownCategoryThatCountsAsMissingIsNoProblemHere() {
        Column c = Column.category("c", List.of("a")).withUnknown(UnknownCategory.MISSING);

        assertThat(CellCheck.problem(c, "z")).isEmpty();
    }
}
