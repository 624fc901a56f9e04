package io.ctkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser takes its input in blocks of code units, and the UTF-8 decoder its bytes in
 * whatever pieces the stream gives: every record must come out the same wherever those
 * boundaries fall. Each test parses its text with every block size from 1 up and with
 * streams that give 1, 2, 3 or many bytes per read.
 */
class CsvBlockBoundaryTest {
    private static final int[] TRICKLES = {1, 2, 3, Integer.MAX_VALUE};

    @Test
    void quotedFieldsWithDoubledQuotesAndLineBreaksSpanningBlockBoundaries() throws IOException {
        String csv = "a,b\n\"x,\"\"y\"\"\nz\",2\r\n\"\",\"\"\"\"\n\"end\"";
        List<String> expected = List.of("1: [a, b]", "2: [x,\"y\"\nz, 2]", "4: [, \"]", "5: [end]");
        for (int block = 1; block <= csv.length() + 1; block++) {
            for (int trickle : TRICKLES) {
                assertThat(records(csv, block, trickle)).as("block %d, trickle %d", block, trickle)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void crAtABlockEndIsOneLineBreakWithTheLfAfterItAndOneAlone() throws IOException {
        // CRLF, lone CR and LF, in and out of quotes, with the CR at every position of a block.
        String csv = "a,b\r\n1,2\r3,4\r\n\"p\r\nq\",\"r\rs\"\r\n\r\n5,6\r";
        List<String> expected = List.of("1: [a, b]", "2: [1, 2]", "3: [3, 4]", "4: [p\r\nq, r\rs]", "8: [5, 6]");
        for (int block = 1; block <= csv.length() + 1; block++) {
            for (int trickle : TRICKLES) {
                assertThat(records(csv, block, trickle)).as("block %d, trickle %d", block, trickle)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void nonAsciiUtf8SplitAcrossByteAndBlockBoundariesDecodesTheSame() throws IOException {
        // Two-, three- and four-byte sequences (the last a surrogate pair in UTF-16), a BOM first.
        String csv = "\uFEFFname,city\n\"zürich, ß\",日本 🚀\né,\"🚀🚀\"\n";
        List<String> expected = List.of("1: [name, city]", "2: [zürich, ß, 日本 🚀]", "3: [é, 🚀🚀]");
        for (int block = 1; block <= 12; block++) {
            for (int trickle : TRICKLES) {
                assertThat(records(csv, block, trickle)).as("block %d, trickle %d", block, trickle)
                        .isEqualTo(expected);
            }
            assertThat(records(CharInput.of(new TrickleReader(new StringReader(csv), 1)), block))
                    .as("reader, block %d", block).isEqualTo(expected);
        }
    }

    @Test
    void veryLongFieldsAcrossManyBlocksAreReadWhole() throws IOException {
        String longPlain = "v".repeat(300_000) + "é".repeat(70_000);
        String longQuoted = ("say \"\"hi\"\",\n" + "x".repeat(1000)).repeat(200);
        String csv = "a,b\n" + longPlain + ",\"" + longQuoted + "\"\nshort,\"\"\n";
        Dataset d = Csv.read(Schema.of(Column.text("a"), Column.text("b").withMissing(MissingPolicy.keep())), csv);
        assertThat(d.strings("a")).containsExactly(longPlain, "short");
        assertThat(d.string("b", 0)).isEqualTo(longQuoted.replace("\"\"", "\""));
        assertThat(d.string("b", 1)).isNull();
    }

    @Test
    void invalidUtf8IsReportedOnItsOwnLineWhereverTheBlocksEnd() throws IOException {
        byte[] bytes = "a,b\n1,2\n3,x?y\n4,5\n".getBytes(StandardCharsets.US_ASCII);
        bytes[11] = (byte) 0xFF;
        for (int block = 1; block <= bytes.length + 1; block++) {
            for (int trickle : TRICKLES) {
                var input = CharInput.of(new Trickle(new ByteArrayInputStream(bytes), trickle));
                var parser = new CsvParser(input, "data.csv", block);
                assertThat(parser.next()).containsExactly("a", "b");
                assertThat(parser.next()).containsExactly("1", "2");
                assertThatThrownBy(parser::next).as("block %d, trickle %d", block, trickle)
                        .hasMessage("data.csv:3: invalid UTF-8 (sequence starting with byte 0xFF at byte"
                                + " offset 11); save the file as UTF-8");
            }
        }
    }

    @Test
    void numbersAndCategoriesReadFromTheRecordEqualTheJdksAndTheFingerprintHashesEveryByte() throws Exception {
        Schema schema = Schema.of(Column.classLabel("label", List.of("0", "1")), Column.number("score"),
                Column.category("channel", List.of("web", "shop")).withMissing(MissingPolicy.keep()));
        var csv = new StringBuilder("label,score,channel\n");
        var random = new java.util.SplittableRandom(12);
        List<String> scores = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String score = Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-30, 30)));
            scores.add(score);
            csv.append(i % 3 == 0 ? "1" : "0").append(',').append(score).append(',')
                    .append(i % 7 == 0 ? "" : i % 2 == 0 ? "web" : "shop").append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Dataset d = DatasetReader.of(schema).read(new Trickle(new ByteArrayInputStream(bytes), 3), "data.csv");
        assertThat(d.rowCount()).isEqualTo(5000);
        double[] values = d.numbers("score");
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits(values[i])).as(scores.get(i))
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(scores.get(i))));
        }
        assertThat(d.string("channel", 0)).isNull();
        assertThat(d.string("channel", 2)).isEqualTo("web").isSameAs(d.string("channel", 4));
        assertThat(d.string("label", 3)).isEqualTo("1").isSameAs(d.string("label", 6));
        assertThat(d.fingerprint()).isEqualTo("sha256:"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    /** Each record as "line: [fields]", parsed with the given block size from a trickling stream. */
    private static List<String> records(String csv, int block, int trickle) throws IOException {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        return records(CharInput.of(new Trickle(new ByteArrayInputStream(bytes), trickle)), block);
    }

    private static List<String> records(CharInput input, int block) throws IOException {
        var parser = new CsvParser(input, "data.csv", block);
        var out = new ArrayList<String>();
        for (List<String> r; (r = parser.next()) != null; ) {
            out.add(parser.recordLine() + ": " + r);
        }
        return out;
    }

    /** A stream that gives at most {@code most} bytes per read, as a pipe or socket may. */
    private static final class Trickle extends InputStream {
        private final InputStream in;
        private final int most;

        Trickle(InputStream in, int most) {
            this.in = in;
            this.most = most;
        }

        @Override
        public int read() throws IOException {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.read(b, off, Math.min(len, most));
        }
    }

    /** A reader that gives at most {@code most} characters per read. */
    private static final class TrickleReader extends Reader {
        private final Reader in;
        private final int most;

        TrickleReader(Reader in, int most) {
            this.in = in;
            this.most = most;
        }

        @Override
        public int read(char[] c, int off, int len) throws IOException {
            return in.read(c, off, Math.min(len, most));
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
