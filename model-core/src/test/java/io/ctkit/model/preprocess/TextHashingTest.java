package io.ctkit.model.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextHashingTest {

    private static final JsonNode FIXTURE = Fixtures.json("text_hashing.json");

    static Stream<Named<JsonNode>> tokenizesLikePythonReference() {
        return cases("tokens", "text");
    }

    @ParameterizedTest
    @MethodSource
    void tokenizesLikePythonReference(JsonNode testCase) {
        List<String> expected = new ArrayList<>();
        testCase.get("tokens").forEach(t -> expected.add(t.textValue()));

        assertThat(TextHashing.tokens(testCase.get("text").textValue()))
                .as("tokens of %s", testCase.get("text")).containsExactlyElementsOf(expected);
    }

    static Stream<Named<JsonNode>> bucketsMatchScikitLearnMurmurHash() {
        return cases("buckets", "token");
    }

    @ParameterizedTest
    @MethodSource
    void bucketsMatchScikitLearnMurmurHash(JsonNode testCase) {
        String token = testCase.get("token").textValue();
        int hash = Murmur3.hash32(token.getBytes(StandardCharsets.UTF_8), 0);

        assertThat(Integer.toUnsignedLong(hash)).as("hash of %s", token).isEqualTo(testCase.get("hash").longValue());
        assertThat(TextHashing.bucket(token, testCase.get("buckets").intValue()))
                .as("bucket of %s", token).isEqualTo(testCase.get("bucket").intValue());
    }

    @Test
    void theBucketFixtureHoldsMoreThanAHundredTokens() {
        assertThat(FIXTURE.get("buckets").size()).isGreaterThan(100);
    }

    /** The fixture's cases in one section, each named by its {@code field}. */
    private static Stream<Named<JsonNode>> cases(String section, String field) {
        List<Named<JsonNode>> cases = new ArrayList<>();
        FIXTURE.get(section).forEach(c -> cases.add(named(c.get(field).toString(), c)));
        return cases.stream();
    }

    @Test
    void murmurMatchesPublishedTestVectors() {
        assertThat(Murmur3.hash32(new byte[0], 0)).isZero();
        assertThat(Murmur3.hash32(new byte[0], 1)).isEqualTo(0x514E28B7);
        assertThat(Murmur3.hash32(new byte[] {0, 0, 0, 0}, 0)).isEqualTo(0x2362F9DE);
        assertThat(Murmur3.hash32("Hello, world!".getBytes(StandardCharsets.US_ASCII), 1234)).isEqualTo(0xFAF6CDB3);
    }

    @Test
    void separatesOnPunctuationAndKeepsRepeats() {
        assertThat(TextHashing.tokens("Room-service, room SERVICE!")).containsExactly("room", "service", "room", "service");
        assertThat(TextHashing.tokens("  ...  ")).isEmpty();
    }

    @Test
    void refusesNonPositiveBuckets() {
        assertThatThrownBy(() -> TextHashing.bucket("a", 0)).hasMessage("buckets must be positive: 0");
    }
}
