package io.ctkit.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random tables written with RFC 4180 quoting read back unchanged. */
class CsvRoundTripTest {

    record Table(List<String> header, List<List<String>> rows, String lineEnd) {
    }

    @Provide
    Arbitrary<Table> tables() {
        // Cells are built from code points so that surrogates always come in valid pairs.
        Arbitrary<String> cell = Arbitraries.oneOf(
                Arbitraries.of(",", "\"", "\r", "\n", "\r\n", " ", "a", "b", "é", "日", "\uD83D\uDE80", "\uFEFF")
                        .list().ofMaxSize(8).map(parts -> String.join("", parts)),
                Arbitraries.integers().between(0, Character.MAX_CODE_POINT)
                        .filter(cp -> cp < 0xD800 || cp > 0xDFFF)
                        .list().ofMaxSize(6).map(cps -> cps.stream()
                                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                                .toString()),
                Arbitraries.strings().alpha().ofMaxLength(5));
        return Arbitraries.integers().between(1, 5).flatMap(width -> {
            Arbitrary<List<String>> header = Arbitraries.strings().withChars("abc,\" \n").ofMinLength(1)
                    .ofMaxLength(4).filter(h -> !h.isBlank()).list().ofSize(width).uniqueElements();
            Arbitrary<List<List<String>>> rows = cell.list().ofSize(width)
                    .filter(r -> width > 1 || !r.get(0).isEmpty())
                    .list().ofMaxSize(12);
            return Combinators.combine(header, rows, Arbitraries.of("\n", "\r\n")).as(Table::new);
        });
    }

    @Property(tries = 500)
    void quotedTablesRoundTrip(@ForAll("tables") Table table) throws IOException {
        var b = Schema.builder();
        table.header().forEach(h -> b.column(Column.text(h).withMissing(MissingPolicy.keep())));
        Schema schema = b.build();
        Dataset d = Csv.read(schema, write(table));
        assertThat(d.rowCount()).isEqualTo(table.rows().size());
        for (int c = 0; c < table.header().size(); c++) {
            var expected = new ArrayList<String>();
            for (List<String> row : table.rows()) {
                expected.add(row.get(c).isEmpty() ? null : row.get(c));
            }
            assertThat(d.strings(table.header().get(c))).containsExactlyElementsOf(expected);
        }
    }

    /** Quotes only where needed, as common writers do, and quotes every field on odd rows. */
    private static String write(Table t) {
        var sb = new StringBuilder();
        appendRow(sb, t.header(), false, t.lineEnd());
        for (int r = 0; r < t.rows().size(); r++) {
            appendRow(sb, t.rows().get(r), r % 2 == 1, t.lineEnd());
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> fields, boolean quoteAll, String end) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i);
            boolean quote = quoteAll || f.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\r'
                    || ch == '\n') || (i == 0 && f.startsWith("\uFEFF"));
            sb.append(quote ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
        }
        sb.append(end);
    }
}
