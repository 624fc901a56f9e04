package io.ctkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetReaderTest {
    private static final Schema SPEND = Schema.of(Column.id("id"), Column.number("spend"));

    @Test
    void storesEveryColumnTypeInItsColumnarForm() throws IOException {
        Schema schema = Schema.of(Column.id("id"), Column.number("spend"),
                Column.category("channel", List.of("email", "search")), Column.text("note"),
                Column.time("day"), Column.classLabel("outcome", List.of("no", "yes")));
        Dataset d = Csv.read(schema, "id,spend,channel,note,day,outcome\n"
                + "c1,-12.5,email,hello,2024-05-31,yes\n"
                + "c2,3e2,search,\"a, b\",2024-06-01T10:15:30+02:00,no\n"
                + "c3,.5,email,x,2024-06-02T00:00:00,yes\n");
        assertSoftly(softly -> {
            softly.assertThat(d.rowCount()).isEqualTo(3);
            softly.assertThat(d.strings("id")).containsExactly("c1", "c2", "c3");
            softly.assertThat(d.numbers("spend")).containsExactly(-12.5, 300.0, 0.5);
            softly.assertThat(d.strings("channel")).containsExactly("email", "search", "email");
            softly.assertThat(d.strings("note")).containsExactly("hello", "a, b", "x");
            softly.assertThat(d.times("day")).containsExactly(Instant.parse("2024-05-31T00:00:00Z"),
                    Instant.parse("2024-06-01T08:15:30Z"), Instant.parse("2024-06-02T00:00:00Z"));
            softly.assertThat(d.labels()).containsExactly("yes", "no", "yes");
            softly.assertThat(d.classes()).containsExactly("no", "yes");
            softly.assertThat(d.labelIndices(List.of("no", "yes"))).containsExactly(1, 0, 1);
            softly.assertThat(d.labelIndices(List.of("yes", "no"))).containsExactly(0, 1, 0);
            softly.assertThat(d.source()).isEqualTo("data.csv");
        });
    }

    private static final Schema NON_NEGATIVE_TARGET = Schema.of(Column.regressionLabel("y").withRange(0.0, null));

    @Test
    void regressionLabelsAreNumbersWithBounds() throws IOException {
        assertThat(Csv.read(NON_NEGATIVE_TARGET, "y\n1.5\n2\n").targets()).containsExactly(1.5, 2.0);
    }

    @Test
    void regressionLabelsBelowTheirMinimumAreRefused() {
        assertThatThrownBy(() -> Csv.read(NON_NEGATIVE_TARGET, "y\n-1\n"))
                .hasMessage("data.csv:2: column \"y\" (1): \"-1\" is below the minimum 0");
    }

    private static Dataset undeclaredClasses() throws IOException {
        return Csv.read(Schema.of(Column.classLabel("y", List.of())), "y\nb\na\nc\na\n");
    }

    @Test
    void undeclaredClassesAreTheSortedDistinctLabels() throws IOException {
        assertThat(undeclaredClasses().classes()).containsExactly("a", "b", "c");
    }

    @Test
    void labelIndicesRefuseALabelOutsideTheGivenClasses() throws IOException {
        Dataset d = undeclaredClasses();
        assertThatThrownBy(() -> d.labelIndices(List.of("a", "b")))
                .hasMessage("data.csv: row 2 (source row 2) has label \"c\", which is not among the classes [a, b]");
    }

    @Test
    void labelIndicesAreTheSameWithFewOrManyClassesAndWithLabelsReadAgain() throws IOException {
        // 20 classes (more than are matched by identity), labels repeating, each class listed
        // in reverse; then the same with 3 classes, whose Strings the reader shares between rows.
        StringBuilder many = new StringBuilder("y\n");
        List<String> classes = new java.util.ArrayList<>();
        for (int i = 19; i >= 0; i--) {
            classes.add("c" + i);
        }
        int[] expected = new int[60];
        for (int r = 0; r < 60; r++) {
            many.append("c").append(r * 7 % 20).append('\n');
            expected[r] = 19 - r * 7 % 20;
        }
        assertThat(Csv.read(Schema.of(Column.classLabel("y", List.of())), many.toString()).labelIndices(classes))
                .containsExactly(expected);
        Dataset few = Csv.read(Schema.of(Column.classLabel("y", List.of("x", "y", "z"))), "y\nz\nx\nz\ny\nx\n");
        assertThat(few.labelIndices(List.of("z", "y", "x"))).containsExactly(0, 2, 0, 1, 2);
        assertThat(few.labelIndices(List.of(new String("x"), new String("y"), new String("z"))))
                .containsExactly(2, 0, 2, 1, 0);
        assertThatThrownBy(() -> few.labelIndices(List.of("x", "y")))
                .hasMessage("data.csv: row 0 (source row 0) has label \"z\", which is not among the classes [x, y]");
    }

    @Test
    void badNumberNamesFileLineColumnAndValue() {
        assertThatThrownBy(() -> Csv.read(SPEND, "id,spend\na,1\nb,\"12,5x\"\n"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("data.csv:3: column \"spend\" (2): \"12,5x\" is not a number");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {" 1", "1 ", "NaN", "Infinity", "0x1p3", "1d", "1e", "+", ".", "1,5"})
    void numbersAreStrictDecimalNotation(String bad) {
        assertThatThrownBy(() -> Csv.read(SPEND, "id,spend\na,\"" + bad + "\"\n"))
                .as(bad).hasMessageEndingWith("is not a number");
    }

    @Test
    void numbersBeyondTheRangeOfADoubleAreRefused() {
        assertThatThrownBy(() -> Csv.read(SPEND, "id,spend\na,1e999\n"))
                .hasMessage("data.csv:2: column \"spend\" (2): \"1e999\" is out of the range of a double");
    }

    @Test
    void enforcesMinAndMax() {
        Schema schema = Schema.of(Column.number("spend").withRange(0.0, 10_000.0));
        assertThatThrownBy(() -> Csv.read(schema, "spend\n12000\n"))
                .hasMessage("data.csv:2: column \"spend\" (1): \"12000\" is above the maximum 10000");
    }

    @Test
    void unknownCategoryIsAnErrorByDefault() {
        Schema schema = Schema.of(Column.category("channel", List.of("email", "search")));
        assertThatThrownBy(() -> Csv.read(schema, "channel\nemail\ntv\n"))
                .hasMessage("data.csv:3: column \"channel\" (1): \"tv\" is not a known category;"
                        + " expected one of [email, search]");
    }

    @Test
    void unknownClassIsAnErrorByDefault() {
        Schema labels = Schema.of(Column.classLabel("y", List.of("no", "yes")));
        assertThatThrownBy(() -> Csv.read(labels, "y\nmaybe\n"))
                .hasMessage("data.csv:2: column \"y\" (1): \"maybe\" is not a known class;"
                        + " expected one of [no, yes]");
    }

    private static final Column CHANNEL = Column.category("channel", List.of("email", "search"));

    @Test
    void unknownCategoryCanBeKept() throws IOException {
        assertThat(Csv.read(Schema.of(CHANNEL.withUnknown(UnknownCategory.KEEP)), "channel\ntv\n")
                .strings("channel")).containsExactly("tv");
    }

    @Test
    void unknownCategoryTreatedAsMissingIsFilledByTheMissingPolicy() throws IOException {
        Column asMissing = CHANNEL.withUnknown(UnknownCategory.MISSING);
        assertThat(Csv.read(Schema.of(asMissing.withMissing(MissingPolicy.fill("email"))), "channel\ntv\n")
                .strings("channel")).containsExactly("email");
    }

    @Test
    void unknownCategoryTreatedAsMissingIsAnErrorWhenMissingValuesAre() {
        Column asMissing = CHANNEL.withUnknown(UnknownCategory.MISSING);
        assertThatThrownBy(() -> Csv.read(Schema.of(asMissing), "channel\ntv\n"))
                .hasMessage("data.csv:2: column \"channel\" (1): \"tv\" is not among the declared values"
                        + " (unknown: missing) and a missing value is not allowed; set the column's"
                        + " missing policy to skip-row, keep or fill to allow it");
    }

    @Test
    void missingValueIsAnErrorByDefault() {
        assertThatThrownBy(() -> Csv.read(SPEND, "id,spend\na,\n"))
                .hasMessage("data.csv:2: column \"spend\" (2): missing value (empty cell); set the column's"
                        + " missing policy to skip-row, keep or fill to allow it");
    }

    private static final Schema NA_IS_MISSING = new Schema(List.of(Column.number("x").withMissing(MissingPolicy.keep()),
            Column.text("t")), List.of("", "NA"));

    @Test
    void missingValuesAreConfigurableAndCompareExactly() throws IOException {
        Dataset d = Csv.read(NA_IS_MISSING, "x,t\nNA,a\n,b\n3,c\n");
        assertThat(d.numbers("x")).containsExactly(Double.NaN, Double.NaN, 3.0);
    }

    @Test
    void aConfiguredMissingValueIsRefusedWhereTheColumnAllowsNone() {
        assertThatThrownBy(() -> Csv.read(NA_IS_MISSING, "x,t\n1,NA\n"))
                .hasMessage("data.csv:2: column \"t\" (2): missing value (\"NA\"); set the column's"
                        + " missing policy to skip-row, keep or fill to allow it");
    }

    @Test
    void missingValuesAreMatchedCaseSensitively() {
        assertThatThrownBy(() -> Csv.read(NA_IS_MISSING, "x,t\nna,a\n")).hasMessageEndingWith("\"na\" is not a number");
    }

    @Test
    void skipRowDropsRowsAndCountsThem() throws IOException {
        Schema schema = Schema.of(Column.id("id"), Column.number("x").withMissing(MissingPolicy.skipRow()));
        Dataset d = Csv.read(schema, "id,x\na,1\nb,\nc,3\nd,\n");
        assertThat(d.strings("id")).containsExactly("a", "c");
        assertThat(d.skippedRows()).isEqualTo(2);
        assertThat(d.sourceRows()).containsExactly(0, 2);
    }

    @Test
    void fillReplacesMissingWithTheConvertedConstant() throws IOException {
        Schema schema = Schema.of(Column.number("x").withMissing(MissingPolicy.fill("-1")),
                Column.time("t").withMissing(MissingPolicy.fill("2020-01-01")));
        Dataset d = Csv.read(schema, "x,t\n,\n");
        assertThat(d.number("x", 0)).isEqualTo(-1.0);
        assertThat(d.time("t", 0)).isEqualTo(Instant.parse("2020-01-01T00:00:00Z"));
    }

    @Test
    void timesWithZoneIdsAndFractionsOfSecondsAreRead() throws IOException {
        Schema schema = Schema.of(Column.time("day"));
        assertThat(Csv.read(schema, "day\n2024-05-31T13:45:00+02:00[Europe/Paris]\n2024-05-31T13:45:00.5\n")
                .times("day")).containsExactly(Instant.parse("2024-05-31T11:45:00Z"),
                Instant.parse("2024-05-31T13:45:00.5Z"));
    }

    @Test
    void badTimeExplainsTheAcceptedForms() {
        Schema schema = Schema.of(Column.time("day"));
        assertThatThrownBy(() -> Csv.read(schema, "day\n31/05/2024\n"))
                .hasMessage("data.csv:2: column \"day\" (1): \"31/05/2024\" is not an ISO-8601 date"
                        + " (2024-05-31) or date-time (2024-05-31T13:45:00Z)");
    }

    @Test
    void collectsUpToMaxErrorsAndListsThemAll() {
        DatasetReader reader = DatasetReader.of(SPEND).withMaxErrors(10);
        DatasetException e = catchThrowableOfType(() -> Csv.read(reader,
                "id,spend\na,x\nb,2\nc\nd,\ne,1\n"), DatasetException.class);
        assertThat(e.problems()).extracting(DataProblem::line).containsExactly(2L, 4L, 5L);
        assertThat(e.truncated()).isFalse();
        assertThat(e.getMessage()).isEqualTo(String.join(System.lineSeparator(),
                "3 problems in data.csv:",
                "  data.csv:2: column \"spend\" (2): \"x\" is not a number",
                "  data.csv:4: expected 2 fields as in the header, found 1",
                "  data.csv:5: column \"spend\" (2): missing value (empty cell); set the column's missing"
                        + " policy to skip-row, keep or fill to allow it"));
    }

    @Test
    void stopsAtTheErrorLimitAndSaysSo() {
        DatasetReader reader = DatasetReader.of(SPEND).withMaxErrors(2);
        DatasetException e = catchThrowableOfType(() -> Csv.read(reader,
                "id,spend\na,x\nb,y\nc,z\n"), DatasetException.class);
        assertThat(e.problems()).hasSize(2);
        assertThat(e.truncated()).isTrue();
        assertThat(e.getMessage()).startsWith("2 problems in data.csv (stopped at the error limit;"
                + " there may be more):");
    }

    @Test
    void theErrorLimitIsAtLeastOne() {
        assertThatThrownBy(() -> DatasetReader.of(SPEND).withMaxErrors(0)).hasMessage("maxErrors must be at least 1: 0");
    }

    @Test
    void fingerprintIsSha256OfTheExactFileBytes(@TempDir Path dir) throws Exception {
        byte[] bytes = "\uFEFFid,spend\r\na,1\r\n".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve("data.csv"), bytes);
        Dataset d = DatasetReader.of(SPEND).read(file);
        String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(d.fingerprint()).isEqualTo(expected);
        assertThat(d.source()).isEqualTo(file.toString());
        assertThat(DatasetReader.of(SPEND).read(file).fingerprint()).isEqualTo(expected);
    }

    @Test
    void oneChangedByteChangesTheFingerprint() throws IOException {
        String a = Csv.read(SPEND, "id,spend\na,1\n").fingerprint();
        assertThat(Csv.read(SPEND, "id,spend\na,1\n").fingerprint()).isEqualTo(a);
        assertThat(Csv.read(SPEND, "id,spend\na,2\n").fingerprint()).isNotEqualTo(a);
        assertThat(Csv.read(SPEND, "id,spend\na,1\r\n").fingerprint()).isNotEqualTo(a);
        assertThat(a).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void arrayGettersReturnCopies() throws IOException {
        Dataset d = Csv.read(SPEND, "id,spend\na,1\n");
        d.numbers("spend")[0] = 99;
        d.strings("id")[0] = "z";
        assertThat(d.number("spend", 0)).isEqualTo(1.0);
        assertThat(d.string("id", 0)).isEqualTo("a");
    }

    @Test
    void wrongAccessorNamesTheColumnKind() throws IOException {
        Dataset d = Csv.read(SPEND, "id,spend\na,1\n");
        assertThatThrownBy(() -> d.strings("spend"))
                .hasMessage("column \"spend\" is a number column and does not hold text");
    }

    @Test
    void unknownColumnIsNamedWithTheColumnsThereAre() throws IOException {
        Dataset d = Csv.read(SPEND, "id,spend\na,1\n");
        assertThatThrownBy(() -> d.numbers("nope"))
                .hasMessage("no column \"nope\" in data.csv; columns: [id, spend]");
    }

    @Test
    void labelsOfASchemaWithoutLabelColumnAreRefused() throws IOException {
        Dataset d = Csv.read(SPEND, "id,spend\na,1\n");
        assertThatThrownBy(d::labels).hasMessage("the schema of data.csv declares no label column");
    }

    @Test
    void selectMaterializesRowsInTheGivenOrder() throws IOException {
        Dataset d = Csv.read(SPEND, "id,spend\na,1\nb,2\nc,3\n");
        Dataset s = d.select(new int[] {2, 0});
        assertThat(s.strings("id")).containsExactly("c", "a");
        assertThat(s.numbers("spend")).containsExactly(3, 1);
        assertThat(s.sourceRows()).containsExactly(2, 0);
        assertThat(s.fingerprint()).isEqualTo(d.fingerprint());
    }

    @Test
    void selectRefusesRowsOutsideTheDataset() throws IOException {
        Dataset d = Csv.read(SPEND, "id,spend\na,1\nb,2\nc,3\n");
        assertThatThrownBy(() -> d.select(new int[] {3})).hasMessage("row 3 is outside 0..2");
    }
}
