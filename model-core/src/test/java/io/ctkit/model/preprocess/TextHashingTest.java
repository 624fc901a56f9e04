package io.ctkit.model.preprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextHashingTest {

    private static final JsonNode FIXTURE = Fixtures.json("text_hashing.json");

    @Test
    void tokenizesLikePythonReference() {
        for (JsonNode testCase : FIXTURE.get("tokens")) {
            List<String> expected = new ArrayList<>();
            testCase.get("tokens").forEach(t -> expected.add(t.textValue()));

            assertThat(TextHashing.tokens(testCase.get("text").textValue()))
                    .as("tokens of %s", testCase.get("text")).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void bucketsMatchScikitLearnMurmurHash() {
        int checked = 0;
        for (JsonNode testCase : FIXTURE.get("buckets")) {
            String token = testCase.get("token").textValue();
            int hash = Murmur3.hash32(token.getBytes(StandardCharsets.UTF_8), 0);

            assertThat(Integer.toUnsignedLong(hash)).as("hash of %s", token).isEqualTo(testCase.get("hash").longValue());
            assertThat(TextHashing.bucket(token, testCase.get("buckets").intValue()))
                    .as("bucket of %s", token).isEqualTo(testCase.get("bucket").intValue());
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
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
