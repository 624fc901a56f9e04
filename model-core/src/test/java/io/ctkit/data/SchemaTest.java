package io.ctkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.ctkit.config.ConfigException;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaTest {

    private static Map<String, Object> schemaWith(Map<String, Object> column) {
        var columns = new ArrayList<Object>();
        columns.add(Map.of("name", "id", "type", "id"));
        columns.add(column);
        return Map.of("columns", columns);
    }

    private static Map<String, Object> col(Object... keysAndValues) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    @Test
    void readsEveryKeyFromTheMapForm() {
        Schema s = Schema.fromMap(Map.of(
                "missingValues", List.of("", "NA"),
                "columns", List.of(
                        col("name", "spend", "type", "number", "min", 0, "max", 1e4, "missing", "keep"),
                        col("name", "channel", "type", "category", "values", List.of("email", "search"),
                                "unknown", "missing", "missing", "fill", "fill", "email"),
                        col("name", "note", "type", "text", "missing", "skip-row"),
                        col("name", "day", "type", "time"),
                        col("name", "y", "type", "label", "kind", "classification", "values", List.of("no", "yes")))));
        assertThat(s.missingValues()).containsExactly("", "NA");
        assertThat(s.columns()).containsExactly(
                Column.number("spend").withRange(0.0, 10_000.0).withMissing(MissingPolicy.keep()),
                Column.category("channel", List.of("email", "search")).withUnknown(UnknownCategory.MISSING)
                        .withMissing(MissingPolicy.fill("email")),
                Column.text("note").withMissing(MissingPolicy.skipRow()),
                Column.time("day"),
                Column.classLabel("y", List.of("no", "yes")));
        assertThat(s.label()).map(Column::name).contains("y");
    }

    @Test
    void toMapReadsBackToAnEqualSchema() {
        Schema s = Schema.builder()
                .column(Column.id("id"))
                .column(Column.number("x").withRange(-1.0, null).withMissing(MissingPolicy.fill("0")))
                .column(Column.category("c", List.of("a", "b")).withUnknown(UnknownCategory.KEEP))
                .column(Column.regressionLabel("y"))
                .missingValues("", "?")
                .build();
        assertThat(Schema.fromMap(s.toMap())).isEqualTo(s);
    }

    @Test
    void defaultsToEmptyCellAsTheOnlyMissingValue() {
        assertThat(Schema.fromMap(Map.of("columns", List.of(col("name", "a", "type", "text")))).missingValues())
                .containsExactly("");
    }

    @Test
    void unknownTypeNamesThePathAndTheChoices() {
        assertThatThrownBy(() -> Schema.fromMap(schemaWith(col("name", "spend", "type", "nmber"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("schema.columns[1].type: unknown type \"nmber\"; expected number, category,"
                        + " text, label, id, time (did you mean \"number\"?)");
    }

    static Stream<Arguments> rejectsUnknownKeys() {
        return Stream.of(
                arguments(schemaWith(col("name", "x", "type", "number", "mni", 0)),
                        "schema.columns[1].mni: unknown field; expected one of fill, kind, max, min,"
                                + " missing, name, type, unknown, values (did you mean \"min\"?)"),
                arguments(Map.of("columns", List.of(), "missing", List.of()),
                        "schema.missing: unknown field; expected one of columns, missingValues"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void rejectsUnknownKeys(Map<String, Object> schema, String message) {
        assertThatThrownBy(() -> Schema.fromMap(schema)).hasMessage(message);
    }

    static Stream<Arguments> namesMissingRequiredKeys() {
        return Stream.of(
                arguments(Map.of(), "schema.columns: missing; this field is required"),
                arguments(schemaWith(col("type", "number")), "schema.columns[1].name: missing; this field is required"),
                arguments(schemaWith(col("name", "y", "type", "label")),
                        "schema.columns[1].kind: missing; this field is required"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void namesMissingRequiredKeys(Map<String, Object> schema, String message) {
        assertThatThrownBy(() -> Schema.fromMap(schema)).hasMessage(message);
    }

    static Stream<Arguments> rejectsKeysThatDoNotApplyToTheType() {
        return Stream.of(
                arguments(schemaWith(col("name", "c", "type", "category", "min", 1)),
                        "schema.columns[1].min: not allowed for a category column; it applies only to"
                                + " number columns and regression labels"),
                arguments(schemaWith(col("name", "y", "type", "label", "kind", "regression", "values", List.of("a"))),
                        "schema.columns[1].values: not allowed for a regression label column; it applies"
                                + " only to category columns and classification labels"),
                arguments(schemaWith(col("name", "t", "type", "text", "kind", "regression")),
                        "schema.columns[1].kind: not allowed for a text column; it applies only to label columns"),
                arguments(schemaWith(col("name", "c", "type", "category", "unknown", "keep")),
                        "schema.columns[1].unknown: needs \"values\" to decide what is unknown"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void rejectsKeysThatDoNotApplyToTheType(Map<String, Object> schema, String message) {
        assertThatThrownBy(() -> Schema.fromMap(schema)).hasMessage(message);
    }

    static Stream<Arguments> checksValuesOfEnumsNumbersAndLists() {
        return Stream.of(
                arguments(schemaWith(col("name", "x", "type", "number", "missing", "drop")),
                        "schema.columns[1].missing: unknown value \"drop\"; expected error, skip-row, keep, fill"),
                arguments(schemaWith(col("name", "x", "type", "number", "min", "0")),
                        "schema.columns[1].min: expected a number, got \"0\""),
                arguments(schemaWith(col("name", "x", "type", "number", "min", 5, "max", 1)),
                        "schema.columns[1].max: max 1 is below min 5"),
                arguments(schemaWith(col("name", "c", "type", "category", "values", List.of("a", true))),
                        "schema.columns[1].values[1]: expected a string, got true (quote it, \"true\", to give the"
                                + " text exactly as written)"),
                arguments(schemaWith(col("name", 7, "type", "text")),
                        "schema.columns[1].name: expected a string, got 7 (quote it, \"7\", to give the text exactly"
                                + " as written)"),
                arguments(Map.of("columns", List.of("x")),
                        "schema.columns[0]: expected a map with name and type, got \"x\""));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void checksValuesOfEnumsNumbersAndLists(Map<String, Object> schema, String message) {
        assertThatThrownBy(() -> Schema.fromMap(schema)).hasMessage(message);
    }

    @Test
    void refusesNumbersWhereCategoryValuesBelongInsteadOfConvertingThem() {
        // values: [0, 1, 2] in YAML are numbers; CSV cells are text, and "01" or "1.0" would never match
        assertThatThrownBy(() -> Schema.fromMap(schemaWith(
                col("name", "y", "type", "label", "kind", "classification", "values", List.of(0, 1, 2)))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("schema.columns[1].values[0]: expected a string, got 0 (quote it, \"0\", to give the text"
                        + " exactly as written)");
    }

    @Test
    void acceptsDigitsAsQuotedCategoryValues() {
        assertThat(Schema.fromMap(schemaWith(
                col("name", "y", "type", "label", "kind", "classification", "values", List.of("0", "1", "2"))))
                .column("y").orElseThrow().values()).containsExactly("0", "1", "2");
    }

    static Stream<Arguments> checksFillValues() {
        return Stream.of(
                arguments(schemaWith(col("name", "x", "type", "number", "missing", "fill")),
                        "schema.columns[1]: missing: fill needs a \"fill\" value"),
                arguments(schemaWith(col("name", "x", "type", "number", "missing", "fill", "fill", "zero")),
                        "schema.columns[1].fill: column \"x\": fill value \"zero\" is not a number"),
                arguments(schemaWith(col("name", "x", "type", "number", "fill", 0)),
                        "schema.columns[1].fill: only allowed with missing: fill (missing is error)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void checksFillValues(Map<String, Object> schema, String message) {
        assertThatThrownBy(() -> Schema.fromMap(schema)).hasMessage(message);
    }

    @Test
    void readsANumericFillValueAsText() {
        assertThat(Schema.fromMap(schemaWith(col("name", "x", "type", "number", "missing", "fill", "fill", 0.5)))
                .column("x").orElseThrow().missing()).isEqualTo(MissingPolicy.fill("0.5"));
    }

    static Stream<Arguments> rejectsDuplicateNamesAndSecondLabel() {
        return Stream.of(
                arguments(schemaWith(col("name", "id", "type", "text")),
                        "schema.columns[1].name: duplicate column name \"id\" (also columns[0])"),
                arguments(Map.of("columns", List.of(col("name", "a", "type", "label", "kind", "regression"),
                                col("name", "b", "type", "label", "kind", "regression"))),
                        "schema.columns[1].type: a second label column; at most one is allowed"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void rejectsDuplicateNamesAndSecondLabel(Map<String, Object> schema, String message) {
        assertThatThrownBy(() -> Schema.fromMap(schema)).hasMessage(message);
    }

    @Test
    void schemaOfRejectsAColumnDeclaredTwice() {
        assertThatThrownBy(() -> Schema.of(Column.text("a"), Column.number("a")))
                .hasMessage("column \"a\" is declared twice (columns 0 and 1)");
    }

    @Test
    void usesTheCallersPathPrefix() {
        assertThatThrownBy(() -> Schema.fromMap(Map.of("columns", "x"), "pipeline.data.schema"))
                .hasMessage("pipeline.data.schema.columns: expected a list, got \"x\"")
                .extracting(e -> ((ConfigException) e).path()).isEqualTo("pipeline.data.schema.columns");
    }

    static Stream<Arguments> columnRecordValidatesCombinations() {
        return Stream.of(
                refusal(() -> Column.number("x").withRange(2.0, 1.0), "column \"x\": min 2.0 is greater than max 1.0"),
                refusal(() -> Column.category("c", List.of("a", "a")), "column \"c\": value \"a\" is listed twice"),
                refusal(() -> Column.category("c").withUnknown(UnknownCategory.KEEP),
                        "column \"c\": unknown-category handling needs declared values"),
                refusal(() -> Column.category("c", List.of("a")).withMissing(MissingPolicy.fill("b")),
                        "column \"c\": fill value \"b\" is not a known category; expected one of [a]"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource
    void columnRecordValidatesCombinations(ThrowingCallable column, String message) {
        assertThatThrownBy(column).hasMessage(message);
    }

    private static Arguments refusal(ThrowingCallable call, String message) {
        return arguments(call, message);
    }
}
