package io.ctkit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SplitTest {
    private static final Schema ROWS = Schema.of(Column.number("i"),
            Column.classLabel("y", List.of()).withMissing(MissingPolicy.keep()));

    private static Dataset rows(int n, List<String> labels) throws IOException {
        var sb = new StringBuilder("i,y\n");
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(labels.get(i)).append('\n');
        }
        return Csv.read(ROWS, sb.toString());
    }

    private static Dataset rows(int n) throws IOException {
        return rows(n, IntStream.range(0, n).mapToObj(i -> "a").toList());
    }

    private static int[] ids(Dataset d) {
        return Arrays.stream(d.numbers("i")).mapToInt(v -> (int) v).toArray();
    }

    private static JsonNode fixture() throws IOException {
        try (InputStream in = SplitTest.class.getResourceAsStream("/fixtures/data/splits.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    private static Stream<Named<JsonNode>> fixtureSection(String section) throws IOException {
        List<Named<JsonNode>> cases = new ArrayList<>();
        fixture().get(section).forEach(c -> cases.add(named(c.toString(), c)));
        return cases.stream();
    }

    static Stream<Named<JsonNode>> hashKeys() throws IOException {
        return fixtureSection("keys");
    }

    @ParameterizedTest
    @MethodSource("hashKeys")
    void hashKeysMatchTheIndependentPythonImplementation(JsonNode k) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long key = Splitting.key(sha, k.get("seed").asLong(), k.get("row").asLong());
        BigInteger unsigned = new BigInteger(Long.toUnsignedString(key ^ Long.MIN_VALUE));
        assertThat(unsigned).isEqualTo(new BigInteger(k.get("key").asText()));
    }

    static Stream<Named<JsonNode>> splitCases() throws IOException {
        return fixtureSection("cases");
    }

    @ParameterizedTest
    @MethodSource("splitCases")
    void splitsMatchTheIndependentPythonImplementation(JsonNode c) throws IOException {
        int n = c.get("n").asInt();
        JsonNode f = c.get("fractions");
        SplitFractions fractions = SplitFractions.of(f.get(0).asDouble(), f.get(1).asDouble(), f.get(2).asDouble());
        long seed = c.get("seed").asLong();
        Split split;
        if (c.get("kind").asText().equals("random")) {
            split = Split.random(rows(n), seed, fractions);
        } else {
            var labels = new ArrayList<String>();
            c.get("labels").forEach(l -> labels.add(l.asText()));
            split = Split.stratified(rows(n, labels), seed, fractions);
        }
        JsonNode parts = c.get("parts");
        assertSoftly(softly -> {
            softly.assertThat(ids(split.train())).as("train of %s", c).containsExactly(ints(parts.get(0)));
            softly.assertThat(ids(split.validation())).as("validation of %s", c).containsExactly(ints(parts.get(1)));
            softly.assertThat(ids(split.test())).as("test of %s", c).containsExactly(ints(parts.get(2)));
        });
    }

    @Test
    void sameSeedGivesSameSplitAndOtherSeedsDiffer() throws IOException {
        Dataset d = rows(200);
        SplitFractions f = SplitFractions.of(0.7, 0.15, 0.15);
        Split a = Split.random(d, 7, f);
        Split b = Split.random(d, 7, f);
        Split c = Split.random(d, 8, f);
        assertThat(ids(a.train())).containsExactly(ids(b.train()));
        assertThat(ids(a.test())).containsExactly(ids(b.test()));
        assertThat(ids(a.train())).isNotEqualTo(ids(c.train()));
    }

    @Test
    void partsAreDisjointCoverAllRowsAndHaveTheApportionedSizes() throws IOException {
        Dataset d = rows(101);
        Split s = Split.random(d, 1, SplitFractions.of(0.7, 0.15, 0.15));
        // 70.7, 15.15, 15.15 -> floors 70, 15, 15 and the one row left goes to train (.7 > .15)
        assertThat(s.train().rowCount()).isEqualTo(71);
        assertThat(s.validation().rowCount()).isEqualTo(15);
        assertThat(s.test().rowCount()).isEqualTo(15);
        var all = new ArrayList<Integer>();
        for (Dataset part : List.of(s.train(), s.validation(), s.test())) {
            int[] ids = ids(part);
            assertThat(ids).isSorted();
            Arrays.stream(ids).forEach(all::add);
        }
        assertThat(all).hasSize(101).doesNotHaveDuplicates();
    }

    static Stream<Arguments> largestRemainderCountsGiveTheLeftOverRowsToTheLargestRemainders() {
        SplitFractions thirds = SplitFractions.of(1 / 3.0, 1 / 3.0, 1 / 3.0);
        return Stream.of(
                arguments(thirds, 10, new int[] {4, 3, 3}),
                arguments(thirds, 0, new int[] {0, 0, 0}),
                arguments(SplitFractions.of(0.5, 0.25, 0.25), 1, new int[] {1, 0, 0}),
                arguments(SplitFractions.trainTest(0.8, 0.2), 7, new int[] {6, 0, 1}));
    }

    @ParameterizedTest(name = "{0} of {1} rows")
    @MethodSource
    void largestRemainderCountsGiveTheLeftOverRowsToTheLargestRemainders(SplitFractions fractions, int rows,
            int[] counts) {
        assertThat(fractions.counts(rows)).containsExactly(counts);
    }

    @Test
    void largestRemainderCountsAlwaysAddUp() {
        for (int n = 0; n < 300; n++) {
            assertThat(Arrays.stream(SplitFractions.of(0.61, 0.27, 0.12).counts(n)).sum()).as("%d rows", n).isEqualTo(n);
        }
    }

    @Test
    void fractionsAreValidated() {
        assertThatThrownBy(() -> SplitFractions.of(0.7, 0.2, 0.2))
                .hasMessageStartingWith("split fractions must sum to 1, but 0.7 + 0.2 + 0.2 = ");
    }

    @Test
    void eachFractionIsAProbability() {
        assertThatThrownBy(() -> SplitFractions.of(1.2, -0.2, 0))
                .hasMessage("train fraction must be in [0, 1]: 1.2");
    }

    @Test
    void stratifiedSplitKeepsClassSharesInEveryPart() throws IOException {
        var labels = new ArrayList<String>();
        for (int i = 0; i < 1000; i++) {
            labels.add(i % 10 == 0 ? "rare" : i % 3 == 0 ? "b" : "a");
        }
        labels.set(5, "");
        Dataset d = rows(1000, labels);
        Split s = Split.stratified(d, 99, SplitFractions.of(0.6, 0.2, 0.2));
        Map<String, Long> all = counts(d);
        for (Dataset part : List.of(s.train(), s.validation(), s.test())) {
            double share = part.rowCount() / 1000.0;
            counts(part).forEach((label, count) ->
                    assertThat((double) count).as(label).isCloseTo(all.get(label) * share,
                            org.assertj.core.data.Offset.offset(1.0)));
        }
        assertThat(counts(s.train()).get("rare")).isEqualTo(60);
        assertThat(s.train().rowCount() + s.validation().rowCount() + s.test().rowCount()).isEqualTo(1000);
    }

    private static Map<String, Long> counts(Dataset d) {
        var out = new TreeMap<String, Long>();
        for (String s : d.labels()) {
            out.merge(s == null ? "<missing>" : s, 1L, Long::sum);
        }
        return out;
    }

    @Test
    void stratifiedSplitNeedsAClassLabel() throws IOException {
        Dataset d = Csv.read(Schema.of(Column.regressionLabel("y")), "y\n1\n2\n");
        assertThatThrownBy(() -> Split.stratified(d, 1, SplitFractions.trainTest(0.5, 0.5)))
                .hasMessage("label column \"y\" is a regression label, not a classification label");
    }

    private static final Schema TIMED = Schema.of(Column.id("id"), Column.time("t"));

    private static Dataset timed() throws IOException {
        return Csv.read(TIMED, "id,t\na,2024-01-03\nb,2024-01-01\nc,2024-01-05T12:00:00Z\n"
                + "d,2024-01-04\ne,2024-01-02T23:59:59+01:00\n");
    }

    @Test
    void timeCutoffsSendEarlierRowsToTrainAndLaterToTest() throws IOException {
        Split s = Split.byTime(timed(), "t", Instant.parse("2024-01-03T00:00:00Z"),
                Instant.parse("2024-01-05T00:00:00Z"));
        assertThat(s.train().strings("id")).containsExactly("b", "e");
        assertThat(s.validation().strings("id")).containsExactly("a", "d");
        assertThat(s.test().strings("id")).containsExactly("c");
    }

    @Test
    void oneTimeCutoffLeavesTheValidationPartEmpty() throws IOException {
        Split two = Split.byTime(timed(), "t", Instant.parse("2024-01-04T00:00:00Z"));
        assertThat(two.train().strings("id")).containsExactly("a", "b", "e");
        assertThat(two.validation().rowCount()).isZero();
        assertThat(two.test().strings("id")).containsExactly("c", "d");
    }

    @Test
    void timeCutoffsMustBeInOrder() throws IOException {
        Dataset d = timed();
        assertThatThrownBy(() -> Split.byTime(d, "t", Instant.parse("2024-02-01T00:00:00Z"),
                Instant.parse("2024-01-01T00:00:00Z"))).hasMessageStartingWith("validation start 2024-02-01");
    }

    @Test
    void timeFractionTakesTheLatestRowsForTestWithTiesByRowIndex() throws IOException {
        Dataset d = Csv.read(TIMED, "id,t\na,2024-01-05\nb,2024-01-01\nc,2024-01-03\nd,2024-01-03\n"
                + "e,2024-01-02\n");
        Split s = Split.byTimeFraction(d, "t", SplitFractions.of(0.6, 0.2, 0.2));
        assertThat(s.train().strings("id")).containsExactly("b", "c", "e");
        assertThat(s.validation().strings("id")).containsExactly("d");
        assertThat(s.test().strings("id")).containsExactly("a");
    }

    @Test
    void timeSplitRefusesRowsWithoutTime() throws IOException {
        Schema schema = Schema.of(Column.id("id"), Column.time("t").withMissing(MissingPolicy.keep()));
        Dataset d = Csv.read(schema, "id,t\na,2024-01-01\nb,\n");
        assertThatThrownBy(() -> Split.byTimeFraction(d, "t", SplitFractions.trainTest(0.5, 0.5)))
                .hasMessage("row 1 has no value in time column \"t\"; a time split needs a time for every"
                        + " row (use missing: skip-row)");
    }
}
