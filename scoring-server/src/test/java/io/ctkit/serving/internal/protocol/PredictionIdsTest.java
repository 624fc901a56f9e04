package io.ctkit.serving.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PredictionIdsTest {

    @Test
    void everyIdTheServerGivesIsWellFormedAndUnique() {
        PredictionIds ids = new PredictionIds();
        Set<String> seen = new HashSet<>();
        // past 0xf, 0xff and 0xfff, where the counter gains a digit
        for (int i = 0; i < 5000; i++) {
            String id = ids.next();
            assertThat(PredictionIds.isWellFormed(id)).as(id).isTrue();
            assertThat(seen.add(id)).as(id).isTrue();
        }
        assertThat(PredictionIds.isWellFormed(PredictionIds.EXAMPLE)).isTrue();
    }

    @Test
    void twoServersDrawDifferentPrefixes() {
        String a = new PredictionIds().next();
        String b = new PredictionIds().next();
        assertThat(a.substring(0, 17)).isNotEqualTo(b.substring(0, 17));
        assertThat(a.substring(17)).isEqualTo(b.substring(17)).isEqualTo("1");
    }

    @Test
    void theLongestCounterIsWellFormed() {
        assertThat(PredictionIds.isWellFormed("3f9c0a12d4e5b6a7-" + Long.toHexString(Long.MAX_VALUE))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "abc", "3f9c0a12d4e5b6a7", "3f9c0a12d4e5b6a7-", "3f9c0a12d4e5b6a7-0",
        "3f9c0a12d4e5b6a7-01a", "3F9C0A12D4E5B6A7-1A", "3f9c0a12d4e5b6a7-1A", "3f9c0a12d4e5b6a-1a",
        "3f9c0a12d4e5b6a7a-1a", "3f9c0a12d4e5b6a7_1a", "3f9c0a12d4e5b6a7--1a", "3f9c0a12d4e5b6a7-1g",
        "3f9c0a12d4e5b6a7-1a ", " 3f9c0a12d4e5b6a7-1a", "3f9c0a12d4e5b6a7-1a\n", "3f9c0a12d4e5b6a7-1-2",
        "3f9c0a12d4e5b6a7-10000000000000000", "3f9c0a12d4e5b6a7-\u0661", "\uff13f9c0a12d4e5b6a7-1a",
        "6f4756e2-beb5-ab58-1a2b-3c4d5e6f7a8b"})
    void whatNoServerCanHaveGivenIsRefused(String id) {
        assertThat(PredictionIds.isWellFormed(id)).as("\"%s\"", id).isFalse();
    }
}
