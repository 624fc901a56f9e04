package io.ctkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CsvParsingTest {
    private static final Schema TEXT_AB = Schema.of(Column.text("a"), Column.text("b"));

    @Test
    void readsQuotedFieldsWithCommasEscapedQuotesAndEmbeddedNewlines() throws IOException {
        Dataset d = Csv.read(TEXT_AB, "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"line1\nline2\",\"cr\r\nlf\"\n");
        assertThat(d.strings("a")).containsExactly("x,y", "line1\nline2");
        assertThat(d.strings("b")).containsExactly("say \"hi\"", "cr\r\nlf");
    }

    @Test
    void acceptsCrlfLfAndLoneCrLineEndingsAndNoFinalNewline() throws IOException {
        Dataset d = Csv.read(TEXT_AB, "a,b\r\n1,2\n3,4\r5,6");
        assertThat(d.strings("a")).containsExactly("1", "3", "5");
        assertThat(d.strings("b")).containsExactly("2", "4", "6");
    }

    @Test
    void dropsUtf8BomAndKeepsUnicode() throws IOException {
        byte[] body = "a,b\nzürich,日本 🚀\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Dataset d = Csv.read(TEXT_AB, withBom);
        assertThat(d.string("a", 0)).isEqualTo("zürich");
        assertThat(d.string("b", 0)).isEqualTo("日本 🚀");
    }

    @Test
    void skipsBlankLinesButCountsThemInLineNumbers() throws IOException {
        Schema schema = Schema.of(Column.number("a"), Column.text("b"));
        Dataset d = Csv.read(schema, "a,b\n\n1,x\n\r\n2,y\n\n");
        assertThat(d.numbers("a")).containsExactly(1, 2);
        assertThatThrownBy(() -> Csv.read(schema, "a,b\n\n1,x\n\nzz,y\n"))
                .hasMessage("data.csv:5: column \"a\" (1): \"zz\" is not a number");
    }

    @Test
    void quotedEmptyAndTrailingEmptyFieldsAreEmptyStrings() throws IOException {
        Schema schema = Schema.of(Column.text("a").withMissing(MissingPolicy.keep()), Column.text("b"),
                Column.text("c").withMissing(MissingPolicy.fill("-")));
        Dataset d = Csv.read(schema, "a,b,c\n\"\",x,\n");
        assertThat(d.string("a", 0)).isNull();
        assertThat(d.string("c", 0)).isEqualTo("-");
    }

    @Test
    void reportsErrorsOnTheLineWhereTheRecordStartsAfterEmbeddedNewlines() {
        Schema schema = Schema.of(Column.text("a"), Column.number("n"));
        assertThatThrownBy(() -> Csv.read(schema, "a,n\n\"two\nlines\",1\n\"x\",oops\n"))
                .hasMessage("data.csv:4: column \"n\" (2): \"oops\" is not a number");
    }

    @Test
    void refusesAnUnterminatedQuoteNamingTheLineItOpened() {
        assertThatThrownBy(() -> Csv.read(TEXT_AB, "a,b\n1,2\n3,\"open\nmore\n"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("data.csv:3: column 2: unterminated quoted field (the quote opened on line 3"
                        + " is never closed); add the closing quote");
    }

    @Test
    void refusesTextAfterAClosingQuote() {
        assertThatThrownBy(() -> Csv.read(TEXT_AB, "a,b\n1,\"ab\"c\n"))
                .hasMessage("data.csv:2: column 2: unexpected character 'c' after a closing quote;"
                        + " a quote inside a quoted field must be doubled (\"\")");
    }

    @Test
    void refusesAQuoteInsideAnUnquotedField() {
        assertThatThrownBy(() -> Csv.read(TEXT_AB, "a,b\nab\"c,1\n"))
                .hasMessage("data.csv:2: column 1: a quote inside an unquoted field; enclose the whole"
                        + " field in quotes and double the quotes inside it (\"\")");
    }

    @Test
    void refusesWrongFieldCount() {
        assertThatThrownBy(() -> Csv.read(TEXT_AB, "a,b\n1,2\n3\n4,5,6\n"))
                .hasMessage("data.csv:3: expected 2 fields as in the header, found 1");
    }

    @Test
    void refusesInvalidUtf8WithItsLine() {
        byte[] bytes = "a,b\n1,2\n3,x?y\n".getBytes(StandardCharsets.US_ASCII);
        bytes[11] = (byte) 0xFF;
        assertThatThrownBy(() -> Csv.read(TEXT_AB, bytes))
                .hasMessage("data.csv:3: invalid UTF-8 (sequence starting with byte 0xFF at byte offset 11);"
                        + " save the file as UTF-8");
    }

    static Stream<Named<byte[]>> refusesOverlongAndTruncatedUtf8() {
        return Stream.of(
                named("overlong", new byte[] {'a', ',', 'b', '\n', 'x', ',', (byte) 0xC0, (byte) 0xAF, '\n'}),
                named("truncated", new byte[] {'a', ',', 'b', '\n', 'x', ',', (byte) 0xE6, (byte) 0x97}),
                named("surrogate", new byte[] {'a', ',', 'b', '\n', 'x', ',', (byte) 0xED, (byte) 0xA0, (byte) 0x80}));
    }

    @ParameterizedTest
    @MethodSource
    void refusesOverlongAndTruncatedUtf8(byte[] csv) {
        assertThatThrownBy(() -> Csv.read(TEXT_AB, csv)).hasMessageStartingWith("data.csv:2: invalid UTF-8");
    }

    @Test
    void refusesAnEmptyFileAsHavingNoHeaderRow() {
        assertThatThrownBy(() -> Csv.read(TEXT_AB, ""))
                .hasMessage("data.csv: no header row; the file is empty and the first line must name the columns");
    }

    @Test
    void refusesAFileOfBlankLinesAsHavingNoHeaderRow() {
        assertThatThrownBy(() -> Csv.read(TEXT_AB, "\n\r\n"))
                .hasMessageContaining("no header row");
    }

    @Test
    void refusesDuplicateHeaderNames() {
        assertThatThrownBy(() -> Csv.read(TEXT_AB, "a,b,a\n1,2,3\n"))
                .hasMessage("data.csv:1: column 3: duplicate header name \"a\" (also column 1);"
                        + " header names must be unique");
    }

    @Test
    void matchesColumnsByNameIgnoringExtraColumns() throws IOException {
        Dataset d = Csv.read(TEXT_AB, "extra,b,a\nz,2,1\n");
        assertThat(d.string("a", 0)).isEqualTo("1");
        assertThat(d.string("b", 0)).isEqualTo("2");
    }

    @Test
    void namesMissingDeclaredColumnsAndTheHeaderFound() {
        Schema schema = Schema.of(Column.text("a"), Column.number("spend"), Column.id("customer"));
        assertThatThrownBy(() -> Csv.read(schema, "a,b\n1,2\n"))
                .hasMessage("data.csv:1: declared columns \"spend\", \"customer\" not in the header;"
                        + " the header has: a, b");
    }

    @Test
    void readerInputGivesTheSameDataAndFingerprintAsUtf8Bytes() throws IOException {
        String text = "a,b\nzürich,\"🚀,x\"\n";
        Dataset fromBytes = Csv.read(TEXT_AB, text);
        Dataset fromReader = DatasetReader.of(TEXT_AB).read(new StringReader(text), "data.csv");
        assertThat(fromReader.strings("b")).containsExactly(fromBytes.strings("b"));
        assertThat(fromReader.fingerprint()).isEqualTo(fromBytes.fingerprint());
    }
}
